import { IntStack } from '../util/intStack';
import type { Circuit } from './circuit';

/**
 * The single points of failure of one gate, as a union of parts that is expanded only when
 * asked for. Along a chain every gate's set is its own event plus the set below it; kept as
 * parts, a chain of 20,000 components costs 20,000 small nodes instead of 200 million entries.
 */
class SpofSet {
  /** Marks the set as visited by the enumeration with this stamp. */
  mark = 0;
  constructor(
    readonly events: readonly number[],
    readonly parts: readonly SpofSet[],
  ) {}
}

const EMPTY = new SpofSet([], []);

/**
 * Single points of failure of any gate, straight from the circuit, without a diagram.
 *
 * With every other event up, an input of a gate is down exactly when the failed event is a
 * single point of failure of that input. So a k-of-n gate goes down when the event sits in
 * the sets of more than n − k of its up inputs. With no slack (all inputs needed) that is the
 * union of the inputs' sets, kept unexpanded; with slack, the events are counted. Each gate
 * is computed once. A gate that is down even with everything up has no single points.
 */
export class SinglePointIndex {
  /** Each gate's set, once computed; arrays by gate index, as every gate of a service's cone is visited. */
  private readonly sets: (SpofSet | undefined)[];
  /** Whether each gate holds with every event up: 0 not known yet, 1 no, 2 yes. */
  private readonly allUp: Uint8Array;
  private readonly shared = new Map<string, readonly number[]>();
  /** Per event, the stamp of the enumeration that last met it. */
  private readonly seenEvent: Int32Array;
  private stamp = 0;
  /** Per event, in how many parts the current count met it; valid where countedIn holds the count's round. */
  private readonly partCount: Int32Array;
  private readonly countedIn: Int32Array;
  private countRound = 0;
  private work = 0;
  // Scratch kept from one walk to the next, so that walks allocate nothing once sized:
  // the gates to visit, the events an enumeration found, the events a count met (in the
  // order first met) and the parts an enumeration has still to expand.
  private readonly gateStack = new IntStack();
  private readonly found = new IntStack();
  private readonly firstMet = new IntStack();
  private readonly partStack: SpofSet[] = [];

  /**
   * `maxWork` bounds the entries all enumerations may touch together. It counts work, not
   * time, so the answer never depends on how busy the machine is. Past it, `of` throws
   * SinglePointBudgetExceeded.
   */
  constructor(
    private readonly circuit: Circuit,
    private readonly maxWork = 50_000_000,
  ) {
    this.seenEvent = new Int32Array(circuit.events.length);
    this.partCount = new Int32Array(circuit.events.length);
    this.countedIn = new Int32Array(circuit.events.length);
    this.sets = new Array<SpofSet | undefined>(circuit.gates.length).fill(undefined);
    this.allUp = new Uint8Array(circuit.gates.length);
  }

  /**
   * The same index for another analysis of a circuit of the same structure: its sets are
   * kept (they depend on structure only), and the work budget counts afresh.
   */
  restart(): this {
    this.work = 0;
    return this;
  }

  /** Event indices whose failure alone brings the gate down, each once, in requirement order. */
  of(rootGate: number): number[] {
    const found = this.enumerate(this.setOf(rootGate));
    const events = new Array<number>(found.length);
    for (let i = 0; i < found.length; i++) events[i] = found.get(i);
    return events;
  }

  /**
   * Events whose failure alone takes every one of the gates down, in the first gate's order.
   * Kept like the sets, so an index reused for a circuit of the same structure answers at once.
   */
  sharedBy(gates: readonly number[]): readonly number[] {
    const key = gates.join(',');
    let shared = this.shared.get(key);
    if (!shared) {
      const [first, ...rest] = gates.map((gate) => this.of(gate));
      const others = rest.map((events) => new Set(events));
      shared = (first ?? []).filter((event) => others.every((set) => set.has(event)));
      this.shared.set(key, shared);
    }
    return shared;
  }

  /** Whether the gate holds with every event up (a gate that never holds has no single points). */
  holdsAllUp(gate: number): boolean {
    this.setOf(gate);
    return this.allUp[gate] === 2;
  }

  private setOf(rootGate: number): SpofSet {
    const { sets, allUp, gateStack: stack } = this;
    // A gate to visit is pushed as its index, and again as −1 − index once its inputs are
    // pushed, to be combined when they are done: numbers only, no pair per step.
    stack.length = 0;
    stack.push(rootGate);
    while (stack.length > 0) {
      const entry = stack.pop();
      const expanded = entry < 0;
      const gate = expanded ? -1 - entry : entry;
      if (sets[gate] !== undefined) continue;
      const definition = this.circuit.gates[gate]!;
      if (definition.op !== 'atLeast') {
        allUp[gate] = definition.op === 'event' || definition.value ? 2 : 1;
        sets[gate] = definition.op === 'event' ? new SpofSet([definition.event], []) : EMPTY;
        continue;
      }
      if (!expanded) {
        stack.push(-1 - gate);
        for (const input of definition.inputs) if (sets[input] === undefined) stack.push(input);
        continue;
      }
      let upInputs = 0;
      for (const input of definition.inputs) if (allUp[input] === 2) upInputs++;
      const up = upInputs >= definition.k;
      allUp[gate] = up ? 2 : 1;
      sets[gate] = up ? this.combine(definition.inputs, upInputs - definition.k) : EMPTY;
    }
    return sets[rootGate]!;
  }

  /** The set of a gate that holds with every event up, from its inputs that do; `slack` of those may go down. */
  private combine(inputs: readonly number[], slack: number): SpofSet {
    const parts: SpofSet[] = [];
    for (const input of inputs) {
      const set = this.allUp[input] === 2 ? this.sets[input]! : EMPTY;
      if (set !== EMPTY) parts.push(set);
    }
    if (slack === 0) {
      if (parts.length === 0) return EMPTY;
      return parts.length === 1 ? parts[0]! : new SpofSet([], parts);
    }
    // An event must take more than `slack` inputs down: count it in each input's set.
    if (parts.length <= slack) return EMPTY;
    const { partCount, countedIn, firstMet } = this;
    const round = ++this.countRound;
    firstMet.length = 0;
    for (const part of parts) {
      const found = this.enumerate(part);
      for (let i = 0; i < found.length; i++) {
        const event = found.get(i);
        if (countedIn[event] !== round) {
          countedIn[event] = round;
          partCount[event] = 0;
          firstMet.push(event);
        }
        partCount[event]!++;
      }
    }
    const events: number[] = [];
    for (let i = 0; i < firstMet.length; i++) {
      const event = firstMet.get(i);
      if (partCount[event]! > slack) events.push(event);
    }
    return events.length === 0 ? EMPTY : new SpofSet(events, []);
  }

  /**
   * Expands a set into its events, each once, visiting each shared part once (depth first,
   * pre-order), into the index's `found` stack, which the next enumeration empties.
   */
  private enumerate(set: SpofSet): IntStack {
    const stamp = ++this.stamp;
    const { found, partStack: stack, seenEvent } = this;
    found.length = 0;
    let top = 0;
    stack[top++] = set;
    while (top > 0) {
      const current = stack[--top]!;
      if (current.mark === stamp) continue;
      current.mark = stamp;
      this.work += current.events.length + current.parts.length + 1;
      if (this.work > this.maxWork) throw new SinglePointBudgetExceeded(this.maxWork);
      for (const event of current.events) {
        if (seenEvent[event] === stamp) continue;
        seenEvent[event] = stamp;
        found.push(event);
      }
      // Pushed last part first, so that parts are expanded depth first in requirement order.
      for (let i = current.parts.length - 1; i >= 0; i--) {
        const part = current.parts[i]!;
        if (part.mark !== stamp) stack[top++] = part;
      }
    }
    return found;
  }
}

export class SinglePointBudgetExceeded extends Error {
  constructor(readonly limit: number) {
    super(`Finding single points of failure needed more than ${limit.toLocaleString('en')} steps.`);
  }
}
