import type { Budget } from '../budget';
import { Bdd, FALSE, TRUE } from './bdd';
import { walkDepthFirst, type Circuit } from './circuit';
import { findCriticalityGradient, type CriticalityGradient } from './criticalityGradient';
import { DiagramScratch } from './diagramScratch';


/** Figures of one function (a gate) of the diagram. */
export interface Measures {
  readonly availability: number;
  /** Computed on its own, never as 1 − availability, so high nines keep their digits. */
  readonly unavailability: number;
  /** Failures per hour: the sum over events of Birnbaum importance times frequency. */
  readonly frequency: number;
  /** Birnbaum importance of each event the function depends on, by event index. */
  readonly importance: ReadonlyMap<number, number>;
  /** How many diagram nodes the function uses. */
  readonly nodes: number;
}

/**
 * One reduced ordered BDD holding the structure functions of many gates at once, so that
 * what services share (a power feed, a host, a database) is built once.
 *
 * The variable order comes from the dependency graph: the circuit numbers events in a
 * depth-first post-order (dependencies before the things that need them), and the diagram
 * takes them in reverse, a topological order from services down to power. Measured on the
 * benchmarks this beats depth-first pre-order by 70× in nodes on a dense layered mesh
 * (11,207 against 783,794) and by 4× on generated data centres.
 */
export class Diagram {
  private constructor(
    private readonly circuit: Circuit,
    private readonly bdd: Bdd,
    /** `eventAtLevel[level]` is the event index tested at that level. */
    private readonly eventAtLevel: readonly number[],
    private readonly nodeOfGate: ReadonlyMap<number, number>,
    private readonly scratch: DiagramScratch = new DiagramScratch(bdd.nodeCount),
  ) {}

  /** Builds the functions of the given gates; throws BddBudgetExceeded past `maxNodes`. */
  static build(circuit: Circuit, rootGates: readonly number[], maxNodes: number, budget?: Budget): Diagram {
    const bdd = new Bdd(maxNodes, budget);
    const reachable = walkDepthFirst(circuit, rootGates);
    const eventAtLevel = reachable.flatMap((g) => {
      const gate = circuit.gates[g]!;
      return gate.op === 'event' ? [gate.event] : [];
    });
    eventAtLevel.sort((a, b) => b - a);
    const levelOfEvent = new Map<number, number>();
    for (const event of eventAtLevel) levelOfEvent.set(event, bdd.addVariable());
    const nodeOfGate = new Map<number, number>();
    for (const gateIndex of reachable.sort((a, b) => a - b)) {
      const gate = circuit.gates[gateIndex]!;
      let node: number;
      if (gate.op === 'const') node = gate.value ? TRUE : FALSE;
      else if (gate.op === 'event') node = bdd.variable(levelOfEvent.get(gate.event)!);
      else node = bdd.atLeast(gate.k, gate.inputs.map((input) => nodeOfGate.get(input)!));
      nodeOfGate.set(gateIndex, node);
    }
    return new Diagram(circuit, bdd, eventAtLevel, nodeOfGate);
  }

  /**
   * The same diagram over a circuit of the same structure (same gates, same events) whose
   * events have other figures: nothing is built again, measures read the new figures.
   */
  withCircuit(circuit: Circuit): Diagram {
    return new Diagram(circuit, this.bdd, this.eventAtLevel, this.nodeOfGate, this.scratch);
  }

  get nodeCount(): number {
    return this.bdd.nodeCount;
  }

  /**
   * Events whose failure alone brings the gate down. With everything else up, the function
   * follows the all-high path and leaves it only at that event's node, if the path tests it
   * at all; so an event is a single point of failure exactly when its node on that path has
   * a low branch that, all-up, is false.
   */
  singlePointsOf(gate: number): number[] {
    const root = this.nodeOfGate.get(gate);
    if (root === undefined) return [];
    const { bdd } = this;
    // Remembers where each all-up walk ends, so the whole walk stays linear.
    const ends = new Map<number, boolean>();
    const allUp = (start: number): boolean => {
      const path: number[] = [];
      let n = start;
      while (n > TRUE && !ends.has(n)) {
        path.push(n);
        n = bdd.high[n]!;
      }
      const up = n > TRUE ? ends.get(n)! : n === TRUE;
      for (const visited of path) ends.set(visited, up);
      return up;
    };
    if (!allUp(root)) return [];
    const result: number[] = [];
    for (let n = root; n > TRUE; n = bdd.high[n]!) if (!allUp(bdd.low[n]!)) result.push(this.eventAtLevel[bdd.level[n]!]!);
    return result;
  }

  /**
   * A gate's unavailability alone: one bottom-up pass, for callers that measure the same gate
   * again and again with changed event figures (its node list is kept, see collect).
   */
  unavailabilityOf(gate: number): number {
    const root = this.nodeOfGate.get(gate);
    if (root === undefined) throw new Error(`gate ${gate} is not in this diagram`);
    const { level, high, low } = this.bdd;
    const { events } = this.circuit;
    const eventAtLevel = this.eventAtLevel;
    const { down } = this.scratch;
    down[TRUE] = 0;
    down[FALSE] = 1;
    const nodes = this.collect(root);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const event = events[eventAtLevel[level[n]!]!]!;
      down[n] = event.availability * down[high[n]!]! + event.unavailability * down[low[n]!]!;
    }
    return down[root]!;
  }

  /**
   * Computes a gate's figures in two passes over its own nodes: bottom-up for P(up) and
   * P(down), top-down for the probability of reaching each node, which gives every event's
   * Birnbaum importance. Event figures are read now, so failover pseudo-events filled in
   * after the diagram was built are taken into account.
   */
  measure(gate: number): Measures {
    return this.measureGate(gate, true) as Measures;
  }

  /** A gate's availability, unavailability and frequency alone: `measure` without the importance of each event. */
  measureFigures(gate: number): Pick<Measures, 'availability' | 'unavailability' | 'frequency'> {
    return this.measureGate(gate, false);
  }

  /**
   * Every gate's availability, unavailability and failure frequency, in one bottom-up pass
   * over the whole diagram: linear in its size, for callers that measure most of its gates,
   * where measuring gate by gate walks the nodes they share again for each. A node's
   * frequency is the importance-weighted sum of rates (see Measures) summed bottom-up: its
   * event's rate times the difference the event makes there, plus its branches' frequencies
   * weighted by the event's availability and unavailability.
   */
  measureEveryGate(): (gate: number) => Pick<Measures, 'availability' | 'unavailability' | 'frequency'> | undefined {
    const size = this.bdd.nodeCount;
    const { level, high, low } = this.bdd;
    const { events } = this.circuit;
    const eventAtLevel = this.eventAtLevel;
    const [up, down, frequency] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    up[TRUE] = 1;
    down[FALSE] = 1;
    // Children always have smaller indices than their parents, so ascending order is bottom-up.
    for (let n = TRUE + 1; n < size; n++) {
      const event = events[eventAtLevel[level[n]!]!]!;
      const hi = high[n]!;
      const lo = low[n]!;
      up[n] = event.availability * up[hi]! + event.unavailability * up[lo]!;
      down[n] = event.availability * down[hi]! + event.unavailability * down[lo]!;
      frequency[n] = event.frequency * (down[lo]! - down[hi]!) + event.availability * frequency[hi]! + event.unavailability * frequency[lo]!;
    }
    return (gate) => {
      const node = this.nodeOfGate.get(gate);
      return node === undefined ? undefined : { availability: up[node]!, unavailability: down[node]!, frequency: frequency[node]! };
    };
  }

  private measureGate(gate: number, withImportance: boolean): Pick<Measures, 'availability' | 'unavailability' | 'frequency'> & Partial<Measures> {
    const root = this.nodeOfGate.get(gate);
    if (root === undefined) throw new Error(`gate ${gate} is not in this diagram`);
    const { up, down, reach, eventSums } = this.scratch;
    // Read once: the loops below run over a thousand services' nodes on every edit.
    const { level, high, low } = this.bdd;
    const { events } = this.circuit;
    const eventAtLevel = this.eventAtLevel;
    const nodes = this.collect(root);
    up[TRUE] = 1;
    up[FALSE] = 0;
    down[TRUE] = 0;
    down[FALSE] = 1;
    // Children always have smaller indices than their parents, so ascending order is bottom-up.
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const event = events[eventAtLevel[level[n]!]!]!;
      const hi = high[n]!;
      const lo = low[n]!;
      up[n] = event.availability * up[hi]! + event.unavailability * up[lo]!;
      down[n] = event.availability * down[hi]! + event.unavailability * down[lo]!;
      reach[n] = 0;
    }
    reach[TRUE] = reach[FALSE] = 0;
    if (root > TRUE) reach[root] = 1;
    eventSums.begin(events.length);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i]!;
      const eventIndex = eventAtLevel[level[n]!]!;
      const event = events[eventIndex]!;
      const hi = high[n]!;
      const lo = low[n]!;
      // The difference of two unavailabilities keeps precision where 1 − x would not.
      eventSums.add(eventIndex, reach[n]! * (down[lo]! - down[hi]!));
      reach[hi]! += reach[n]! * event.availability;
      reach[lo]! += reach[n]! * event.unavailability;
    }
    const { sums, met } = eventSums;
    let frequency = 0;
    for (const eventIndex of met) frequency += sums[eventIndex]! * events[eventIndex]!.frequency;
    if (!withImportance) return { availability: up[root]!, unavailability: down[root]!, frequency };
    const importance = new Map<number, number>();
    for (const eventIndex of met) importance.set(eventIndex, sums[eventIndex]!);
    return { availability: up[root]!, unavailability: down[root]!, frequency, importance, nodes: nodes.length };
  }

  /** Whether the gate was built into this diagram. */
  has(gate: number): boolean {
    return this.nodeOfGate.has(gate);
  }

  /** The probability that every gate (at most three) holds at once: `Pr[g1 ∧ g2 ∧ g3]`. */
  jointProbability(gates: readonly number[]): number {
    const walk = this.tripleWalk(gates);
    return walk.probability(walk.root[0], walk.root[1], walk.root[2]);
  }

  /**
   * For every event i the first gate depends on, how much the first gate's failure through i
   * finds the others holding with i down:
   *
   *   Pr[g1(1_i) ∧ g2(0_i) ∧ g3(0_i)] − Pr[g1(0_i) ∧ g2(0_i) ∧ g3(0_i)]
   *
   * One top-down pass over the product of the gates' diagrams gives it for all events at once:
   * paths that do not test i contribute nothing, and at a product node testing i the bracket
   * is the probability of reaching that node times the difference of two joint probabilities
   * of its children. So the cost is the product's size, not the number of events times it.
   */
  criticalities(gates: readonly number[]): Map<number, number> {
    const walk = this.tripleWalk(gates);
    const { scratch } = this;
    const { level, high, low } = this.bdd;
    const { events } = this.circuit;
    const eventSums = scratch.eventSums;
    eventSums.begin(events.length);
    // Product nodes waiting to be expanded, queued by their top level so that each is
    // expanded once, after every path into it has added its share of the reach.
    const queue = scratch.products;
    queue.begin(this.eventAtLevel.length);
    const triples = scratch.productNodes;
    triples.clear();
    const enqueue = (a: number, b: number, c: number, share: number) => {
      if (share === 0 || a === FALSE || b === FALSE || c === FALSE) return;
      const top = walk.topOf(a, b, c);
      if (top === Infinity) return;
      const key = walk.keyOf(a, b, c);
      let id = triples.get(key);
      if (id === undefined) {
        id = queue.add(a, b, c, top);
        triples.set(key, id);
      }
      // Read the array anew: adding a node may have replaced it with a larger one.
      queue.reach[id]! += share;
    };
    enqueue(walk.root[0], walk.root[1], walk.root[2], 1);
    for (let top = queue.nextLevel(); top !== undefined; top = queue.nextLevel()) {
      const eventIndex = this.eventAtLevel[top]!;
      const event = events[eventIndex]!;
      for (let id = queue.first(top); id !== -1; id = queue.after(id)) {
        const { operands } = queue;
        const a = operands[3 * id]!, b = operands[3 * id + 1]!, c = operands[3 * id + 2]!;
        const aTop = a !== TRUE && level[a] === top, bTop = b !== TRUE && level[b] === top, cTop = c !== TRUE && level[c] === top;
        const hiA = aTop ? high[a]! : a, loA = aTop ? low[a]! : a;
        const hiB = bTop ? high[b]! : b, loB = bTop ? low[b]! : b;
        const hiC = cTop ? high[c]! : c, loC = cTop ? low[c]! : c;
        const share = queue.reach[id]!;
        if (aTop) {
          eventSums.add(eventIndex, share * (walk.probability(hiA, loB, loC) - walk.probability(loA, loB, loC)));
        }
        enqueue(hiA, hiB, hiC, share * event.availability);
        enqueue(loA, loB, loC, share * event.unavailability);
      }
    }
    const result = new Map<number, number>();
    for (const eventIndex of eventSums.met) result.set(eventIndex, eventSums.sums[eventIndex]!);
    return result;
  }

  /** The criticalities of two gates, with the derivative of their weighted sum by every event's availability (see findCriticalityGradient). */
  criticalityGradient(first: number, second: number, weightOf: (event: number) => number): CriticalityGradient {
    const nodeOf = (gate: number) => {
      const node = this.nodeOfGate.get(gate);
      if (node === undefined) throw new Error(`gate ${gate} is not in this diagram`);
      return node;
    };
    const { bdd, scratch } = this;
    const nodes = {
      level: bdd.level,
      low: bdd.low,
      high: bdd.high,
      nodeCount: bdd.nodeCount,
      eventAtLevel: this.eventAtLevel,
      events: this.circuit.events,
      // The walk's tables and queue, as criticalities uses them: one walk at a time.
      queue: scratch.products,
      nodeIds: scratch.productNodes,
      pairIds: scratch.jointProbabilities,
    };
    return findCriticalityGradient(nodes, nodeOf(first), nodeOf(second), weightOf);
  }

  /**
   * A memoised walk over up to three of the diagram's functions at once, unused operands
   * TRUE: no arrays on the way down, so no garbage per step.
   */
  private tripleWalk(gates: readonly number[]) {
    if (gates.length > 3) throw new Error('a joint walk takes at most three gates');
    const { bdd, circuit } = this;
    const node = (g: number | undefined): number => {
      if (g === undefined) return TRUE;
      const n = this.nodeOfGate.get(g);
      if (n === undefined) throw new Error(`gate ${g} is not in this diagram`);
      return n;
    };
    const { level, high, low } = bdd;
    const { events } = circuit;
    const eventAtLevel = this.eventAtLevel;
    // A triple of nodes as one number where it fits in a double's 53 bits, else as text.
    const base = bdd.nodeCount;
    const numeric = base * base * base < Number.MAX_SAFE_INTEGER;
    const keyOf = (a: number, b: number, c: number): number | string => (numeric ? (a * base + b) * base + c : `${a},${b},${c}`);
    const topOf = (a: number, b: number, c: number): number =>
      Math.min(a === TRUE ? Infinity : level[a]!, b === TRUE ? Infinity : level[b]!, c === TRUE ? Infinity : level[c]!);
    // One walk at a time: a newer walk empties the table, and this one may no longer be used.
    const memo = this.scratch.jointProbabilities;
    const generation = memo.clear();
    const probability = (a: number, b: number, c: number): number => {
      if (memo.generation !== generation) throw new Error('a joint walk was used after a newer one began');
      if (a === FALSE || b === FALSE || c === FALSE) return 0;
      const top = topOf(a, b, c);
      if (top === Infinity) return 1;
      const key = keyOf(a, b, c);
      const known = memo.get(key);
      if (known !== undefined) return known;
      // The branches of the operands tested at the top level; the others stay as they are.
      // (Written out rather than as small closures: this runs for every product node.)
      const aTop = a !== TRUE && level[a] === top;
      const bTop = b !== TRUE && level[b] === top;
      const cTop = c !== TRUE && level[c] === top;
      const event = events[eventAtLevel[top]!]!;
      const up = probability(aTop ? high[a]! : a, bTop ? high[b]! : b, cTop ? high[c]! : c);
      const down = probability(aTop ? low[a]! : a, bTop ? low[b]! : b, cTop ? low[c]! : c);
      const result = event.availability * up + event.unavailability * down;
      memo.set(key, result);
      return result;
    };
    return { root: [node(gates[0]), node(gates[1]), node(gates[2])] as const, probability, keyOf, topOf };
  }

  /** The nodes of one function, in ascending index order; kept for the next measurement of it. */
  private collect(root: number): Int32Array {
    const scratch = this.scratch;
    const known = scratch.nodeLists.get(root) ?? (scratch.last?.root === root ? scratch.last.nodes : undefined);
    if (known) return known;
    const stamp = ++scratch.stamp;
    const { bdd } = this;
    const { seen } = scratch;
    const { found, pending } = scratch;
    found.length = 0;
    pending.length = 0;
    pending.push(root);
    while (pending.length > 0) {
      const n = pending.pop();
      if (n <= TRUE || seen[n] === stamp) continue;
      seen[n] = stamp;
      found.push(n);
      pending.push(bdd.low[n]!);
      pending.push(bdd.high[n]!);
    }
    const nodes = found.copy().sort();
    if (nodes.length <= scratch.listRoom) {
      scratch.listRoom -= nodes.length;
      scratch.nodeLists.set(root, nodes);
    } else {
      scratch.last = { root, nodes };
    }
    return nodes;
  }
}
