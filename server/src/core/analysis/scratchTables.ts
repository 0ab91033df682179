import { MinHeap } from '../util/minHeap';

/**
 * A hash table from node triples to numbers, kept by a diagram for its joint walks and
 * emptied in constant time: each walk starts a new generation, and entries of an older one
 * count as empty. A joint walk over small functions (a switchover's three gates) is mostly
 * table work, and a new Map per walk made fix ranking allocate maps for every event.
 *
 * Keys are whole numbers below 2^53 (a triple packed into one number) or, for diagrams too
 * large to pack, text; text keys go to a plain map.
 */
export class TripleTable {
  private texts: Map<string, number> | undefined;
  private keys = new Float64Array(256);
  private values = new Float64Array(256);
  private generations = new Int32Array(256);
  private count = 0;
  /** The current generation; 0 is never one, so fresh slots count as empty. */
  generation = 0;

  /** Forgets every entry, and returns the new generation (a walk keeps it to check it is still current). */
  clear(): number {
    this.generation = advanceStamp(this.generations, this.generation);
    this.count = 0;
    this.texts = undefined;
    return this.generation;
  }

  get(key: number | string): number | undefined {
    if (typeof key === 'string') return this.texts?.get(key);
    const mask = this.keys.length - 1;
    for (let slot = slotOf(key, mask); this.generations[slot] === this.generation; slot = (slot + 1) & mask) {
      if (this.keys[slot] === key) return this.values[slot];
    }
    return undefined;
  }

  set(key: number | string, value: number): void {
    if (typeof key === 'string') {
      (this.texts ??= new Map()).set(key, value);
      return;
    }
    // At most half full, so that probes stay short.
    if (2 * (this.count + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = slotOf(key, mask);
    while (this.generations[slot] === this.generation) {
      if (this.keys[slot] === key) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    this.generations[slot] = this.generation;
    this.keys[slot] = key;
    this.values[slot] = value;
    this.count++;
  }

  /** Doubles the table, keeping the current generation's entries. */
  private grow(): void {
    const { keys, values, generations, generation } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size);
    this.values = new Float64Array(size);
    this.generations = new Int32Array(size);
    this.count = 0;
    for (let slot = 0; slot < keys.length; slot++) if (generations[slot] === generation) this.set(keys[slot]!, values[slot]!);
  }
}

/** Mixes the key's high and low 32 bits into a slot. */
function slotOf(key: number, mask: number): number {
  const low = key % 4294967296;
  const high = (key - low) / 4294967296;
  const hash = Math.imul((low | 0) ^ Math.imul(high | 0, 0x27d4eb2d), 0x9e3779b1);
  return (hash ^ (hash >>> 15)) & mask;
}

/**
 * Sums per event for one pass over a diagram, in typed arrays instead of a map per pass:
 * `met` lists the events in the order first added to, so the sums come out in the order,
 * and with the same additions, a map would give. A stamp per event marks the pass that
 * touched it, so nothing is cleared between passes.
 */
export class EventSums {
  sums = new Float64Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  met: number[] = [];

  /** Starts a pass over a circuit of `events` events. */
  begin(events: number): void {
    if (this.sums.length < events) {
      this.sums = new Float64Array(events);
      this.stamps = new Int32Array(events);
    }
    this.stamp = advanceStamp(this.stamps, this.stamp);
    this.met = [];
  }

  add(event: number, value: number): void {
    if (this.stamps[event] === this.stamp) {
      this.sums[event]! += value;
    } else {
      this.stamps[event] = this.stamp;
      // 0 + value, as the first addition to a sum: a −0 counts as 0.
      this.sums[event] = 0 + value;
      this.met.push(event);
    }
  }
}

/**
 * The product nodes of one criticalities walk, queued by their top level: each is expanded
 * once, after every path into it has added its share of the reach, in the order queued
 * within a level. Kept by a diagram and reused walk after walk in typed arrays, so that a
 * walk allocates nothing once the arrays have their size.
 */
export class ProductQueue {
  /** Each node's three operands, at 3·id. */
  operands = new Int32Array(192);
  /** The probability of reaching each node. */
  reach = new Float64Array(64);
  /** The next node queued at the same level, or -1. */
  private next = new Int32Array(64);
  private count = 0;
  private heads = new Int32Array(0);
  private tails = new Int32Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;
  private readonly levels = new MinHeap();

  /** Starts a walk over a diagram of `levels` variables. */
  begin(levels: number): void {
    if (this.heads.length < levels) {
      this.heads = new Int32Array(levels);
      this.tails = new Int32Array(levels);
      this.stamps = new Int32Array(levels);
    }
    this.stamp = advanceStamp(this.stamps, this.stamp);
    this.count = 0;
    // A walk that stopped half-way (an exception) may have left levels behind.
    while (this.levels.size > 0) this.levels.pop();
  }

  /** Queues a node at its top level with no reach yet, and returns its id. */
  add(a: number, b: number, c: number, top: number): number {
    const id = this.count++;
    if (id === this.reach.length) this.grow();
    this.operands[3 * id] = a;
    this.operands[3 * id + 1] = b;
    this.operands[3 * id + 2] = c;
    this.reach[id] = 0;
    this.next[id] = -1;
    if (this.stamps[top] !== this.stamp) {
      this.stamps[top] = this.stamp;
      this.heads[top] = id;
      this.levels.push(top);
    } else {
      this.next[this.tails[top]!] = id;
    }
    this.tails[top] = id;
    return id;
  }

  /** The lowest level not yet expanded that has nodes, or undefined when none is left. */
  nextLevel(): number | undefined {
    return this.levels.pop();
  }

  /** The first node queued at a level given by nextLevel. */
  first(level: number): number {
    return this.heads[level]!;
  }

  /** The node queued after this one at its level, or -1. */
  after(id: number): number {
    return this.next[id]!;
  }

  private grow(): void {
    const size = this.reach.length * 2;
    const operands = new Int32Array(3 * size);
    operands.set(this.operands);
    const reach = new Float64Array(size);
    reach.set(this.reach);
    const next = new Int32Array(size);
    next.set(this.next);
    this.operands = operands;
    this.reach = reach;
    this.next = next;
  }
}

/**
 * The stamp after `stamp`, for tables that mark what the current pass touched instead of
 * clearing: stamps are 32-bit, so before one would leave that range every mark is cleared
 * and they start again from 1 (0 is never a stamp, so fresh slots count as unmarked).
 */
function advanceStamp(stamps: Int32Array, stamp: number): number {
  if (stamp === 0x7fffffff) {
    stamps.fill(0);
    return 1;
  }
  return stamp + 1;
}
