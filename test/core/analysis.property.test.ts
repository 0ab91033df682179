import assert from 'node:assert/strict';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { analyse } from '../helpers/core';
import { drawSpec, needIn, toYaml, type CommonGroup, type Expr, type Group, type Phase, type Spec, type Svc } from '../helpers/randomTopology';

/*
 * Random small topologies, analysed by the engine and by a brute-force enumeration of
 * every up/down state of the basic events, written here from the format's definitions
 * without any of the engine's code.
 */

interface Event { name: string; p: number; q: number; w: number; kind: 'basic' | 'own' | 'failover' | 'maintenance' }

type State = boolean[];

/** The brute-force reference: enumerates all 2^n states of the basic events. */
class Reference {
  readonly events: Event[] = [];
  private readonly instanceEvents = new Map<string, number[][]>();
  private readonly ownEvent = new Map<string, number>();
  readonly failoverEvent = new Map<Group, { index: number; name: string; owner: string }>();
  readonly failoverFigures = new Map<string, { rate: number; s: number; sc: number }>();
  /** The load phase whose thresholds hold; call figureFailovers after changing it. */
  phase: Phase = 'peak';

  constructor(private readonly spec: Spec) {
    const add = (name: string, p: number, q: number, w: number, kind: Event['kind']) => this.events.push({ name, p, q, w, kind }) - 1;
    const rates = (mtbf: number, mttr: number) => ({ p: mtbf / (mtbf + mttr), q: mttr / (mtbf + mttr), w: 1 / (mtbf + mttr) });
    // The beta-factor model, from the format's definitions: own rate (1 − β)λ, common rate β·mean λ, mean repair.
    const groups = [
      ...spec.components.filter((c) => c.beta !== undefined && c.beta > 0).map((c) => ({ id: `common:${c.id}`, members: [c.id], beta: c.beta! })),
      ...spec.commonCause,
    ];
    const groupOf = new Map(groups.flatMap((group) => group.members.map((m) => [m, group] as const)));
    const commonEvent = new Map<CommonGroup, number>();
    for (const group of groups) {
      const failures = group.members.flatMap((id) => {
        const c = spec.components.find((x) => x.id === id)!;
        return Array.from({ length: c.replicas }, () => c.failure!);
      });
      if (failures.every((f) => 'mtbf' in f)) {
        const rate = group.beta * failures.reduce((sum, f) => sum + 1 / (f as { mtbf: number }).mtbf, 0) / failures.length;
        const repair = failures.reduce((sum, f) => sum + (f as { mttr: number }).mttr, 0) / failures.length;
        const r = rates(1 / rate, repair);
        commonEvent.set(group, add(group.id, r.p, r.q, r.w, 'basic'));
      } else {
        const q = group.beta * failures.reduce((sum, f) => sum + (1 - (f as { availability: number }).availability), 0) / failures.length;
        commonEvent.set(group, add(group.id, 1 - q, q, 0, 'basic'));
      }
    }
    for (const c of spec.components) {
      const beta = groupOf.get(c.id)?.beta ?? 0;
      const instances = Array.from({ length: c.replicas }, (_, r) => {
        const name = c.replicas > 1 ? `${c.id}#${r + 1}` : c.id;
        const list: number[] = [];
        const f = c.failure;
        if (f !== null) {
          if ('availability' in f) list.push(add(name, 1 - (1 - beta) * (1 - f.availability), (1 - beta) * (1 - f.availability), 0, 'basic'));
          else {
            const r2 = rates(f.mtbf / (1 - beta), f.mttr);
            list.push(add(name, r2.p, r2.q, r2.w, 'basic'));
          }
        }
        if (c.maintenance) {
          const q = c.maintenance.duration / c.maintenance.every;
          list.push(add(`${name} (maintenance)`, 1 - q, q, 1 / c.maintenance.every, 'maintenance'));
        }
        const group = groupOf.get(c.id);
        if (group) list.push(commonEvent.get(group)!);
        return list;
      });
      this.instanceEvents.set(c.id, instances);
    }
    for (const s of spec.services) {
      const f = s.own;
      this.ownEvent.set(s.id, f === null ? -1 : 'availability' in f ? add(s.id, f.availability, 1 - f.availability, 0, 'own') : (({ p, q, w }) => add(s.id, p, q, w, 'own'))(rates(f.mtbf, f.mttr)));
    }
    // Failover pseudo-events, inner groups and deeper components first; named in document order.
    const order: { group: Group; owner: string }[] = [];
    const visit = (e: Expr, owner: string) => {
      if ('ref' in e) return;
      e.members.forEach((m) => visit(m, owner));
      e.failover?.requires.forEach((m) => visit(m, owner));
      if (e.failover) order.push({ group: e, owner });
    };
    for (const c of [...spec.components].reverse()) c.requires.forEach((e) => visit(e, c.id));
    for (const s of spec.services) s.requires.forEach((e) => visit(e, s.id));
    const named: string[] = [];
    const documentOrder: (Group)[] = [];
    const walk = (e: Expr) => {
      if ('ref' in e) return;
      if (e.failover) documentOrder.push(e);
      e.members.forEach(walk);
      e.failover?.requires.forEach(walk);
    };
    for (const c of spec.components) c.requires.forEach(walk);
    for (const s of spec.services) s.requires.forEach(walk);
    const nameOf = new Map<Expr, string>();
    for (const group of documentOrder) {
      const owner = order.find((o) => o.group === group)!.owner;
      const base = `failover of ${describe(group.members[0]!)} (${owner})`;
      const count = named.filter((n) => n === base).length + 1;
      named.push(base);
      nameOf.set(group, count === 1 ? base : `${base} #${count}`);
    }
    for (const { group, owner } of order) this.failoverEvent.set(group, { index: add(nameOf.get(group)!, 1, 0, 0, 'failover'), name: nameOf.get(group)!, owner });
  }

  /** Fills in every switchover's figures from the format's definitions, inner groups first. */
  figureFailovers(keep?: number): void {
    for (const [group, { index, name }] of this.failoverEvent) {
      if (index === keep) continue;
      const f = group.failover!;
      const P = (state: State) => this.holds(group.members[0]!, state);
      const R = (state: State) => group.members.slice(1).filter((m) => this.holds(m, state)).length >= this.kOf(group);
      const C = (state: State) => f.requires.every((e) => this.holds(e, state));
      let rate = 0;
      let withSwitch = 0;
      this.events.forEach((e, i) => {
        if (e.w === 0 || e.kind === 'maintenance') return;
        rate += e.w * this.mixed(i, (up, down) => P(up) && R(down)) - e.w * this.mixed(i, (_, down) => P(down) && R(down));
        withSwitch += e.w * this.mixed(i, (up, down) => P(up) && R(down) && C(down)) - e.w * this.mixed(i, (_, down) => P(down) && R(down) && C(down));
      });
      const sc = rate > 0 ? withSwitch / rate : this.probability(C);
      const s = f.success * sc;
      const wP = this.frequency(P);
      const manual = f.manual ?? (wP > 0 ? this.unavailability(P) / wP : 0);
      const q = Math.min(1, rate * (s * f.time + (1 - s) * manual));
      this.events[index] = { name, p: 1 - q, q, w: rate, kind: 'failover' };
      this.failoverFigures.set(name, { rate, s, sc });
    }
  }

  componentUp(id: string, state: State): boolean {
    const c = this.spec.components.find((x) => x.id === id)!;
    const requires = c.requires.every((e) => this.holds(e, state));
    const up = this.instanceEvents.get(id)!.filter((events) => events.every((e) => state[e]!) && requires).length;
    return up >= (c.load ? needIn(c.load, this.phase) : c.quorum);
  }

  kOf(group: Group): number {
    return group.load ? needIn(group.load, this.phase) : group.k;
  }

  holds(e: Expr, state: State): boolean {
    if ('ref' in e) return this.componentUp(e.ref, state);
    const count = e.members.filter((m) => this.holds(m, state)).length;
    const failover = this.failoverEvent.get(e);
    return count >= this.kOf(e) && (failover === undefined || state[failover.index]!);
  }

  serviceUp(s: Svc, state: State): boolean {
    const own = this.ownEvent.get(s.id)!;
    return (own < 0 || state[own]!) && s.requires.every((e) => this.holds(e, state));
  }

  private weight(state: State, skip?: number): number {
    let weight = 1;
    for (let i = 0; i < state.length; i++) if (i !== skip) weight *= state[i] ? this.events[i]!.p : this.events[i]!.q;
    return weight;
  }

  probability(f: (state: State) => boolean): number {
    const n = this.events.length;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      const state = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
      if (f(state)) total += this.weight(state);
    }
    return total;
  }

  /** Pr over the other events of f(state with i up, state with i down). */
  mixed(event: number, f: (up: State, down: State) => boolean): number {
    const n = this.events.length;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (((mask >> event) & 1) === 0) continue;
      const up = Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
      const down = up.map((v, i) => (i === event ? false : v));
      if (f(up, down)) total += this.weight(up, event);
    }
    return total;
  }

  unavailability(f: (state: State) => boolean): number {
    return this.probability((state) => !f(state));
  }

  /** P(up | event up) − P(up | event down), summed over the states where the event decides: no cancellation. */
  birnbaum(f: (state: State) => boolean, event: number): number {
    return this.mixed(event, (up, down) => f(up) && !f(down));
  }

  frequency(f: (state: State) => boolean): number {
    return this.events.reduce((sum, e, i) => sum + (e.w > 0 ? this.birnbaum(f, i) * e.w : 0), 0);
  }

  /** Minutes a year saved if the event never failed, everything (switchovers too) recomputed. */
  saving(f: (state: State) => boolean, event: number): number {
    // With no switchover in the file, A(f | i up) − A(f) = q_i · I_B(i): no cancellation.
    if (this.failoverEvent.size === 0) return this.events[event]!.q * this.birnbaum(f, event) * 8760 * 60;
    const before = this.unavailability(f);
    const saved = this.events.map((e) => ({ ...e }));
    const figures = new Map(this.failoverFigures);
    this.events[event] = { ...this.events[event]!, p: 1, q: 0, w: 0 };
    this.figureFailovers(event);
    const after = this.unavailability(f);
    saved.forEach((e, i) => (this.events[i] = e));
    figures.forEach((v, k) => this.failoverFigures.set(k, v));
    return (before - after) * 8760 * 60;
  }

  /** (failover, event) pairs where the event alone takes the primary and the switch's needs down while the rest holds. */
  defeatedFailovers(): string[] {
    const found: string[] = [];
    for (const [group, { name }] of this.failoverEvent) {
      const f = group.failover!;
      if (f.requires.length === 0) continue;
      this.events.forEach((e, i) => {
        if (e.kind === 'maintenance') return;
        const state = this.events.map((_, j) => j !== i);
        const primaryDown = !this.holds(group.members[0]!, state);
        const switchDown = !f.requires.every((r) => this.holds(r, state));
        const restUp = group.members.slice(1).filter((m) => this.holds(m, state)).length >= this.kOf(group);
        if (primaryDown && switchDown && restUp) found.push(`${name} / ${e.name}`);
      });
    }
    return found.sort();
  }
}

function describe(e: Expr): string {
  if ('ref' in e) return e.ref;
  const members = `[${e.members.map(describe).join(', ')}]`;
  if (e.load) {
    const load = e.load.peak === e.load.normal ? `${e.load.peak}` : `{peak: ${e.load.peak}, normal: ${e.load.normal}}`;
    return `{of: ${members}, capacity: ${e.load.capacity}, load: ${load}}`;
  }
  return e.op === 'atLeast' ? `{atLeast: ${e.k}, of: ${members}}` : `{${e.op}: ${members}}`;
}

function close(actual: number | null, expected: number, label: string, absolute = 1e-13): void {
  assert.notEqual(actual, null, label);
  const error = Math.abs(actual! - expected);
  assert.ok(error <= 1e-9 * Math.abs(expected) + absolute, `${label}: engine ${actual}, enumeration ${expected}`);
}

suite('engine against brute-force enumeration', () => {
  it('agrees on availability, unavailability, frequency (of services and components), single points of failure, fixes, switchovers and defeated failovers, over both load phases', () => {
    let checked = 0;
    let componentsChecked = 0;
    let loaded = 0;
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const spec = drawSpec((arb) => gen(() => arb));
        const reference = new Reference(spec);
        // Switchovers multiply the enumeration (their figures and every recomputed fix): keep those files smaller.
        fc.pre(reference.events.length <= (reference.failoverEvent.size > 0 ? 8 : 11));
        const text = toYaml(spec);
        const result = analyse(text, { analysis: { maxBddNodes: 1_000_000, seed: 1, maxFixes: 100 } });
        assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], text);
        // Two load phases, weighted by the share of the time at peak; single points of failure
        // and defeated failovers are those of the peak.
        const share = spec.peakShare ?? 1;
        const phases = ([['peak', share], ['normal', 1 - share]] as const).filter(([, weight]) => weight > 0);
        const inPhase = <T>(phase: Phase, compute: () => T): T => {
          reference.phase = phase;
          reference.figureFailovers();
          return compute();
        };
        const weighted = (compute: () => number) => phases.reduce((sum, [phase, weight]) => sum + weight * inPhase(phase, compute), 0);
        const defeated = result.diagnostics
          .filter((d) => d.code === 'defeated-failover')
          .map((d) => `${String(d.data!.failover)} / ${String(d.data!.event)}`)
          .sort();
        assert.deepEqual(defeated, inPhase('peak', () => reference.defeatedFailovers()), `defeated failovers in ${text}`);
        for (const service of spec.services) {
          const figures = result.services!.find((s) => s.id === service.id)!;
          const f = (state: boolean[]) => reference.serviceUp(service, state);
          const label = `${service.id} in ${text}`;
          close(figures.availability, weighted(() => reference.probability(f)), `availability of ${label}`);
          close(figures.unavailability, weighted(() => reference.unavailability(f)), `unavailability of ${label}`);
          close(figures.failuresPerYear, weighted(() => reference.frequency(f)) * 8760, `failures per year of ${label}`);
          const allUp = reference.events.map(() => true);
          const spofs = inPhase('peak', () =>
            f(allUp) ? reference.events.flatMap((e, i) => ((e.kind === 'basic' || e.kind === 'maintenance') && !f(allUp.map((_, j) => j !== i)) ? [e.name] : [])) : [],
          );
          assert.deepEqual([...figures.spofs].sort(), spofs.sort(), `single points of failure of ${label}`);
          for (const fix of figures.fixes) {
            const index = reference.events.findIndex((e) => e.name === fix.id);
            assert.ok(index >= 0, `fix ${fix.id} names an event of ${label}`);
            // Recomputed savings are differences of two unavailabilities: allow 1e-9 min a year absolute.
            close(fix.savesMinutesPerYear, weighted(() => reference.saving(f, index)), `fix ${fix.id} of ${label}`, 1e-9);
          }
          for (const failover of figures.failovers) {
            assert.ok(inPhase('peak', () => reference.failoverFigures.has(failover.name)), `failover ${failover.name} of ${label}`);
            const figure = (read: (x: { rate: number; s: number; sc: number }) => number) => weighted(() => read(reference.failoverFigures.get(failover.name)!));
            close(failover.switchoversPerYear, figure((x) => x.rate) * 8760, `switchovers of ${failover.name} in ${label}`);
            close(failover.switchSuccess, figure((x) => x.s), `switch success of ${failover.name} in ${label}`);
            close(failover.requiresHold, figure((x) => x.sc), `requires hold of ${failover.name} in ${label}`);
          }
          if (phases.length > 1 && text.includes('"capacity"')) loaded++;
          checked++;
        }
        // A component's figures: its own availability with everything it requires.
        for (const component of spec.components) {
          const figures = result.components!.find((c) => c.id === component.id)!;
          const f = (state: boolean[]) => reference.componentUp(component.id, state);
          const label = `component ${component.id} in ${text}`;
          close(figures.availability, weighted(() => reference.probability(f)), `availability of ${label}`);
          close(figures.unavailability, weighted(() => reference.unavailability(f)), `unavailability of ${label}`);
          close(figures.failuresPerYear, weighted(() => reference.frequency(f)) * 8760, `failures per year of ${label}`);
          componentsChecked++;
        }
      }),
      { seed: 20261126, numRuns: 250, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(checked >= 200, `only ${checked} services were checked`);
    assert.ok(componentsChecked >= 400, `only ${componentsChecked} components were checked`);
    assert.ok(loaded >= 40, `only ${loaded} services had load phases`);
  });
});

/*
 * Pairs whose members share what they need: the primary and the rest of the group share
 * events, so a fix of a shared part, or of the standby, moves the switchover rate through
 * the brackets of every other event (see findCriticalityGradient). Failure data is drawn
 * large, so that what the switchovers change is well above the tolerance.
 */
function drawSharedPair(g: <T>(arb: fc.Arbitrary<T>) => T): Spec {
  const failure = () => ({ mtbf: g(fc.integer({ min: 5, max: 200 })), mttr: g(fc.integer({ min: 1, max: 60 })) });
  const shared = ['d0', 'd1'];
  const needs = (): Expr[] => {
    const pick = g(fc.integer({ min: 0, max: 3 }));
    return pick === 3 ? [{ op: 'any', k: 1, members: shared.map((ref) => ({ ref })) }] : shared.filter((_, i) => pick === 2 || i === pick).map((ref) => ({ ref }));
  };
  const components: Spec['components'] = [
    { id: 'a', failure: failure(), replicas: 1, quorum: 1, requires: needs() },
    { id: 'b', failure: failure(), replicas: 1, quorum: 1, requires: needs() },
    ...shared.map((id) => ({ id, failure: failure(), replicas: g(fc.integer({ min: 1, max: 2 })), quorum: 1, requires: [] })),
  ];
  const group: Group = { op: 'any', k: 1, members: [{ ref: 'a' }, { ref: 'b' }], failover: { time: g(fc.integer({ min: 1, max: 30 })), success: 1, requires: [] } };
  return { components, services: [{ id: 's0', own: null, requires: [group] }], commonCause: [] };
}

suite('fixes of a pair whose members share what they need, against brute-force enumeration', () => {
  it('agree with every event made perfect and every switchover refigured', () => {
    let switched = 0;
    fc.assert(
      fc.property(fc.gen(), (gen) => {
        const spec = drawSharedPair((arb) => gen(() => arb));
        const reference = new Reference(spec);
        reference.phase = 'peak';
        reference.figureFailovers();
        const text = toYaml(spec);
        const figures = analyse(text, { analysis: { maxBddNodes: 1_000_000, seed: 1, maxFixes: 100 } }).services![0]!;
        const f = (state: boolean[]) => reference.serviceUp(spec.services[0]!, state);
        for (const fix of figures.fixes) {
          const index = reference.events.findIndex((e) => e.name === fix.id);
          close(fix.savesMinutesPerYear, reference.saving(f, index), `fix ${fix.id} in ${text}`, 1e-9);
        }
        if (figures.failovers[0]!.switchoversPerYear > 1) switched++;
      }),
      { seed: 20261128, numRuns: 150, endOnFailure: true, includeErrorInReport: true },
    );
    assert.ok(switched >= 100, `only ${switched} pairs switched over more than once a year`);
  });
});
