import type { Span } from '../text/span';

export const knownKinds = [
  'power', 'cooling', 'network', 'switch', 'router', 'firewall', 'load-balancer', 'server', 'hypervisor',
  'vm', 'container', 'storage', 'disk', 'database', 'application', 'dns', 'service', 'other',
] as const;

/** How one thing fails, after own data, `defaults` and the never-failing fallback are applied. */
export type Failure =
  | {
      readonly kind: 'rates';
      readonly mtbfHours: number;
      readonly mttrHours: number;
      readonly availability: number;
      readonly unavailability: number;
      /** Failures per hour, `1 / (MTBF + MTTR)`. */
      readonly frequency: number;
      readonly source: 'own' | 'defaults';
    }
  | {
      readonly kind: 'availability';
      readonly availability: number;
      readonly unavailability: number;
      readonly source: 'own' | 'defaults';
    }
  | { readonly kind: 'never' };

export type Requirement = Reference | Group;

export interface Reference {
  readonly kind: 'ref';
  readonly id: string;
  /** Where it is reported: the alias, for a reference reached through one. */
  readonly span: Span;
  /** For a reference reached through an alias: where the id itself is written. */
  readonly origin?: Span;
}

export interface Group {
  readonly kind: 'all' | 'any' | 'atLeast';
  /** How many members must hold: all of them for `all`, one for `any`. */
  readonly threshold: number;
  readonly members: readonly Requirement[];
  readonly failover?: Failover;
  /** With `capacity` and `load`: how many members each phase needs (`threshold` is the peak's). */
  readonly load?: Load;
  readonly span: Span;
  /** The span of the group's key (`any`, `all`, `atLeast`, `of`), where group diagnostics go. */
  readonly keySpan: Span;
}

/** An active-passive switchover from a group's first member (its primary) to the rest. */
export interface Failover {
  /** Outage per switchover when the switch works. */
  readonly hours: number;
  /** The chance that the switch works by itself, in [0, 1]. */
  readonly success: number;
  /** Outage when it does not; undefined means the primary's own mean outage. */
  readonly manualHours?: number;
  /** What the switch needs at the moment of a switchover; not part of the structure function. */
  readonly requires: readonly Requirement[];
  /** The span of the `failover` key, where findings about the switchover go. */
  readonly span: Span;
}

/**
 * Demand against capacity: `ceil(load / capacity)` instances or members must be up, per
 * load phase. A need larger than the count is kept as count + 1: it can never hold.
 */
export interface Load {
  readonly capacity: number;
  readonly peak: number;
  readonly normal: number;
  readonly need: { readonly peak: number; readonly normal: number };
  /** The `load` key, where findings and figures about the demand go. */
  readonly span: Span;
}

/** A load phase: the share `peakShare` of the time at peak, the rest normal. */
export type Phase = 'peak' | 'normal';

/** Planned maintenance: down for `durationHours` once every `everyHours`. */
export interface Maintenance {
  readonly everyHours: number;
  readonly durationHours: number;
  readonly span: Span;
}

/** Components (or the instances of one) that fail together with factor `beta`. */
export interface CommonCauseGroup {
  /** `common:<id>` for a replicated component's own group; the given id or `common:a+b` otherwise. */
  readonly id: string;
  readonly members: readonly { readonly id: string; readonly span: Span }[];
  readonly beta: number;
  /** Where findings about the group go. */
  readonly span: Span;
}

interface Node {
  readonly id: string;
  readonly idSpan: Span;
  /** From the id's key to the end of its value. */
  readonly span: Span;
  readonly failure: Failure;
  readonly requires: readonly Requirement[];
  readonly description?: string;
}

export interface Component extends Node {
  readonly type: 'component';
  readonly kind?: string;
  readonly kindSpan?: Span;
  readonly replicas: number;
  /** Instances that must be up; with `load`, the peak's need. */
  readonly quorum: number;
  readonly load?: Load;
  readonly tags: readonly string[];
  readonly maintenance?: Maintenance;
}

/** The period an SLA is judged over, and its length in hours. */
export type SlaPeriod = 'month' | 'quarter' | 'year';

export interface Target {
  readonly availability: number;
  readonly unavailability: number;
  /** The period the contract judges (a 30-day month unless `per` says otherwise). */
  readonly period: SlaPeriod;
  /** With `maxOutage`: the longest outage the contract tolerates, in hours. */
  readonly maxOutageHours?: number;
  /** Where the target is written; absent for a default that comes from the editor's settings. */
  readonly span?: Span;
}

export interface Service extends Node {
  readonly type: 'service';
  /** Its own target, else the top-level one. */
  readonly sla?: Target;
}

export type Entity = Component | Service;

export interface Topology {
  readonly name?: string;
  readonly sla?: Target;
  /** The share of the time at peak load, in [0, 1]; 1 when the file gives none. */
  readonly peakShare: number;
  readonly components: ReadonlyMap<string, Component>;
  readonly services: ReadonlyMap<string, Service>;
  /** Common-cause groups, from `commonCause` on replicated components and the top-level list, checked. */
  readonly commonCause: readonly CommonCauseGroup[];
}

/** The load phases the file has, with their shares of the time: one, unless some need differs between peak and normal. */
export function phasesOf(topology: Topology): readonly { readonly phase: Phase; readonly weight: number }[] {
  const share = topology.peakShare;
  if (share >= 1 || !hasPhasedLoad(topology)) return [{ phase: 'peak', weight: 1 }];
  if (share <= 0) return [{ phase: 'normal', weight: 1 }];
  return [
    { phase: 'peak', weight: share },
    { phase: 'normal', weight: 1 - share },
  ];
}

function hasPhasedLoad(topology: Topology): boolean {
  const differs = (load: Load | undefined) => !!load && load.need.peak !== load.need.normal;
  let found = false;
  const visit = (requirements: readonly Requirement[]) => forEachGroup(requirements, (group) => (found ||= differs(group.load)));
  for (const component of topology.components.values()) {
    if (differs(component.load)) return true;
    visit(component.requires);
    if (found) return true;
  }
  for (const service of topology.services.values()) visit(service.requires);
  return found;
}

export const hoursPerPeriod: Readonly<Record<SlaPeriod, number>> = { month: 720, quarter: 2190, year: 8760 };

/** Where findings about the file as a whole go: the first service's id, else the first component's. */
export function firstEntitySpan(topology: Topology): Span | undefined {
  return (topology.services.values().next().value ?? topology.components.values().next().value)?.idSpan;
}

/**
 * Whether two versions' maps of components (or of services) hold the same ids in the same
 * order, and `same` holds for each pair of entities that are not one object: an entity the
 * model kept from the previous version (see readEntryOnce) is the same object, and nothing in
 * it can differ.
 */
export function matchEntities<T extends Entity>(before: ReadonlyMap<string, T>, now: ReadonlyMap<string, T>, same: (before: T, now: T) => boolean): boolean {
  // The model hands a section's map on where none of its entities changed (see readSectionAgain).
  if (before === now) return true;
  if (before.size !== now.size) return false;
  // Both maps as lists (made once per map: this version's is the next one's earlier), so one
  // loop walks both without an iterator's result object per entity.
  const earlier = listEntities(before);
  const later = listEntities(now);
  for (let i = 0; i < later.length; i++) {
    const old = earlier[i]!;
    const entity = later[i]!;
    if (old.id !== entity.id) return false;
    if (old !== entity && !same(old, entity)) return false;
  }
  return true;
}

const entityLists = new WeakMap<ReadonlyMap<string, Entity>, readonly Entity[]>();

function listEntities<T extends Entity>(entities: ReadonlyMap<string, T>): readonly T[] {
  let list = entityLists.get(entities);
  if (!list) entityLists.set(entities, (list = [...entities.values()]));
  return list as readonly T[];
}

/** Looks an id up in the shared namespace of components and services. */
export function findEntity(topology: Topology, id: string): Entity | undefined {
  return topology.components.get(id) ?? topology.services.get(id);
}

/**
 * Visits every reference in a list of requirements, depth first, in source order, including
 * what switchovers need (`failover.requires`): they are dependencies too (for ordering,
 * cycles, rename and "unused"), though not part of the structure function.
 */
export function forEachReference(requirements: readonly Requirement[], visit: (ref: Reference) => void): void {
  for (const requirement of requirements) {
    if (requirement.kind === 'ref') {
      visit(requirement);
      continue;
    }
    forEachReference(requirement.members, visit);
    if (requirement.failover) forEachReference(requirement.failover.requires, visit);
  }
}

/** Visits the references of the structure function only: what must be up, not what a switch needs. */
export function forEachStructuralReference(requirements: readonly Requirement[], visit: (ref: Reference) => void): void {
  for (const requirement of requirements) {
    if (requirement.kind === 'ref') visit(requirement);
    else forEachStructuralReference(requirement.members, visit);
  }
}

/** Visits every group in a list of requirements, inner groups before outer ones. */
export function forEachGroup(requirements: readonly Requirement[], visit: (group: Group) => void): void {
  for (const requirement of requirements) {
    if (requirement.kind === 'ref') continue;
    forEachGroup(requirement.members, visit);
    visit(requirement);
  }
}
