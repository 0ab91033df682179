import type { Diagnostic } from '../diagnostics';
import { checkReferences } from './checkReferences';
import { findCycles } from './findCycles';
import { indexLinks } from './indexLinks';
import { describeUnused, listUnused } from './findUnused';
import { areReadFromSameText } from './readEntryOnce';
import { forEachReference, matchEntities, type Entity, type Topology } from './types';

/** What the checks of one version found, for the next version to start from. */
export interface ModelChecks {
  readonly topology: Topology;
  /** Whether any reference named nothing, or any dependency cycle was found. */
  readonly broken: boolean;
  readonly unused: readonly string[];
}

/**
 * Checks the links of the model: references to ids that do not exist, dependency cycles,
 * and components no service needs. All three depend only on the links (which ids exist, in
 * which order, and which ids each one requires), so when they are those of the previous
 * version and that version had no broken link, the findings are the same: only the unused
 * components are reported again, at their ids as this version writes them. An edit to
 * failure data, an SLA or a description (most typing) then costs a comparison of the links.
 */
export function checkModel(topology: Topology, previous?: ModelChecks): { diagnostics: Diagnostic[]; checks: ModelChecks } {
  if (previous && !previous.broken && haveSameLinks(previous.topology, topology)) {
    return { diagnostics: describeUnused(topology, previous.unused), checks: { topology, broken: false, unused: previous.unused } };
  }
  const links = indexLinks(topology);
  const broken = [...checkReferences(topology, links), ...findCycles(topology, links)];
  const unused = listUnused(topology, links);
  return { diagnostics: [...broken, ...describeUnused(topology, unused)], checks: { topology, broken: broken.length > 0, unused } };
}

function haveSameLinks(before: Topology, now: Topology): boolean {
  const ids: string[] = [];
  // The same ids required, in the same order.
  const sameLinks = (a: Entity, b: Entity): boolean => {
    // Read from the same text (or copied with new failure data, sharing the list), an entity requires the same ids.
    if (a.requires === b.requires || areReadFromSameText(a, b)) return true;
    ids.length = 0;
    forEachReference(a.requires, (ref) => ids.push(ref.id));
    let at = 0;
    let same = true;
    forEachReference(b.requires, (ref) => {
      if (ids[at++] !== ref.id) same = false;
    });
    return same && at === ids.length;
  };
  return matchEntities(before.components, now.components, sameLinks) && matchEntities(before.services, now.services, sameLinks);
}
