import { IntStack } from '../util/intStack';
import { forEachReference, type Entity, type Topology } from './types';

/**
 * The dependency graph of a topology on numbers, for the link checks (unknown references,
 * cycles, unused components) to walk without looking ids up in maps at every step: every
 * component and then every service numbered in file order, and for each the numbers of the
 * ids its requirements name (what switchovers need included), in source order. References
 * to ids the file does not define are left out; checkReferences reports them.
 */
export interface LinkIndex {
  readonly entities: readonly Entity[];
  /** Each id's number; a component wins over a service of the same id, as in findEntity. */
  readonly numberOf: ReadonlyMap<string, number>;
  /** The links of entity i are `targets[start[i]]` up to `targets[start[i + 1]]`. */
  readonly start: Int32Array;
  readonly targets: Int32Array;
}

export function indexLinks(topology: Topology): LinkIndex {
  const entities: Entity[] = [...topology.components.values(), ...topology.services.values()];
  const numberOf = new Map<string, number>();
  entities.forEach((entity, i) => {
    if (!numberOf.has(entity.id)) numberOf.set(entity.id, i);
  });
  const start = new Int32Array(entities.length + 1);
  const targets = new IntStack();
  entities.forEach((entity, i) => {
    start[i] = targets.length;
    forEachReference(entity.requires, (ref) => {
      const target = numberOf.get(ref.id);
      if (target !== undefined) targets.push(target);
    });
  });
  start[entities.length] = targets.length;
  return { entities, numberOf, start, targets: targets.copy() };
}

/** The links out of entity `i`, as numbers. */
export function linksOf(links: LinkIndex, i: number): Int32Array {
  return links.targets.subarray(links.start[i]!, links.start[i + 1]!);
}
