import { findEntity, forEachReference, type Entity, type Group, type Requirement, type Topology } from '../model/types';

/** What a basic event stands for, which decides how it is named and reported. */
export type EventKind = 'component' | 'replica' | 'service' | 'failover';

/** An independent basic event: something that fails and is repaired on its own. */
export interface BasicEvent {
  /** `web-1`, `web#2` for replica instances, a service id, or `failover:db-master`. */
  readonly name: string;
  /** The component or service it belongs to (for failover: the primary's entity, if any). */
  readonly entityId: string;
  readonly kind: EventKind;
  availability: number;
  unavailability: number;
  /** Failures per hour; zero where only an availability was given. */
  frequency: number;
  /** False where only an availability is known (for failover: where the primary's frequency is partial). */
  frequencyKnown: boolean;
  /** For failover pseudo-events: the switchover time and the gate of the group's primary. */
  readonly failover?: { readonly hours: number; readonly primaryGate: number; readonly group: Group };
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
 * Compiles the model into one circuit. Unknown references and references that would close
 * a cycle count as always up; both are reported as errors by the model stage.
 */
export function compileCircuit(topology: Topology): Circuit {
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

  const compileEntity = (entity: Entity): number => {
    const requires = combineAll(entity.requires.map((r) => compileRequirement(r, entity.id)));
    const failure = entity.failure;
    // An event that cannot fail (no data, or an availability of exactly 100%) is no event:
    // it can never be a single point of failure nor appear in fixes.
    const makeEvent = (name: string, kind: EventKind): number =>
      failure.kind === 'never' || failure.unavailability <= 0
        ? TRUE_GATE
        : addEvent({
            name,
            entityId: entity.id,
            kind,
            availability: failure.availability,
            unavailability: failure.unavailability,
            frequency: failure.kind === 'rates' ? failure.frequency : 0,
            frequencyKnown: failure.kind === 'rates',
          });
    let gate: number;
    if (entity.type === 'component' && entity.replicas > 1) {
      replicaRequirements.set(entity.id, requires);
      const instances: number[] = [];
      for (let i = 1; i <= entity.replicas; i++) instances.push(combineAll([makeEvent(`${entity.id}#${i}`, 'replica'), requires]));
      gate = entity.quorum > entity.replicas ? 0 : combine(entity.quorum, instances);
    } else {
      gate = combineAll([makeEvent(entity.id, entity.type === 'service' ? 'service' : 'component'), requires]);
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
    const base = requirement.threshold > members.length ? 0 : combine(requirement.threshold, members);
    let gate = base;
    const primary = requirement.members[0];
    if (requirement.failoverHours !== undefined && members.length > 0) {
      const event = addEvent({
        name: `failover:${primary?.kind === 'ref' ? primary.id : `${owner}.${requirement.kind}`}`,
        entityId: primary?.kind === 'ref' ? primary.id : owner,
        kind: 'failover',
        // Filled in once the primary's failure frequency is known (see toBdd).
        availability: 1,
        unavailability: 0,
        frequency: 0,
        frequencyKnown: true,
        failover: { hours: requirement.failoverHours, primaryGate: members[0]!, group: requirement },
      });
      gate = combineAll([base, event]);
    }
    groups.set(requirement, { gate, members, owner });
    return gate;
  };

  for (const entity of orderDependenciesFirst(topology)) compileEntity(entity);
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
