import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyse } from '../helpers/core';

/*
 * Random small topologies, analysed by the engine and by a brute-force enumeration of
 * every up/down state of the basic events, written here from the format's definitions
 * without any of the engine's code.
 */

type Failure = { mtbf: number; mttr: number } | { availability: number } | null;
type Expr = { ref: string } | { op: 'all' | 'any' | 'atLeast'; k: number; members: Expr[]; failover?: number };
interface Comp { id: string; failure: Failure; replicas: number; quorum: number; requires: Expr[] }
interface Svc { id: string; own: Failure; requires: Expr[] }
interface Spec { components: Comp[]; services: Svc[] }

type Draw = <T>(arb: fc.Arbitrary<T>) => T;

function drawFailure(g: Draw, allowNever: boolean): Failure {
  const kind = g(fc.integer({ min: 0, max: allowNever ? 5 : 4 }));
  if (kind <= 2) return { mtbf: g(fc.integer({ min: 20, max: 5000 })), mttr: g(fc.integer({ min: 1, max: 40 })) };
  if (kind <= 4) return { availability: g(fc.integer({ min: 500, max: 999 })) / 1000 };
  return null;
}

function drawExpr(g: Draw, candidates: string[], depth: number): Expr {
  if (depth === 0 || g(fc.integer({ min: 0, max: 2 })) > 0) return { ref: g(fc.constantFrom(...candidates)) };
  const op = g(fc.constantFrom('all' as const, 'any' as const, 'atLeast' as const));
  const size = g(fc.integer({ min: 1, max: 3 }));
  const members = Array.from({ length: size }, () => drawExpr(g, candidates, depth - 1));
  const k = op === 'all' ? size : op === 'any' ? 1 : g(fc.integer({ min: 1, max: size }));
  const failover = op !== 'all' && size >= 2 && g(fc.boolean()) ? g(fc.integer({ min: 1, max: 30 })) : undefined;
  return failover === undefined ? { op, k, members } : { op, k, members, failover };
}

function drawSpec(g: Draw): Spec {
  const count = g(fc.integer({ min: 1, max: 6 }));
  const ids = Array.from({ length: count }, (_, i) => `c${i}`);
  const components: Comp[] = ids.map((id, i) => {
    const later = ids.slice(i + 1);
    const replicas = g(fc.integer({ min: 1, max: 3 }));
    const requires = later.length === 0 ? [] : Array.from({ length: g(fc.integer({ min: 0, max: 2 })) }, () => drawExpr(g, later, 2));
    return { id, failure: drawFailure(g, true), replicas, quorum: g(fc.integer({ min: 1, max: replicas })), requires };
  });
  const services: Svc[] = Array.from({ length: g(fc.integer({ min: 1, max: 2 })) }, (_, i) => ({
    id: `s${i}`,
    own: g(fc.boolean()) ? drawFailure(g, false) : null,
    requires: Array.from({ length: g(fc.integer({ min: 1, max: 2 })) }, () => drawExpr(g, ids, 2)),
  }));
  return { components, services };
}

function toYaml(spec: Spec): string {
  const failure = (f: Failure) => (f === null ? {} : 'availability' in f ? { availability: f.availability } : { mtbf: `${f.mtbf}h`, mttr: `${f.mttr}h` });
  const expr = (e: Expr): unknown => {
    if ('ref' in e) return e.ref;
    const members = e.members.map(expr);
    const group: Record<string, unknown> = e.op === 'atLeast' ? { atLeast: e.k, of: members } : { [e.op]: members };
    if (e.failover !== undefined) group.failover = `${e.failover}h`;
    return group;
  };
  // YAML 1.2 reads JSON, so JSON is a valid topology text.
  return JSON.stringify({
    topology: 'random',
    components: Object.fromEntries(spec.components.map((c) => [c.id, { ...failure(c.failure), replicas: c.replicas, quorum: c.quorum, requires: c.requires.map(expr) }])),
    services: Object.fromEntries(spec.services.map((s) => [s.id, { ...failure(s.own), requires: s.requires.map(expr) }])),
  });
}

interface Event { name: string; p: number; q: number; w: number; kind: 'basic' | 'own' | 'failover' }

/** The brute-force reference: enumerates all 2^n states of the basic events. */
class Reference {
  readonly events: Event[] = [];
  private readonly instanceEvents = new Map<string, number[]>();
  private readonly ownEvent = new Map<string, number>();
  private readonly failoverEvent = new Map<Expr, number>();

  constructor(private readonly spec: Spec) {
    const add = (name: string, f: Failure, kind: Event['kind']) => {
      if (f === null) return -1;
      const { p, q, w } = 'availability' in f ? { p: f.availability, q: 1 - f.availability, w: 0 } : { p: f.mtbf / (f.mtbf + f.mttr), q: f.mttr / (f.mtbf + f.mttr), w: 1 / (f.mtbf + f.mttr) };
      return this.events.push({ name, p, q, w, kind }) - 1;
    };
    for (const c of spec.components) {
      this.instanceEvents.set(c.id, Array.from({ length: c.replicas }, (_, r) => add(c.replicas > 1 ? `${c.id}#${r + 1}` : c.id, c.failure, 'basic')));
    }
    for (const s of spec.services) this.ownEvent.set(s.id, add(s.id, s.own, 'own'));
    // Failover pseudo-events, inner groups and deeper components first.
    const visit = (e: Expr) => {
      if ('ref' in e) return;
      e.members.forEach(visit);
      if (e.failover !== undefined) this.failoverEvent.set(e, this.events.push({ name: 'failover', p: 1, q: 0, w: 0, kind: 'failover' }) - 1);
    };
    for (const c of [...spec.components].reverse()) c.requires.forEach(visit);
    for (const s of spec.services) s.requires.forEach(visit);
    for (const [group, index] of this.failoverEvent) {
      if ('ref' in group) continue;
      const primary = group.members[0]!;
      const w = this.frequency((state) => this.holds(primary, state));
      const q = Math.min(1, w * group.failover!);
      this.events[index] = { name: 'failover', p: 1 - q, q, w, kind: 'failover' };
    }
  }

  componentUp(id: string, state: boolean[]): boolean {
    const c = this.spec.components.find((x) => x.id === id)!;
    const requires = c.requires.every((e) => this.holds(e, state));
    const up = this.instanceEvents.get(id)!.filter((e) => (e < 0 || state[e]!) && requires).length;
    return up >= c.quorum;
  }

  holds(e: Expr, state: boolean[]): boolean {
    if ('ref' in e) return this.componentUp(e.ref, state);
    const count = e.members.filter((m) => this.holds(m, state)).length;
    const failover = this.failoverEvent.get(e);
    return count >= e.k && (failover === undefined || state[failover]!);
  }

  serviceUp(s: Svc, state: boolean[]): boolean {
    const own = this.ownEvent.get(s.id)!;
    return (own < 0 || state[own]!) && s.requires.every((e) => this.holds(e, state));
  }

  /** P(f), with one event optionally forced up or down. */
  probability(f: (state: boolean[]) => boolean, forced?: { event: number; up: boolean }): number {
    const n = this.events.length;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      const state = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
      if (forced && state[forced.event] !== forced.up) continue;
      let weight = 1;
      for (let i = 0; i < n; i++) if (i !== forced?.event) weight *= state[i] ? this.events[i]!.p : this.events[i]!.q;
      if (f(state)) total += weight;
    }
    return total;
  }

  unavailability(f: (state: boolean[]) => boolean): number {
    return this.probability((state) => !f(state));
  }

  /**
   * P(up | event up) − P(up | event down), summed directly over the states of the other
   * events in which the event's state decides the outcome: positive terms, no cancellation.
   */
  birnbaum(f: (state: boolean[]) => boolean, event: number): number {
    const n = this.events.length;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (((mask >> event) & 1) === 0) continue;
      const state = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
      if (!f(state)) continue;
      state[event] = false;
      if (f(state)) continue;
      let weight = 1;
      for (let i = 0; i < n; i++) if (i !== event) weight *= state[i] ? this.events[i]!.p : this.events[i]!.q;
      total += weight;
    }
    return total;
  }

  frequency(f: (state: boolean[]) => boolean): number {
    return this.events.reduce((sum, e, i) => sum + (e.w > 0 ? this.birnbaum(f, i) * e.w : 0), 0);
  }
}

function close(actual: number | null, expected: number, label: string): void {
  assert.notEqual(actual, null, label);
  const error = Math.abs(actual! - expected);
  assert.ok(error <= 1e-9 * Math.abs(expected) + 1e-13, `${label}: engine ${actual}, enumeration ${expected}`);
}

describe('engine against brute-force enumeration', () => {
  it('agrees on availability, unavailability, frequency, single points of failure and fixes', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const spec = drawSpec((arb) => gen(() => arb));
        const reference = new Reference(spec);
        fc.pre(reference.events.length <= 11);
        const text = toYaml(spec);
        const result = analyse(text, { analysis: { maxBddNodes: 1_000_000, seed: 1, maxFixes: 100 } });
        assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], text);
        for (const service of spec.services) {
          const figures = result.services!.find((s) => s.id === service.id)!;
          const f = (state: boolean[]) => reference.serviceUp(service, state);
          const label = `${service.id} in ${text}`;
          close(figures.availability, reference.probability(f), `availability of ${label}`);
          close(figures.unavailability, reference.unavailability(f), `unavailability of ${label}`);
          close(figures.failuresPerYear, reference.frequency(f) * 8760, `failures per year of ${label}`);
          const allUp = reference.events.map(() => true);
          const spofs = f(allUp)
            ? reference.events.flatMap((e, i) => (e.kind === 'basic' && !f(allUp.map((_, j) => j !== i)) ? [e.name] : []))
            : [];
          assert.deepEqual([...figures.spofs].sort(), spofs.sort(), `single points of failure of ${label}`);
          for (const fix of figures.fixes) {
            if (fix.id.startsWith('failover:')) continue;
            const index = reference.events.findIndex((e) => e.name === fix.id && e.kind !== 'failover');
            // A(f | event up) − A(f) = q · Birnbaum importance.
            const saves = reference.events[index]!.q * reference.birnbaum(f, index) * 8760 * 60;
            close(fix.savesMinutesPerYear, saves, `fix ${fix.id} of ${label}`);
          }
          checked++;
        }
      }),
      { seed: 20261126, numRuns: 300, endOnFailure: true },
    );
    assert.ok(checked >= 200, `only ${checked} services were checked`);
  });
});
