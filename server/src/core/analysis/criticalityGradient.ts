import { FALSE, TRUE } from './bdd';
import type { BasicEvent } from './circuit';
import type { ProductQueue, TripleTable } from './scratchTables';

/**
 * What the walk reads of a diagram: its nodes, the event at each level and the events'
 * figures, and the tables and queue the diagram keeps for its walks (one walk at a time).
 */
export interface DiagramNodes {
  readonly level: Int32Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly nodeCount: number;
  readonly eventAtLevel: readonly number[];
  readonly events: readonly BasicEvent[];
  /** Product nodes waiting to be expanded, by level (see Diagram.criticalities). */
  readonly queue: ProductQueue;
  /** Each product node's id, by its pair of nodes. */
  readonly nodeIds: TripleTable;
  /** Each joint probability's id in the record, by its pair of nodes. */
  readonly pairIds: TripleTable;
}

export interface CriticalityGradient {
  /** For each event i the first function depends on: Pr[f(1_i) ∧ g(0_i)] − Pr[f(0_i) ∧ g(0_i)] (see Diagram.criticalities). */
  readonly criticalities: ReadonlyMap<number, number>;
  /** For each event e: ∂/∂a_e of Σ_i w_i · criticality_i, by e's availability a_e (u_e = 1 − a_e moving with it). */
  readonly gradient: ReadonlyMap<number, number>;
}

/** Ids of the two terminal probabilities in the record of joint probabilities. */
const ZERO = -1;
const ONE = -2;
/** In place of the joint probabilities of a product node whose event the first function does not test. */
const NONE = -3;

/**
 * The criticalities of two functions f and g, and the derivative of their weighted sum
 * R = Σ_i w_i · criticality_i by every event's availability, in two passes: the walk over
 * the product of the two diagrams that Diagram.criticalities makes, recording each product
 * node and each joint probability it reads, then the same records backwards (reverse-mode
 * differentiation). R is multilinear in each availability, so R with event e made perfect
 * is R + u_e · ∂R/∂a_e exactly: one walk per switchover gives its rate with any one event
 * fixed, where a walk per event did before.
 *
 * Every product node is kept, also one reached with probability 0: the derivative needs the
 * branches an event that never fails (or always does) cuts off.
 */
export function findCriticalityGradient(diagram: DiagramNodes, f: number, g: number, weightOf: (event: number) => number): CriticalityGradient {
  const { level, low, high, eventAtLevel, events, queue, nodeIds, pairIds } = diagram;
  const base = diagram.nodeCount;
  const topOf = (a: number, b: number) => Math.min(a === TRUE ? Infinity : level[a]!, b === TRUE ? Infinity : level[b]!);

  // Joint probabilities Pr[a ∧ b], recorded children first: the event's level, both cofactors' ids, the value.
  pairIds.clear();
  const pTop: number[] = [];
  const pHigh: number[] = [];
  const pLow: number[] = [];
  const pValue: number[] = [];
  const valueOf = (id: number) => (id === ZERO ? 0 : id === ONE ? 1 : pValue[id]!);
  const probabilityId = (a: number, b: number): number => {
    if (a === FALSE || b === FALSE) return ZERO;
    const top = topOf(a, b);
    if (top === Infinity) return ONE;
    const key = a * base + b;
    const known = pairIds.get(key);
    if (known !== undefined) return known;
    const aTop = a !== TRUE && level[a] === top;
    const bTop = b !== TRUE && level[b] === top;
    const up = probabilityId(aTop ? high[a]! : a, bTop ? high[b]! : b);
    const down = probabilityId(aTop ? low[a]! : a, bTop ? low[b]! : b);
    const event = events[eventAtLevel[top]!]!;
    const id = pValue.push(event.availability * valueOf(up) + event.unavailability * valueOf(down)) - 1;
    pTop.push(top);
    pHigh.push(up);
    pLow.push(down);
    pairIds.set(key, id);
    return id;
  };

  // Product nodes, in the order they are expanded (level by level, top down), with their
  // reach, their children (-1 where a child takes no part) and the two joint probabilities
  // their criticality reads (NONE where the first function does not test their event).
  queue.begin(eventAtLevel.length);
  nodeIds.clear();
  const enqueue = (a: number, b: number, share: number): number => {
    if (a === FALSE || b === FALSE) return -1;
    const top = topOf(a, b);
    if (top === Infinity) return -1;
    const key = a * base + b;
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = queue.add(a, b, TRUE, top);
      nodeIds.set(key, id);
    }
    // Read the array anew: adding a node may have replaced it with a larger one.
    queue.reach[id]! += share;
    return id;
  };
  enqueue(f, g, 1);
  const order: number[] = [];
  const childHigh: number[] = [];
  const childLow: number[] = [];
  const withF: number[] = [];
  const withoutF: number[] = [];
  const criticalities = new Map<number, number>();
  for (let top = queue.nextLevel(); top !== undefined; top = queue.nextLevel()) {
    // Children sit at deeper levels, so every node of this level has all its reach by now.
    const event = events[eventAtLevel[top]!]!;
    for (let id = queue.first(top); id !== -1; id = queue.after(id)) {
      const a = queue.operands[3 * id]!;
      const b = queue.operands[3 * id + 1]!;
      const reached = queue.reach[id]!;
      const aTop = a !== TRUE && level[a] === top;
      const bTop = b !== TRUE && level[b] === top;
      const loB = bTop ? low[b]! : b;
      order.push(id);
      if (aTop) {
        const up = probabilityId(high[a]!, loB);
        const down = probabilityId(low[a]!, loB);
        withF[id] = up;
        withoutF[id] = down;
        const eventIndex = eventAtLevel[top]!;
        criticalities.set(eventIndex, (criticalities.get(eventIndex) ?? 0) + reached * (valueOf(up) - valueOf(down)));
      } else {
        withF[id] = withoutF[id] = NONE;
      }
      childHigh[id] = enqueue(aTop ? high[a]! : a, bTop ? high[b]! : b, reached * event.availability);
      childLow[id] = enqueue(aTop ? low[a]! : a, loB, reached * event.unavailability);
    }
  }

  // Backwards over the product nodes: each node's part in R per unit of its reach, and what
  // each event's availability adds through the reach it passes down.
  const gradient = new Map<number, number>();
  const addGradient = (top: number, value: number) => {
    const eventIndex = eventAtLevel[top]!;
    gradient.set(eventIndex, (gradient.get(eventIndex) ?? 0) + value);
  };
  // Every node queued was expanded once, so `order` holds them all; their operands and reach stay in the queue.
  const { operands, reach } = queue;
  const perReach = new Float64Array(order.length);
  const pAdjoint = new Float64Array(pValue.length);
  for (let k = order.length - 1; k >= 0; k--) {
    const id = order[k]!;
    const top = topOf(operands[3 * id]!, operands[3 * id + 1]!);
    const event = events[eventAtLevel[top]!]!;
    const hi = childHigh[id]!;
    const lo = childLow[id]!;
    const below = (child: number) => (child < 0 ? 0 : perReach[child]!);
    let own = 0;
    if (withF[id] !== NONE) {
      const w = weightOf(eventAtLevel[top]!);
      own = w * (valueOf(withF[id]!) - valueOf(withoutF[id]!));
      // Seeds for the joint probabilities the criticality reads.
      if (withF[id]! >= 0) pAdjoint[withF[id]!] += w * reach[id]!;
      if (withoutF[id]! >= 0) pAdjoint[withoutF[id]!] -= w * reach[id]!;
    }
    perReach[id] = own + event.availability * below(hi) + event.unavailability * below(lo);
    addGradient(top, reach[id]! * (below(hi) - below(lo)));
  }
  // Backwards over the joint probabilities, parents before children (the reverse of the order recorded).
  for (let id = pValue.length - 1; id >= 0; id--) {
    const adjoint = pAdjoint[id]!;
    if (adjoint === 0) continue;
    const event = events[eventAtLevel[pTop[id]!]!]!;
    const up = pHigh[id]!;
    const down = pLow[id]!;
    addGradient(pTop[id]!, adjoint * (valueOf(up) - valueOf(down)));
    if (up >= 0) pAdjoint[up] += adjoint * event.availability;
    if (down >= 0) pAdjoint[down] += adjoint * event.unavailability;
  }
  return { criticalities, gradient };
}
