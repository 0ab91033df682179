import type { Budget } from '../budget';
import { Bdd, FALSE, TRUE } from './bdd';
import { walkDepthFirst, type Circuit } from './circuit';


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
  // Scratch arrays sized to the diagram and reused by every measurement; `stamp` marks the
  // nodes of the current function so that nothing has to be cleared between functions.
  private readonly up: Float64Array;
  private readonly down: Float64Array;
  private readonly reach: Float64Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly levelOfEvent: ReadonlyMap<number, number>;

  private constructor(
    private readonly circuit: Circuit,
    private readonly bdd: Bdd,
    /** `eventAtLevel[level]` is the event index tested at that level. */
    private readonly eventAtLevel: readonly number[],
    private readonly nodeOfGate: ReadonlyMap<number, number>,
  ) {
    const size = bdd.nodeCount;
    this.levelOfEvent = new Map(eventAtLevel.map((event, level) => [event, level]));
    this.up = new Float64Array(size);
    this.down = new Float64Array(size);
    this.reach = new Float64Array(size);
    this.seen = new Int32Array(size);
  }

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
   * Computes a gate's figures in two passes over its own nodes: bottom-up for P(up) and
   * P(down), top-down for the probability of reaching each node, which gives every event's
   * Birnbaum importance. Event figures are read now, so failover pseudo-events filled in
   * after the diagram was built are taken into account.
   */
  measure(gate: number): Measures {
    const root = this.nodeOfGate.get(gate);
    if (root === undefined) throw new Error(`gate ${gate} is not in this diagram`);
    const { bdd, up, down, reach, circuit } = this;
    const nodes = this.collect(root);
    up[TRUE] = 1;
    up[FALSE] = 0;
    down[TRUE] = 0;
    down[FALSE] = 1;
    // Children always have smaller indices than their parents, so ascending order is bottom-up.
    for (const n of nodes) {
      const event = circuit.events[this.eventAtLevel[bdd.level[n]!]!]!;
      const hi = bdd.high[n]!;
      const lo = bdd.low[n]!;
      up[n] = event.availability * up[hi]! + event.unavailability * up[lo]!;
      down[n] = event.availability * down[hi]! + event.unavailability * down[lo]!;
      reach[n] = 0;
    }
    reach[TRUE] = reach[FALSE] = 0;
    if (root > TRUE) reach[root] = 1;
    const importance = new Map<number, number>();
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i]!;
      const eventIndex = this.eventAtLevel[bdd.level[n]!]!;
      const event = circuit.events[eventIndex]!;
      const hi = bdd.high[n]!;
      const lo = bdd.low[n]!;
      // The difference of two unavailabilities keeps precision where 1 − x would not.
      importance.set(eventIndex, (importance.get(eventIndex) ?? 0) + reach[n]! * (down[lo]! - down[hi]!));
      reach[hi]! += reach[n]! * event.availability;
      reach[lo]! += reach[n]! * event.unavailability;
    }
    let frequency = 0;
    for (const [eventIndex, value] of importance) frequency += value * circuit.events[eventIndex]!.frequency;
    return { availability: up[root]!, unavailability: down[root]!, frequency, importance, nodes: nodes.length };
  }

  /** Whether the gate was built into this diagram. */
  has(gate: number): boolean {
    return this.nodeOfGate.has(gate);
  }

  /**
   * The probability that every gate holds at once, where the event `forced` (if any) is fixed
   * and each gate sees it up or down as `branches` says: `Pr[f1(b1) ∧ f2(b2) ∧ …]`. A joint
   * walk of the gates' diagrams with memory, so no new diagram nodes are made.
   */
  jointProbability(gates: readonly number[], forced?: { readonly event: number; readonly branches: readonly boolean[] }): number {
    if (gates.length > 3) throw new Error('jointProbability takes at most three gates');
    const { bdd, circuit } = this;
    const node = (g: number | undefined): number => {
      if (g === undefined) return TRUE;
      const n = this.nodeOfGate.get(g);
      if (n === undefined) throw new Error(`gate ${g} is not in this diagram`);
      return n;
    };
    const forcedLevel = forced === undefined ? -1 : (this.levelOfEvent.get(forced.event) ?? -1);
    const [upA, upB, upC] = [0, 1, 2].map((j) => forced?.branches[j] ?? true) as [boolean, boolean, boolean];
    // A triple of nodes as one number where it fits in a double's 53 bits, else as text.
    const base = bdd.nodeCount;
    const numeric = base * base * base < Number.MAX_SAFE_INTEGER;
    const memo = new Map<number | string, number>();
    const level = bdd.level;
    // Three operands, unused ones TRUE: no arrays on the way down, so no garbage per step.
    const walk = (a: number, b: number, c: number): number => {
      if (a === FALSE || b === FALSE || c === FALSE) return 0;
      const top = Math.min(a === TRUE ? Infinity : level[a]!, b === TRUE ? Infinity : level[b]!, c === TRUE ? Infinity : level[c]!);
      if (top === Infinity) return 1;
      const key = numeric ? (a * base + b) * base + c : `${a},${b},${c}`;
      const known = memo.get(key);
      if (known !== undefined) return known;
      const atTop = (n: number) => n !== TRUE && level[n] === top;
      const lowOf = (n: number) => (atTop(n) ? bdd.low[n]! : n);
      const highOf = (n: number) => (atTop(n) ? bdd.high[n]! : n);
      let result: number;
      if (top === forcedLevel) {
        result = walk(upA ? highOf(a) : lowOf(a), upB ? highOf(b) : lowOf(b), upC ? highOf(c) : lowOf(c));
      } else {
        const event = circuit.events[this.eventAtLevel[top]!]!;
        result = event.availability * walk(highOf(a), highOf(b), highOf(c)) + event.unavailability * walk(lowOf(a), lowOf(b), lowOf(c));
      }
      memo.set(key, result);
      return result;
    };
    return walk(node(gates[0]), node(gates[1]), node(gates[2]));
  }

  /** The nodes of one function, in ascending index order. */
  private collect(root: number): number[] {
    const stamp = ++this.stamp;
    const { bdd, seen } = this;
    const nodes: number[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (n <= TRUE || seen[n] === stamp) continue;
      seen[n] = stamp;
      nodes.push(n);
      stack.push(bdd.low[n]!, bdd.high[n]!);
    }
    return nodes.sort((a, b) => a - b);
  }
}
