import { makeRateFailure } from '../model/readFailure';
import { findEntity, forEachReference, type CommonCauseGroup, type Entity, type Failure, type Group, type Maintenance, type Phase, type Requirement, type Topology } from '../model/types';

/** What a basic event stands for, which decides how it is named and reported. */
export type EventKind = 'component' | 'replica' | 'service' | 'failover' | 'common-cause' | 'maintenance';

/** A failover group's switchover, as compiled: the gates its figures are computed from. */
export interface FailoverInfo {
  /** Outage per switchover that works, and the chance the switch works by itself. */
  readonly hours: number;
  readonly success: number;
  /** Outage per switchover that fails; undefined: the primary's own mean outage. */
  readonly manualHours?: number;
  /** The primary (first member), the rest of the group with the primary down, and what the switch needs (TRUE if nothing). */
  readonly primaryGate: number;
  readonly restGate: number;
  readonly switchGate: number;
  readonly group: Group;
  /** The component or service whose requires hold the group. */
  readonly owner: string;
  /** The primary as written: its id, or the expression in YAML flow style. */
  readonly primary: string;
  /** Filled in by assignFailoverFigures. */
  figures?: {
    switchoversPerHour: number;
    switchSuccess: number;
    requiresHold: number;
    manualHours?: number;
    /**
     * Each event's share of `switchoversPerHour`, by event name (names stay with an event
     * whatever the circuit numbers it, so remembered figures keep them right): what bounds
     * how far a fix moves the rate (see FixRecomputer).
     */
    rateByName?: ReadonlyMap<string, number>;
  };
}

/** An independent basic event: something that fails and is repaired on its own. */
export interface BasicEvent {
  /**
   * How the format names it: `web-1`, `web#2` for an instance, a service id,
   * `common:web` or a group's id, `host-1 (maintenance)`, `failover of db-master (shop)`.
   */
  name: string;
  /** The component or service it belongs to (for failover: the primary's entity, if any). */
  readonly entityId: string;
  readonly kind: EventKind;
  availability: number;
  unavailability: number;
  /** Failures per hour; zero where only an availability was given. */
  frequency: number;
  /** False where only an availability is known (for failover: where the primary's frequency is partial). */
  frequencyKnown: boolean;
  /** For failover pseudo-events: the switchover and the gates its figures come from. */
  readonly failover?: FailoverInfo;
}

/**
 * A gate of the structure function. The circuit is a DAG shared by every service, so an
 * entity required twice is one gate, never a copy: shared dependencies stay shared.
 */
export type Gate =
  | { readonly op: 'const'; readonly value: boolean }
  | { readonly op: 'event'; readonly event: number }
  | { readonly op: 'atLeast'; readonly k: number; readonly inputs: readonly number[] };

export interface Circuit {
  readonly gates: readonly Gate[];
  readonly events: readonly BasicEvent[];
  /** The gate that is true while the entity is up. */
  readonly entityGates: ReadonlyMap<string, number>;
  /** The gate of each `any` / `atLeast` group, with the gates of its members. */
  readonly groups: ReadonlyMap<Group, { readonly gate: number; readonly members: readonly number[]; readonly owner: string }>;
  /** For each replicated component, the gate of the requirements every instance shares. */
  readonly replicaRequirements: ReadonlyMap<string, number>;
}

/**
 * Compiles the model into one circuit, with the thresholds of one load phase (the phases
 * differ only there, so their events are the same, in the same order). Unknown references
 * and references that would close a cycle count as always up; both are reported as errors
 * by the model stage.
 */
export function compileCircuit(topology: Topology, phase: Phase = 'peak'): Circuit {
  const circuit = compileGates(topology, phase);
  recordSource(circuit, topology, phase);
  return circuit;
}

/** What each circuit was compiled from, so that the next version can be compared with it (see reuseCircuit). */
const sources = new WeakMap<Circuit, { readonly topology: Topology; readonly phase: Phase }>();

export function recordSource(circuit: Circuit, topology: Topology, phase: Phase): void {
  sources.set(circuit, { topology, phase });
}

export function sourceOf(circuit: Circuit): { readonly topology: Topology; readonly phase: Phase } | undefined {
  return sources.get(circuit);
}

/** Whether failure data makes an event: what cannot fail is no event, and so no single point of failure. */
export function canFail(failure: Failure): failure is Exclude<Failure, { kind: 'never' }> {
  return failure.kind !== 'never' && failure.unavailability > 0;
}

function compileGates(topology: Topology, phase: Phase): Circuit {
  const gates: Gate[] = [{ op: 'const', value: false }, { op: 'const', value: true }];
  const events: BasicEvent[] = [];
  const entityGates = new Map<string, number>();
  const groups = new Map<Group, { gate: number; members: number[]; owner: string }>();
  const replicaRequirements = new Map<string, number>();
  const TRUE_GATE = 1;

  const addGate = (gate: Gate): number => gates.push(gate) - 1;
  const combine = (k: number, inputs: number[]): number => {
    const live = inputs.filter((g) => g !== TRUE_GATE);
    const need = k - (inputs.length - live.length);
    if (need <= 0) return TRUE_GATE;
    if (live.length === 1 && need === 1) return live[0]!;
    return addGate({ op: 'atLeast', k: need, inputs: live });
  };

  const addEvent = (event: BasicEvent): number => addGate({ op: 'event', event: events.push(event) - 1 });

  // Common-cause groups by member, and each group's event once its first member is compiled.
  const groupOf = new Map<string, CommonCauseGroup>();
  for (const group of topology.commonCause) for (const member of group.members) groupOf.set(member.id, group);
  const commonGates = new Map<CommonCauseGroup, number>();
  const commonGateOf = (group: CommonCauseGroup): number => {
    const known = commonGates.get(group);
    if (known !== undefined) return known;
    const gate = addEvent(describeCommonEvent(group, topology));
    commonGates.set(group, gate);
    return gate;
  };

  const compileEntity = (entity: Entity): number => {
    const requires = combineAll(entity.requires.map((r) => compileRequirement(r, entity.id)));
    const common = entity.type === 'component' ? groupOf.get(entity.id) : undefined;
    // A member of a common-cause group keeps (1 − beta) of its failures as its own.
    const failure = common ? reduceByBeta(entity.failure, common.beta) : entity.failure;
    const commonGate = common ? commonGateOf(common) : TRUE_GATE;
    const maintenance = entity.type === 'component' ? entity.maintenance : undefined;
    // An event that cannot fail (no data, or an availability of exactly 100%) is no event:
    // it can never be a single point of failure nor appear in fixes.
    const makeEvent = (name: string, kind: EventKind): number => (canFail(failure) ? addEvent(describeFailureEvent(name, entity.id, kind, failure)) : TRUE_GATE);
    const makeMaintenance = (name: string): number => (maintenance ? addEvent(describeMaintenanceEvent(`${name} (maintenance)`, entity.id, maintenance)) : TRUE_GATE);
    let gate: number;
    if (entity.type === 'component' && entity.replicas > 1) {
      replicaRequirements.set(entity.id, requires);
      const instances: number[] = [];
      for (let i = 1; i <= entity.replicas; i++) {
        const name = `${entity.id}#${i}`;
        instances.push(combineAll([makeEvent(name, 'replica'), makeMaintenance(name), commonGate, requires]));
      }
      const quorum = entity.load ? entity.load.need[phase] : entity.quorum;
      gate = quorum > entity.replicas ? 0 : combine(quorum, instances);
    } else if (entity.type === 'component' && entity.load && entity.load.need[phase] !== 1) {
      // One instance with a demand: none needed is always up, more than one never.
      gate = entity.load.need[phase] === 0 ? TRUE_GATE : 0;
      makeEvent(entity.id, 'component');
      makeMaintenance(entity.id);
    } else {
      gate = combineAll([makeEvent(entity.id, entity.type === 'service' ? 'service' : 'component'), makeMaintenance(entity.id), commonGate, requires]);
    }
    entityGates.set(entity.id, gate);
    return gate;
  };

  const combineAll = (inputs: number[]): number => combine(inputs.length, inputs);

  const compileRequirement = (requirement: Requirement, owner: string): number => {
    if (requirement.kind === 'ref') {
      // Entities are compiled dependencies first, so a reference to one not compiled yet is
      // unknown or the link that closes a cycle: both count as always up (and are errors).
      return entityGates.get(requirement.id) ?? TRUE_GATE;
    }
    const members = requirement.members.map((m) => compileRequirement(m, owner));
    if (requirement.kind === 'all') return combineAll(members);
    const threshold = requirement.load ? requirement.load.need[phase] : requirement.threshold;
    const base = threshold > members.length ? 0 : combine(threshold, members);
    let gate = base;
    const failover = requirement.failover;
    if (failover && members.length > 0) {
      // The rest of the group carries it with the primary down: another member for `any`,
      // k of the others for `atLeast k`.
      const others = members.slice(1);
      const restGate = threshold > others.length ? 0 : combine(threshold, others);
      const switchGate = combineAll(failover.requires.map((r) => compileRequirement(r, owner)));
      const event = addEvent(describeFailoverEvent(requirement, owner, { primaryGate: members[0]!, restGate, switchGate }));
      gate = combineAll([base, event]);
    }
    groups.set(requirement, { gate, members, owner });
    return gate;
  };

  for (const entity of orderDependenciesFirst(topology)) compileEntity(entity);
  nameFailoverEvents(events);
  return { gates, events, entityGates, groups, replicaRequirements };
}

/**
 * Entities in depth-first post-order over their references (components, then services, each
 * in file order): what an entity requires comes before it, except across a cycle. Iterative,
 * so a chain of 20,000 components cannot overflow the stack.
 */
function orderDependenciesFirst(topology: Topology): Entity[] {
  const order: Entity[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const start of [...topology.components.values(), ...topology.services.values()]) {
    if (state.has(start.id)) continue;
    const stack: { entity: Entity; refs: string[]; next: number }[] = [{ entity: start, refs: referencesOf(start), next: 0 }];
    state.set(start.id, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.refs.length) {
        const id = frame.refs[frame.next++]!;
        const target = findEntity(topology, id);
        if (target && !state.has(id)) {
          state.set(id, 'open');
          stack.push({ entity: target, refs: referencesOf(target), next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(frame.entity.id, 'done');
      order.push(frame.entity);
    }
  }
  return order;
}

function referencesOf(entity: Entity): string[] {
  const ids: string[] = [];
  forEachReference(entity.requires, (ref) => ids.push(ref.id));
  return ids;
}

/**
 * The gate that is true while the entity is up; the constant-true gate for an id the circuit
 * does not have (unknown references count as always up, and are reported by the model stage).
 */
export function gateOfEntity(circuit: Circuit, id: string): number {
  return circuit.entityGates.get(id) ?? 1;
}

/** Returns the gates reachable from the roots, each once, in depth-first pre-order. */
export function walkDepthFirst(circuit: Circuit, rootGates: readonly number[]): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  const stack = [...rootGates].reverse();
  while (stack.length > 0) {
    const gateIndex = stack.pop()!;
    if (seen.has(gateIndex)) continue;
    seen.add(gateIndex);
    order.push(gateIndex);
    const gate = circuit.gates[gateIndex]!;
    if (gate.op === 'atLeast') for (let i = gate.inputs.length - 1; i >= 0; i--) stack.push(gate.inputs[i]!);
  }
  return order;
}

/** An event for an entity's (or one instance's) own failures. */
export function describeFailureEvent(name: string, entityId: string, kind: EventKind, failure: Exclude<Failure, { kind: 'never' }>): BasicEvent {
  return { name, entityId, kind, availability: failure.availability, unavailability: failure.unavailability, frequency: failure.kind === 'rates' ? failure.frequency : 0, frequencyKnown: failure.kind === 'rates' };
}

export function describeMaintenanceEvent(name: string, entityId: string, maintenance: Maintenance): BasicEvent {
  const unavailability = maintenance.durationHours / maintenance.everyHours;
  return { name, entityId, kind: 'maintenance', availability: 1 - unavailability, unavailability, frequency: 1 / maintenance.everyHours, frequencyKnown: true };
}

/** A group's switchover pseudo-event, named later (nameFailoverEvents); its figures come from assignFailoverFigures. */
export function describeFailoverEvent(group: Group, owner: string, gates: Pick<FailoverInfo, 'primaryGate' | 'restGate' | 'switchGate'>): BasicEvent {
  const failover = group.failover!;
  return {
    name: '',
    entityId: owner,
    kind: 'failover',
    availability: 1,
    unavailability: 0,
    frequency: 0,
    frequencyKnown: true,
    failover: {
      hours: failover.hours,
      success: failover.success,
      ...(failover.manualHours !== undefined ? { manualHours: failover.manualHours } : {}),
      ...gates,
      group,
      owner,
      primary: describePrimary(group.members[0]!),
    },
  };
}

/** A member's own failures once a share `beta` of them is common: rate (1 − beta)·λ, same repair time. */
export function reduceByBeta(failure: Failure, beta: number): Failure {
  if (failure.kind === 'rates') return { ...makeRateFailure(failure.mtbfHours / (1 - beta), failure.mttrHours, failure.source) };
  if (failure.kind === 'availability') {
    const unavailability = (1 - beta) * failure.unavailability;
    return { ...failure, availability: 1 - unavailability, unavailability };
  }
  return failure;
}

/**
 * Adds a common-cause group's own event: rate beta × the mean of the members' rates and the
 * mean of their repair times (over basic events, so a replicated member counts each
 * instance); for availability-only members, beta × the mean unavailability.
 */
export function describeCommonEvent(group: CommonCauseGroup, topology: Topology): BasicEvent {
  const failures: Failure[] = [];
  for (const member of group.members) {
    const component = topology.components.get(member.id);
    if (component) for (let i = 0; i < component.replicas; i++) failures.push(component.failure);
  }
  const rates = failures.filter((f): f is Extract<Failure, { kind: 'rates' }> => f.kind === 'rates');
  if (rates.length === failures.length && rates.length > 0) {
    const meanRate = rates.reduce((sum, f) => sum + 1 / f.mtbfHours, 0) / rates.length;
    const meanRepair = rates.reduce((sum, f) => sum + f.mttrHours, 0) / rates.length;
    const common = makeRateFailure(1 / (group.beta * meanRate), meanRepair, 'own');
    return { name: group.id, entityId: group.id, kind: 'common-cause', availability: common.availability, unavailability: common.unavailability, frequency: common.frequency, frequencyKnown: true };
  }
  const meanUnavailability = failures.reduce((sum, f) => sum + (f.kind === 'never' ? 0 : f.unavailability), 0) / Math.max(1, failures.length);
  const unavailability = group.beta * meanUnavailability;
  return { name: group.id, entityId: group.id, kind: 'common-cause', availability: 1 - unavailability, unavailability, frequency: 0, frequencyKnown: false };
}

/** The primary as the format names it: its id, or the expression in YAML flow style. */
function describePrimary(requirement: Requirement): string {
  if (requirement.kind === 'ref') return requirement.id;
  const members = `[${requirement.members.map(describePrimary).join(', ')}]`;
  const load = requirement.load;
  if (load) return `{of: ${members}, capacity: ${load.capacity}, load: ${load.peak === load.normal ? load.peak : `{peak: ${load.peak}, normal: ${load.normal}}`}}`;
  return requirement.kind === 'atLeast' ? `{atLeast: ${requirement.threshold}, of: ${members}}` : `{${requirement.kind}: ${members}}`;
}

/** Names failover pseudo-events `failover of <primary> (<owner>)`, numbering repeats in document order. */
export function nameFailoverEvents(events: BasicEvent[]): void {
  const failovers = events.filter((e) => e.failover).sort((a, b) => a.failover!.group.span.start - b.failover!.group.span.start);
  const seen = new Map<string, number>();
  for (const event of failovers) {
    const base = `failover of ${event.failover!.primary} (${event.failover!.owner})`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    event.name = count === 1 ? base : `${base} #${count}`;
  }
}
