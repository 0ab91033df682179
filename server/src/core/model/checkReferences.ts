import type { Diagnostic } from '../diagnostics';
import { findClosest } from '../util/closest';
import { findEntity, forEachReference, type Topology } from './types';

/** Reports every requirement that names no component or service, offering the closest id. */
export function checkReferences(topology: Topology): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = [...topology.components.keys(), ...topology.services.keys()];
  for (const entity of [...topology.components.values(), ...topology.services.values()]) {
    forEachReference(entity.requires, (ref) => {
      if (findEntity(topology, ref.id)) return;
      const suggestion = findClosest(ref.id, ids.filter((id) => id !== entity.id));
      diagnostics.push({
        code: 'unknown-reference',
        severity: 'error',
        message: `"${ref.id}" is not a component or service${suggestion ? `; did you mean "${suggestion}"?` : '.'}`,
        span: ref.span,
        // The id, and where it is written (inside an anchor for a reference reached through an alias).
        data: { id: ref.id, textSpan: ref.origin ?? ref.span, ...(suggestion ? { suggestion } : {}) },
      });
    });
  }
  return diagnostics;
}
