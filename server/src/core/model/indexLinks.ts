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
  let targets = new Int32Array(Math.max(16, entities.length * 2));
  let count = 0;
  entities.forEach((entity, i) => {
    start[i] = count;
    forEachReference(entity.requires, (ref) => {
      const target = numberOf.get(ref.id);
      if (target === undefined) return;
      if (count === targets.length) {
        const larger = new Int32Array(targets.length * 2);
        larger.set(targets);
        targets = larger;
      }
      targets[count++] = target;
    });
  });
  start[entities.length] = count;
  return { entities, numberOf, start, targets: targets.subarray(0, count) };
}

/** The links out of entity `i`, as numbers. */
export function linksOf(links: LinkIndex, i: number): Int32Array {
  return links.targets.subarray(links.start[i]!, links.start[i + 1]!);
}
