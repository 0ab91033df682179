import { matchEntities, type Entity, type Group, type Phase, type Requirement, type Topology } from '../model/types';
import { canFail, describeCommonEvent, describeFailoverEvent, describeFailureEvent, describeMaintenanceEvent, nameFailoverEvents, recordSource, reduceByBeta, sourceOf, type BasicEvent, type Circuit } from './circuit';

/**
 * The circuit of a topology whose structure is the previous version's: the same gates (the
 * very same array), with events whose figures come from the new failure data, and groups
 * keyed by the new model's objects. Undefined when anything that decides a gate differs:
 * the ids and their order, any requirement, replicas and quorums, the needs of each load,
 * which entities can fail, maintenance, common-cause membership. The result is the circuit
 * compileCircuit would build: the same walk over the same structure gives the same gates.
 *
 * An edit to failure data or SLAs (most typing in a file) then costs a comparison instead
 * of a compilation, and an entity the parser handed over unchanged (the same object) is not
 * even compared.
 */
export function reuseCircuit(topology: Topology, phase: Phase, previous: Circuit): Circuit | undefined {
  const source = sourceOf(previous);
  if (!source || source.phase !== phase) return undefined;
  const before = source.topology;
  if (!sameCommonCause(before, topology)) return undefined;
  // Each group of the previous model, with the same group of this one.
  const renamed = new Map<Group, Group>();
  const same = (a: Entity, b: Entity) => sameEntity(a, b, phase, renamed);
  if (!matchEntities(before.components, topology.components, same) || !matchEntities(before.services, topology.services, same)) return undefined;
  const events = refigureEvents(previous.events, before, topology, renamed);
  if (!events) return undefined;
  nameFailoverEvents(events);
  // Where every group is its own counterpart (the entities holding them were kept or copied), the map stands.
  const groups = renamed.size === 0 ? previous.groups : new Map([...previous.groups].map(([group, value]) => [renamed.get(group) ?? group, value]));
  const circuit: Circuit = { gates: previous.gates, events, entityGates: previous.entityGates, groups, replicaRequirements: previous.replicaRequirements };
  recordSource(circuit, topology, phase);
  return circuit;
}

function sameCommonCause(before: Topology, now: Topology): boolean {
  if (before.commonCause.length !== now.commonCause.length) return false;
  // Events name their group by id: two groups of one id could not be told apart.
  if (new Set(now.commonCause.map((group) => group.id)).size !== now.commonCause.length) return false;
  return before.commonCause.every((group, i) => {
    const other = now.commonCause[i]!;
    return group.id === other.id && group.members.length === other.members.length && group.members.every((member, j) => member.id === other.members[j]!.id);
  });
}

function sameEntity(a: Entity, b: Entity, phase: Phase, renamed: Map<Group, Group>): boolean {
  if (a.type !== b.type || canFail(a.failure) !== canFail(b.failure) || a.requires.length !== b.requires.length) return false;
  if (a.type === 'component' && b.type === 'component') {
    if (a.replicas !== b.replicas || a.quorum !== b.quorum || !a.maintenance !== !b.maintenance || !a.load !== !b.load || (a.load && a.load.need[phase] !== b.load!.need[phase])) return false;
  }
  // A copy that took new failure data from its kind's defaults shares its requirements, groups
  // and all: each group is its own counterpart.
  if (a.requires === b.requires) return true;
  return a.requires.every((requirement, i) => sameRequirement(requirement, b.requires[i]!, phase, renamed));
}

/** Compared in the order the compiler walks a requirement: members, what the switch needs, the group itself. */
function sameRequirement(a: Requirement, b: Requirement, phase: Phase, renamed: Map<Group, Group>): boolean {
  if (a.kind === 'ref') return b.kind === 'ref' && a.id === b.id;
  if (b.kind === 'ref' || a.kind !== b.kind || a.threshold !== b.threshold || a.members.length !== b.members.length || !a.load !== !b.load || (a.load && a.load.need[phase] !== b.load!.need[phase])) return false;
  if (!a.members.every((member, i) => sameRequirement(member, b.members[i]!, phase, renamed))) return false;
  if (!a.failover !== !b.failover) return false;
  if (a.failover) {
    const needs = a.failover.requires;
    const other = b.failover!.requires;
    if (needs.length !== other.length || !needs.every((need, i) => sameRequirement(need, other[i]!, phase, renamed))) return false;
  }
  renamed.set(a, b);
  return true;
}

/**
 * The previous circuit's events, in the same order, with figures from this topology: each
 * event says whose it is (its entity, its group, or its common cause). Undefined where an
 * event would no longer exist (nothing left that can fail).
 *
 * An entity's event is the previous one where the entity is the very same object (the model
 * kept it) and its common cause's β is the same: its figures could not differ. Events are
 * then shared between the two versions' circuits. That is safe because only two kinds of
 * writes reach an event: switchover pseudo-events get their figures afresh in each circuit
 * (they are always made new here), and the fixes' recomputation sets an event's figures
 * for one measurement and restores them in a `finally`, synchronously.
 */
function refigureEvents(previous: readonly BasicEvent[], before: Topology, topology: Topology, renamed: ReadonlyMap<Group, Group>): BasicEvent[] | undefined {
  const commonOf = new Map<string, { beta: number }>();
  for (const group of topology.commonCause) for (const member of group.members) commonOf.set(member.id, group);
  // sameCommonCause held: the groups have the same members, perhaps another β.
  const betaBefore = new Map<string, number>();
  for (const group of before.commonCause) for (const member of group.members) betaBefore.set(member.id, group.beta);
  const commonById = new Map(topology.commonCause.map((group) => [group.id, group]));
  const events: BasicEvent[] = [];
  for (const event of previous) {
    switch (event.kind) {
      case 'component':
      case 'replica':
      case 'service': {
        const isService = event.kind === 'service';
        const entity = isService ? topology.services.get(event.entityId) : topology.components.get(event.entityId);
        if (!entity) return undefined;
        // (Most files have no common-cause groups: no lookups then.)
        const common = commonOf.size > 0 && entity.type === 'component' ? commonOf.get(entity.id) : undefined;
        if (entity === (isService ? before.services.get(event.entityId) : before.components.get(event.entityId)) && (betaBefore.size === 0 || common?.beta === betaBefore.get(entity.id))) {
          events.push(event);
          break;
        }
        const failure = common ? reduceByBeta(entity.failure, common.beta) : entity.failure;
        if (!canFail(failure)) return undefined;
        events.push(describeFailureEvent(event.name, event.entityId, event.kind, failure));
        break;
      }
      case 'maintenance': {
        const component = topology.components.get(event.entityId);
        if (!component?.maintenance) return undefined;
        events.push(component === before.components.get(event.entityId) ? event : describeMaintenanceEvent(event.name, event.entityId, component.maintenance));
        break;
      }
      case 'common-cause': {
        const group = commonById.get(event.entityId);
        if (!group) return undefined;
        events.push(describeCommonEvent(group, topology));
        break;
      }
      case 'failover': {
        const info = event.failover!;
        const group = renamed.get(info.group) ?? info.group;
        events.push(describeFailoverEvent(group, info.owner, { primaryGate: info.primaryGate, restGate: info.restGate, switchGate: info.switchGate }));
        break;
      }
    }
  }
  return events;
}
