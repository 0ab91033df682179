import type { Diagnostic } from '../diagnostics';
import { findEntity, forEachReference, type Topology } from './types';

/** Hints at components that no service depends on, directly or through other components. */
export function findUnused(topology: Topology): Diagnostic[] {
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
  const diagnostics: Diagnostic[] = [];
  for (const component of topology.components.values()) {
    if (used.has(component.id)) continue;
    diagnostics.push({
      code: 'unused-component',
      severity: 'hint',
      message: `No service depends on "${component.id}"; it does not count towards any availability.`,
      span: component.idSpan,
    });
  }
  return diagnostics;
}
