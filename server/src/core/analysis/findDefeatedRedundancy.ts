import type { Diagnostic } from '../diagnostics';
import type { Group, Requirement, Topology } from '../model/types';
import type { Circuit } from './circuit';
import type { SinglePointIndex } from './singlePoints';

/**
 * Finds redundancy that a shared dependency defeats: an `any` / `atLeast` group, or a
 * replicated component, all of whose members fail when one and the same thing fails.
 * "web-1 and web-2 are redundant, but both run on host-1."
 */
export function findDefeatedRedundancy(topology: Topology, circuit: Circuit, index: SinglePointIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const findShared = (members: readonly number[]): string[] =>
    index
      .sharedBy(members)
      .map((event) => circuit.events[event]!)
      .filter((event) => event.kind !== 'failover')
      .map((event) => event.name);
  for (const [group, info] of circuit.groups) {
    if (group.kind === 'all' || info.members.length < 2) continue;
    const shared = findShared(info.members);
    if (shared.length === 0) continue;
    const names = group.members.map(nameRequirement);
    diagnostics.push({
      code: 'defeated-redundancy',
      severity: 'warning',
      message: `${joinNames(names)} are redundant, but ${names.length === 2 ? 'both' : 'all'} depend on ${joinNames(shared)}: one failure there takes them all down.`,
      span: group.keySpan,
      data: { shared },
    });
  }
  for (const [id, requiresGate] of circuit.replicaRequirements) {
    const component = topology.components.get(id);
    if (!component || component.quorum >= component.replicas) continue;
    const shared = findShared([requiresGate]);
    if (shared.length === 0) continue;
    diagnostics.push({
      code: 'defeated-redundancy',
      severity: 'warning',
      message: `The ${component.replicas} replicas of "${id}" are redundant, but all depend on ${joinNames(shared)}: one failure there takes them all down.`,
      span: component.idSpan,
      data: { shared },
    });
  }
  return diagnostics;
}

function nameRequirement(requirement: Requirement): string {
  if (requirement.kind === 'ref') return requirement.id;
  return `(${requirement.kind === 'atLeast' ? `${describeThreshold(requirement)} of` : requirement.kind}: ${requirement.members.map(nameRequirement).join(', ')})`;
}

function describeThreshold(group: Group): string {
  return `at least ${group.threshold}`;
}

function joinNames(names: readonly string[]): string {
  const quoted = names.map((n) => (n.startsWith('(') ? n : `"${n}"`));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
