import { FALSE, TRUE } from './bdd';
import type { BasicEvent } from './circuit';
import type { CompiledFunction } from './toBdd';

export interface Measures {
  readonly availability: number;
  /** Computed on its own, never as 1 − availability, so high nines keep their digits. */
  readonly unavailability: number;
  /** Failures per hour: the sum over events of Birnbaum importance times frequency. */
  readonly frequency: number;
  /** `birnbaum[level]` = P(up | event up) − P(up | event down). */
  readonly birnbaum: Float64Array;
  /** Levels whose failure alone brings the function down. */
  readonly singlePoints: readonly number[];
}

/**
 * Computes every figure from one diagram in three linear passes: bottom-up for the
 * probabilities, top-down for the probability of reaching each node (which yields
 * Birnbaum importances), and along the all-up path for single points of failure.
 */
export function measureFunction(compiled: CompiledFunction, events: readonly BasicEvent[]): Measures {
  const { bdd, root } = compiled;
  const levels = compiled.events.length;
  const p = new Float64Array(levels);
  const q = new Float64Array(levels);
  compiled.events.forEach((eventIndex, level) => {
    p[level] = events[eventIndex]!.availability;
    q[level] = events[eventIndex]!.unavailability;
  });
  const nodes = collectNodes(compiled);
  const up = new Float64Array(bdd.nodeCount);
  const down = new Float64Array(bdd.nodeCount);
  up[TRUE] = 1;
  down[FALSE] = 1;
  // Children always have smaller indices than their parents, so ascending order is bottom-up.
  for (const n of nodes) {
    const level = bdd.level[n]!;
    const hi = bdd.high[n]!;
    const lo = bdd.low[n]!;
    up[n] = p[level]! * up[hi]! + q[level]! * up[lo]!;
    down[n] = p[level]! * down[hi]! + q[level]! * down[lo]!;
  }
  const reach = new Float64Array(bdd.nodeCount);
  reach[root] = 1;
  const birnbaum = new Float64Array(levels);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    const level = bdd.level[n]!;
    const hi = bdd.high[n]!;
    const lo = bdd.low[n]!;
    // The difference of the two unavailabilities keeps precision where 1 − x would not.
    birnbaum[level]! += reach[n]! * (down[lo]! - down[hi]!);
    reach[hi]! += reach[n]! * p[level]!;
    reach[lo]! += reach[n]! * q[level]!;
  }
  let frequency = 0;
  compiled.events.forEach((eventIndex, level) => {
    frequency += birnbaum[level]! * events[eventIndex]!.frequency;
  });
  return {
    availability: up[root]!,
    unavailability: down[root]!,
    frequency,
    birnbaum,
    singlePoints: findSinglePoints(compiled),
  };
}

/**
 * With everything up but one event, the function follows the all-high path and leaves it
 * only at that event's node, if the path tests it at all. So an event is a single point of
 * failure exactly when its node on that path has a low branch that, all-up, is false.
 */
export function findSinglePoints(compiled: { readonly bdd: CompiledFunction['bdd']; readonly root: number }): number[] {
  const { bdd, root } = compiled;
  // 0 = not yet known, 1 = the all-up walk from this node ends in TRUE, 2 = in FALSE.
  const memo = new Uint8Array(bdd.nodeCount);
  memo[TRUE] = 1;
  memo[FALSE] = 2;
  const allUp = (start: number): boolean => {
    const path: number[] = [];
    let n = start;
    while (memo[n] === 0) {
      path.push(n);
      n = bdd.high[n]!;
    }
    for (const visited of path) memo[visited] = memo[n]!;
    return memo[n] === 1;
  };
  if (!allUp(root)) return [];
  const result: number[] = [];
  for (let n = root; n !== TRUE && n !== FALSE; n = bdd.high[n]!) {
    if (!allUp(bdd.low[n]!)) result.push(bdd.level[n]!);
  }
  return result;
}

/** The nodes reachable from the root, in ascending index order. */
function collectNodes(compiled: CompiledFunction): Int32Array {
  const { bdd, root } = compiled;
  const seen = new Uint8Array(bdd.nodeCount);
  const stack = [root];
  let count = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n <= TRUE || seen[n]) continue;
    seen[n] = 1;
    count++;
    stack.push(bdd.low[n]!, bdd.high[n]!);
  }
  const nodes = new Int32Array(count);
  let k = 0;
  for (let n = 2; n < bdd.nodeCount; n++) if (seen[n]) nodes[k++] = n;
  return nodes;
}
