import type { Diagnostic } from '../diagnostics';
import { findEntity, forEachReference, type Topology } from './types';

/** Hints at components that no service depends on, directly or through other components. */
export function findUnused(topology: Topology): Diagnostic[] {
  return describeUnused(topology, listUnused(topology));
}

/** The ids of the components no service depends on, in file order. */
export function listUnused(topology: Topology): string[] {
  const used = new Set<string>();
  const queue = [...topology.services.keys()];
  for (let i = 0; i < queue.length; i++) {
    const entity = findEntity(topology, queue[i]!);
    if (!entity) continue;
    forEachReference(entity.requires, (ref) => {
      if (!used.has(ref.id)) {
        used.add(ref.id);
        queue.push(ref.id);
      }
    });
  }
  return [...topology.components.keys()].filter((id) => !used.has(id));
}

/** The hints for unused components, at their ids as this topology writes them. */
export function describeUnused(topology: Topology, ids: readonly string[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const id of ids) {
    const component = topology.components.get(id);
    if (!component) continue;
    diagnostics.push({
      code: 'unused-component',
      severity: 'hint',
      message: `No service depends on "${component.id}"; it does not count towards any availability.`,
      span: component.idSpan,
    });
  }
  return diagnostics;
}
