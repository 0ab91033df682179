import type { Diagnostic } from '../diagnostics';
import { checkReferences } from './checkReferences';
import { findCycles } from './findCycles';
import { describeUnused, listUnused } from './findUnused';
import { forEachReference, type Entity, type Topology } from './types';

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
  const broken = [...checkReferences(topology), ...findCycles(topology)];
  const unused = listUnused(topology);
  return { diagnostics: [...broken, ...describeUnused(topology, unused)], checks: { topology, broken: broken.length > 0, unused } };
}

function haveSameLinks(before: Topology, now: Topology): boolean {
  return haveSameEntities(before.components, now.components) && haveSameEntities(before.services, now.services);
}

function haveSameEntities(before: ReadonlyMap<string, Entity>, now: ReadonlyMap<string, Entity>): boolean {
  if (before.size !== now.size) return false;
  const others = now.values();
  const ids: string[] = [];
  for (const [id, entity] of before) {
    const other = others.next().value as Entity;
    if (other.id !== id) return false;
    // An entity the model kept from the previous version (the same object) has the same links.
    if (other === entity) continue;
    ids.length = 0;
    forEachReference(entity.requires, (ref) => ids.push(ref.id));
    let at = 0;
    let same = true;
    forEachReference(other.requires, (ref) => {
      if (ids[at++] !== ref.id) same = false;
    });
    if (!same || at !== ids.length) return false;
  }
  return true;
}
