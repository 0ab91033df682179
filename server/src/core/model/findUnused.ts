import type { Diagnostic } from '../diagnostics';
import { indexLinks, linksOf, type LinkIndex } from './indexLinks';
import type { Topology } from './types';

/** Hints at components that no service depends on, directly or through other components. */
export function findUnused(topology: Topology): Diagnostic[] {
  return describeUnused(topology, listUnused(topology));
}

/** The ids of the components no service depends on, in file order. */
export function listUnused(topology: Topology, links: LinkIndex = indexLinks(topology)): string[] {
  const used = new Uint8Array(links.entities.length);
  const queue: number[] = [];
  links.entities.forEach((entity, i) => {
    if (entity.type === 'service') queue.push(i);
  });
  for (let at = 0; at < queue.length; at++) {
    for (const target of linksOf(links, queue[at]!)) {
      if (used[target]) continue;
      used[target] = 1;
      queue.push(target);
    }
  }
  return links.entities.flatMap((entity, i) => (entity.type === 'component' && !used[i] ? [entity.id] : []));
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
