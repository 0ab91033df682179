import fc from 'fast-check';

/*
 * Random small topologies for property tests: a spec drawn with fast-check and written out as
 * topology text. Everything the format's version 2 has can appear: failover that can fail,
 * common causes, maintenance, load and capacity with two phases.
 */

export type Failure = { mtbf: number; mttr: number } | { availability: number } | null;
export interface FailoverSpec { time: number; success: number; manual?: number; requires: Expr[] }
/** A demand: `ceil(load / capacity)` must hold, per phase (load 0 needs none). */
export interface Demand { capacity: number; peak: number; normal: number }
export type Group = { op: 'all' | 'any' | 'atLeast'; k: number; members: Expr[]; failover?: FailoverSpec; load?: Demand };
export type Expr = { ref: string } | Group;
export interface Comp { id: string; failure: Failure; replicas: number; quorum: number; requires: Expr[]; maintenance?: { every: number; duration: number }; beta?: number; load?: Demand }
/** `sla` is a target as written (`99.9%`), absent for none. */
export interface Svc { id: string; own: Failure; requires: Expr[]; sla?: string }
export interface CommonGroup { id: string; members: string[]; beta: number }
export interface Spec { components: Comp[]; services: Svc[]; commonCause: CommonGroup[]; peakShare?: number }

export type Phase = 'peak' | 'normal';

/** How many must hold in a phase: written here from the format's definition, ceil(load / capacity). */
export function needIn(load: Demand, phase: Phase): number {
  return Math.ceil(load[phase] / load.capacity);
}

/** A demand whose needs are the given counts: each load is just under a multiple of the capacity. */
export function drawDemand(g: Draw, count: number): Demand {
  const need = () => g(fc.integer({ min: 1, max: count }));
  const capacity = 100;
  const load = (k: number) => (k === 0 ? 0 : (k - 1) * capacity + g(fc.constantFrom(1, 40, 100)));
  return { capacity, peak: load(need()), normal: load(g(fc.boolean()) ? need() : g(fc.integer({ min: 0, max: 1 }))) };
}

export type Draw = <T>(arb: fc.Arbitrary<T>) => T;

export function drawFailure(g: Draw, allowNever: boolean): Failure {
  const kind = g(fc.integer({ min: 0, max: allowNever ? 5 : 4 }));
  if (kind <= 2) return { mtbf: g(fc.integer({ min: 20, max: 5000 })), mttr: g(fc.integer({ min: 1, max: 40 })) };
  if (kind <= 4) return { availability: g(fc.integer({ min: 500, max: 999 })) / 1000 };
  return null;
}

export function drawExpr(g: Draw, candidates: string[], depth: number): Expr {
  if (depth === 0 || g(fc.integer({ min: 0, max: 2 })) > 0) return { ref: g(fc.constantFrom(...candidates)) };
  const op = g(fc.constantFrom('all' as const, 'any' as const, 'atLeast' as const));
  const size = g(fc.integer({ min: 1, max: 3 }));
  const members = Array.from({ length: size }, () => drawExpr(g, candidates, depth - 1));
  const k = op === 'all' ? size : op === 'any' ? 1 : g(fc.integer({ min: 1, max: size }));
  // An `of` group sized by its load instead of a written atLeast.
  const load = op === 'atLeast' && g(fc.boolean()) ? drawDemand(g, size) : undefined;
  if (op === 'all' || size < 2 || !g(fc.boolean())) return { op, k, members, ...(load ? { load } : {}) };
  // A switchover that can fail: a success below 100%, a manual time, what the switch needs.
  const failover: FailoverSpec = { time: g(fc.integer({ min: 1, max: 30 })), success: g(fc.constantFrom(1, 1, 0.9, 0.5)), requires: [] };
  if (g(fc.boolean())) failover.manual = g(fc.integer({ min: 1, max: 50 }));
  if (g(fc.boolean())) failover.requires = [{ ref: g(fc.constantFrom(...candidates)) }];
  return { op, k, members, failover, ...(load ? { load } : {}) };
}

export function drawSpec(g: Draw): Spec {
  const count = g(fc.integer({ min: 1, max: 6 }));
  const ids = Array.from({ length: count }, (_, i) => `c${i}`);
  const components: Comp[] = ids.map((id, i) => {
    const later = ids.slice(i + 1);
    const replicas = g(fc.integer({ min: 1, max: 3 }));
    const requires = later.length === 0 ? [] : Array.from({ length: g(fc.integer({ min: 0, max: 2 })) }, () => drawExpr(g, later, 2));
    const component: Comp = { id, failure: drawFailure(g, true), replicas, quorum: g(fc.integer({ min: 1, max: replicas })), requires };
    if (g(fc.integer({ min: 0, max: 3 })) === 0) component.load = drawDemand(g, replicas);
    if (g(fc.integer({ min: 0, max: 3 })) === 0) {
      const every = g(fc.integer({ min: 50, max: 2000 }));
      component.maintenance = { every, duration: g(fc.integer({ min: 1, max: 20 })) };
    }
    if (replicas > 1 && component.failure !== null && g(fc.boolean())) component.beta = g(fc.constantFrom(0.05, 0.2, 0.5));
    return component;
  });
  // At most one top-level group, of two components with the same kind of failure data and in no other group.
  const commonCause: CommonGroup[] = [];
  const free = components.filter((c) => c.beta === undefined && c.failure !== null);
  const rates = free.filter((c) => 'mtbf' in c.failure!);
  const pair = rates.length >= 2 ? rates.slice(0, 2) : free.filter((c) => 'availability' in c.failure!).slice(0, 2);
  if (pair.length === 2 && g(fc.boolean())) commonCause.push({ id: 'pair', members: pair.map((c) => c.id), beta: g(fc.constantFrom(0.1, 0.3)) });
  const services: Svc[] = Array.from({ length: g(fc.integer({ min: 1, max: 2 })) }, (_, i) => ({
    id: `s${i}`,
    own: g(fc.boolean()) ? drawFailure(g, false) : null,
    requires: Array.from({ length: g(fc.integer({ min: 1, max: 2 })) }, () => drawExpr(g, ids, 2)),
  }));
  return { components, services, commonCause, ...(g(fc.boolean()) ? { peakShare: g(fc.constantFrom(0.1, 0.35, 1)) } : {}) };
}

export function toYaml(spec: Spec): string {
  const failure = (f: Failure) => (f === null ? {} : 'availability' in f ? { availability: f.availability } : { mtbf: `${f.mtbf}h`, mttr: `${f.mttr}h` });
  const expr = (e: Expr): unknown => {
    if ('ref' in e) return e.ref;
    const members = e.members.map(expr);
    const demand = (d: Demand) => ({ capacity: d.capacity, load: d.peak === d.normal ? d.peak : { peak: d.peak, normal: d.normal } });
    const group: Record<string, unknown> = e.load ? { of: members, ...demand(e.load) } : e.op === 'atLeast' ? { atLeast: e.k, of: members } : { [e.op]: members };
    if (e.failover) {
      const f = e.failover;
      group.failover = f.success === 1 && f.manual === undefined && f.requires.length === 0
        ? `${f.time}h`
        : { time: `${f.time}h`, success: f.success, ...(f.manual !== undefined ? { manual: `${f.manual}h` } : {}), ...(f.requires.length ? { requires: f.requires.map(expr) } : {}) };
    }
    return group;
  };
  // YAML 1.2 reads JSON, so JSON is a valid topology text.
  return JSON.stringify({
    topology: 'random',
    ...(spec.peakShare !== undefined ? { peakShare: spec.peakShare } : {}),
    ...(spec.commonCause.length ? { commonCause: spec.commonCause } : {}),
    components: Object.fromEntries(
      spec.components.map((c) => [
        c.id,
        {
          ...failure(c.failure),
          replicas: c.replicas,
          ...(c.load ? { capacity: c.load.capacity, load: c.load.peak === c.load.normal ? c.load.peak : { peak: c.load.peak, normal: c.load.normal } } : { quorum: c.quorum }),
          requires: c.requires.map(expr),
          ...(c.maintenance ? { maintenance: { every: `${c.maintenance.every}h`, duration: `${c.maintenance.duration}h` } } : {}),
          ...(c.beta !== undefined ? { commonCause: c.beta } : {}),
        },
      ]),
    ),
    services: Object.fromEntries(spec.services.map((s) => [s.id, { ...failure(s.own), ...(s.sla ? { sla: s.sla } : {}), requires: s.requires.map(expr) }])),
  });
}
