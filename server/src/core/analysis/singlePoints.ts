import type { Circuit } from './circuit';

/**
 * Single points of failure of any gate, straight from the circuit, without a diagram.
 *
 * With every other event up, an input of a gate is down exactly when the failed event is a
 * single point of failure of that input. So a k-of-n gate goes down when the event sits in
 * the sets of more than n − k of its inputs, and the sets propagate bottom-up, each gate
 * once. A gate that is down even with everything up has no single points (it never works).
 */
export class SinglePointIndex {
  private readonly sets = new Map<number, ReadonlySet<number>>();
  private readonly allUp = new Map<number, boolean>();
  private entries = 0;

  /**
   * `maxEntries` bounds the memory of all sets together: a chain of 20,000 components has
   * sets that add up to 200 million entries. Past it, `of` throws SinglePointBudgetExceeded.
   */
  constructor(
    private readonly circuit: Circuit,
    private readonly maxEntries = 5_000_000,
  ) {}

  /** Event indices whose failure alone brings the gate down. */
  of(rootGate: number): ReadonlySet<number> {
    const stack: [number, boolean][] = [[rootGate, false]];
    while (stack.length > 0) {
      const [gate, expanded] = stack.pop()!;
      if (this.sets.has(gate)) continue;
      const definition = this.circuit.gates[gate]!;
      if (definition.op !== 'atLeast') {
        this.allUp.set(gate, definition.op === 'event' || definition.value);
        this.sets.set(gate, definition.op === 'event' ? new Set([definition.event]) : new Set());
        continue;
      }
      if (!expanded) {
        stack.push([gate, true]);
        for (const input of definition.inputs) if (!this.sets.has(input)) stack.push([input, false]);
        continue;
      }
      const upInputs = definition.inputs.filter((input) => this.allUp.get(input)).length;
      const up = upInputs >= definition.k;
      this.allUp.set(gate, up);
      const result = new Set<number>();
      if (up) {
        const slack = upInputs - definition.k;
        const counts = new Map<number, number>();
        for (const input of definition.inputs) {
          if (!this.allUp.get(input)) continue;
          for (const event of this.sets.get(input)!) counts.set(event, (counts.get(event) ?? 0) + 1);
        }
        for (const [event, count] of counts) if (count > slack) result.add(event);
      }
      this.entries += result.size;
      if (this.entries > this.maxEntries) throw new SinglePointBudgetExceeded();
      this.sets.set(gate, result);
    }
    return this.sets.get(rootGate)!;
  }
}

export class SinglePointBudgetExceeded extends Error {
  constructor() {
    super('Single points of failure need more memory than the limit allows.');
  }
}
