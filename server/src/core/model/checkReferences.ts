import type { Diagnostic } from '../diagnostics';
import { findClosest } from '../util/closest';
import { indexLinks, type LinkIndex } from './indexLinks';
import { forEachReference, type Topology } from './types';

/** Reports every requirement that names no component or service, offering the closest id. */
export function checkReferences(topology: Topology, links: LinkIndex = indexLinks(topology)): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ids = links.entities.map((entity) => entity.id);
  for (const entity of links.entities) {
    forEachReference(entity.requires, (ref) => {
      if (links.numberOf.has(ref.id)) return;
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
