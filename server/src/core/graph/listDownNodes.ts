import type { Entity, Requirement, Topology } from '../model/types';

/**
 * The graph nodes (entities and groups, by the ids buildGraph gives them) that cannot be up
 * with the given entities failed for good, whatever else does: what a what-if paints as
 * gone down. Groups count at their peak threshold. A reference that closes a cycle counts as
 * up, as in the analysis.
 */
export function listDownNodes(topology: Topology, failed: ReadonlySet<string>): Set<string> {
  const down = new Set<string>();
  const state = new Map<string, 'open' | boolean>();
  const entityUp = (entity: Entity): boolean => {
    const known = state.get(entity.id);
    if (known === 'open') return true;
    if (known !== undefined) return known;
    state.set(entity.id, 'open');
    let up = !failed.has(entity.id);
    entity.requires.forEach((requirement, i) => {
      // A top-level `all` is drawn as its members, each with a path of its own.
      if (requirement.kind === 'all') requirement.members.forEach((member, j) => (up = requirementUp(entity.id, member, `${i}.${j}`) && up));
      else up = requirementUp(entity.id, requirement, String(i)) && up;
    });
    if (entity.type === 'component' && entity.quorum > entity.replicas) up = false;
    state.set(entity.id, up);
    if (!up) down.add(entity.id);
    return up;
  };
  const requirementUp = (owner: string, requirement: Requirement, path: string): boolean => {
    if (requirement.kind === 'ref') {
      const entity = topology.components.get(requirement.id) ?? topology.services.get(requirement.id);
      return entity ? entityUp(entity) : true;
    }
    // Every member is visited, so each inner group down is found too.
    const upCount = requirement.members.map((member, i) => requirementUp(owner, member, `${path}.${i}`)).filter(Boolean).length;
    const up = upCount >= requirement.threshold;
    if (!up) down.add(`${owner}/${path}`);
    return up;
  };
  for (const entity of [...topology.components.values(), ...topology.services.values()]) entityUp(entity);
  return down;
}
