/**
 * A reduced ordered binary decision diagram over independent basic events.
 *
 * Nodes live in typed arrays; node 0 is FALSE and node 1 is TRUE. A unique table makes
 * equal sub-functions one node, and a lossy computed cache remembers recent `and` / `or`
 * results. Only monotone operations exist because structure functions of availability
 * models are monotone (more things up never takes a service down).
 *
 * `apply` runs on an explicit stack, so a diagram thousands of variables deep cannot
 * overflow the JavaScript call stack.
 */
import { Budget } from '../budget';
import { IntStack } from '../util/intStack';

export const FALSE = 0;
export const TRUE = 1;

const AND = 0;
const OR = 1;

export class BddBudgetExceeded extends Error {
  constructor(
    readonly limit: number,
    readonly reason: 'nodes' | 'time' = 'nodes',
  ) {
    super(reason === 'nodes' ? `The decision diagram grew past ${limit} nodes.` : `Building the decision diagram took longer than ${limit} ms.`);
  }
}

export class Bdd {
  /** Variable level of each node; terminals sit below every variable. */
  level: Int32Array;
  low: Int32Array;
  high: Int32Array;
  private size = 2;
  private buckets: Int32Array;
  private chain: Int32Array;
  private cacheF!: Int32Array;
  private cacheG!: Int32Array;
  private cacheR!: Int32Array;
  private cacheMask = 0;
  private variableCount = 0;
  // Work stacks of `apply`, kept between calls so that small operations allocate nothing.
  private readonly frames = new IntStack();
  private readonly tasks = new IntStack();
  private readonly results = new IntStack();
  // Where andAll sorts a gate's few inputs (see sortDeepestFirst).
  private readonly sortRoom = new Int32Array(32);

  /** The budget is asked every 4,096 new nodes; building stops once it is spent. */
  constructor(
    private readonly maxNodes = 2_000_000,
    private readonly budget: Budget = Budget.unlimited(),
    initialCapacity = 256,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.level = new Int32Array(capacity);
    this.low = new Int32Array(capacity);
    this.high = new Int32Array(capacity);
    this.chain = new Int32Array(capacity).fill(-1);
    this.buckets = new Int32Array(capacity * 2).fill(-1);
    this.level[0] = this.level[1] = 0x7fffffff;
    this.resizeCache(capacity * 4);
  }

  /** The computed cache is lossy, so growing it just starts a larger, empty one. */
  private resizeCache(size: number): void {
    this.cacheMask = size - 1;
    this.cacheF = new Int32Array(size).fill(-1);
    this.cacheG = new Int32Array(size);
    this.cacheR = new Int32Array(size);
  }

  get nodeCount(): number {
    return this.size;
  }


  /** Adds a variable below all existing ones and returns its level. */
  addVariable(): number {
    return this.variableCount++;
  }

  /** The function that is true exactly when the variable at `level` is up. */
  variable(level: number): number {
    return this.makeNode(level, FALSE, TRUE);
  }

  and(f: number, g: number): number {
    return this.apply(AND, f, g);
  }

  or(f: number, g: number): number {
    return this.apply(OR, f, g);
  }

  andAll(nodes: readonly number[]): number {
    // Combining the deepest operands first keeps intermediate diagrams small.
    const sorted = this.sortDeepestFirst(nodes);
    let result = TRUE;
    for (let i = 0; i < nodes.length; i++) {
      result = this.and(sorted[i]!, result);
      if (result === FALSE) break;
    }
    return result;
  }

  /**
   * The nodes, deepest level first, in the order given where levels tie. Most gates have a
   * few inputs: those are sorted by insertion into an array kept for it, since a copy and a
   * comparator per gate made most of what building a diagram allocated.
   */
  private sortDeepestFirst(nodes: readonly number[]): ArrayLike<number> {
    if (nodes.length > this.sortRoom.length) return [...nodes].sort((a, b) => this.level[b]! - this.level[a]!);
    const sorted = this.sortRoom;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const depth = this.level[node]!;
      let j = i;
      for (; j > 0 && this.level[sorted[j - 1]!]! < depth; j--) sorted[j] = sorted[j - 1]!;
      sorted[j] = node;
    }
    return sorted;
  }

  /**
   * At least `k` of the functions hold, built by the usual dynamic programme over members,
   * leaving out the counts that can no longer reach `k` with the members still to come.
   */
  atLeast(k: number, nodes: readonly number[]): number {
    if (k <= 0) return TRUE;
    const n = nodes.length;
    if (k > n) return FALSE;
    if (k === n) return this.andAll(nodes);
    // counts[j] = "at least j of the members seen so far hold"; counts[0] is always TRUE.
    const counts: number[] = [TRUE];
    for (let j = 1; j <= k; j++) counts.push(FALSE);
    for (let i = 0; i < n; i++) {
      const member = nodes[i]!;
      // After member i, a count j matters only if the n − 1 − i members left can lift it to k.
      const lowest = Math.max(1, k - (n - 1 - i));
      for (let j = Math.min(k, i + 1); j >= lowest; j--) {
        counts[j] = this.or(counts[j]!, this.and(member, counts[j - 1]!));
      }
    }
    return counts[k]!;
  }

  private makeNode(level: number, low: number, high: number): number {
    if (low === high) return low;
    const bucket = this.hash(level, low, high) & (this.buckets.length - 1);
    for (let n = this.buckets[bucket]!; n !== -1; n = this.chain[n]!) {
      if (this.level[n] === level && this.low[n] === low && this.high[n] === high) return n;
    }
    if (this.size >= this.maxNodes) throw new BddBudgetExceeded(this.maxNodes);
    if ((this.size & 4095) === 0 && this.budget.exceeded()) throw new BddBudgetExceeded(this.budget.limitMs, 'time');
    if (this.size === this.level.length) {
      this.grow();
      return this.makeNode(level, low, high);
    }
    const n = this.size++;
    this.level[n] = level;
    this.low[n] = low;
    this.high[n] = high;
    this.chain[n] = this.buckets[bucket]!;
    this.buckets[bucket] = n;
    return n;
  }

  private hash(level: number, low: number, high: number): number {
    let h = Math.imul(level, 0x9e3779b1) ^ Math.imul(low, 0x85ebca77) ^ Math.imul(high, 0xc2b2ae3d);
    h ^= h >>> 15;
    return Math.imul(h, 0x27d4eb2f) >>> 0;
  }

  private grow(): void {
    const capacity = this.level.length * 2;
    const copy = (source: Int32Array) => {
      const target = new Int32Array(capacity);
      target.set(source);
      return target;
    };
    this.level = copy(this.level);
    this.low = copy(this.low);
    this.high = copy(this.high);
    this.chain = new Int32Array(capacity).fill(-1);
    this.buckets = new Int32Array(capacity * 2).fill(-1);
    if (this.cacheMask + 1 < 1 << 20) this.resizeCache(Math.min(1 << 20, capacity * 4));
    for (let n = 2; n < this.size; n++) {
      const bucket = this.hash(this.level[n]!, this.low[n]!, this.high[n]!) & (this.buckets.length - 1);
      this.chain[n] = this.buckets[bucket]!;
      this.buckets[bucket] = n;
    }
  }

  private terminalCase(op: number, f: number, g: number): number {
    if (op === AND) {
      if (f === FALSE || g === FALSE) return FALSE;
      if (f === TRUE) return g;
      if (g === TRUE || f === g) return f;
    } else {
      if (f === TRUE || g === TRUE) return TRUE;
      if (f === FALSE) return g;
      if (g === FALSE || f === g) return f;
    }
    return -1;
  }

  private cacheSlot(op: number, f: number, g: number): number {
    return (Math.imul(f, 0x9e3779b1) ^ Math.imul(g, 0x85ebca77) ^ op) & this.cacheMask;
  }

  private apply(op: number, f0: number, g0: number): number {
    const direct = this.terminalCase(op, f0, g0);
    if (direct !== -1) return direct;
    // Each frame is [f, g, level] waiting for the results of its two cofactors.
    const { frames, tasks, results } = this;
    frames.length = 0;
    tasks.length = 0;
    results.length = 0;
    tasks.push(f0);
    tasks.push(g0);
    while (tasks.length > 0) {
      const g = tasks.pop();
      const f = tasks.pop();
      if (f === -1) {
        // A marker: both cofactor results of the frame on top are ready.
        const level = frames.pop();
        const fg = frames.pop();
        const ff = frames.pop();
        const high = results.pop();
        const low = results.pop();
        const node = this.makeNode(level, low, high);
        const slot = this.cacheSlot(op, ff, fg);
        this.cacheF[slot] = ff * 2 + op;
        this.cacheG[slot] = fg;
        this.cacheR[slot] = node;
        results.push(node);
        continue;
      }
      const terminal = this.terminalCase(op, f, g);
      if (terminal !== -1) {
        results.push(terminal);
        continue;
      }
      // Both operations are commutative: order the pair so the cache sees one key.
      const a = f < g ? f : g;
      const b = f < g ? g : f;
      const slot = this.cacheSlot(op, a, b);
      if (this.cacheF[slot] === a * 2 + op && this.cacheG[slot] === b) {
        results.push(this.cacheR[slot]!);
        continue;
      }
      const la = this.level[a]!;
      const lb = this.level[b]!;
      const level = la < lb ? la : lb;
      const a0 = la === level ? this.low[a]! : a;
      const a1 = la === level ? this.high[a]! : a;
      const b0 = lb === level ? this.low[b]! : b;
      const b1 = lb === level ? this.high[b]! : b;
      frames.push(a);
      frames.push(b);
      frames.push(level);
      tasks.push(-1);
      tasks.push(-1);
      tasks.push(a1);
      tasks.push(b1);
      tasks.push(a0);
      tasks.push(b0);
    }
    return results.pop();
  }
}
