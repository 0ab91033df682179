/**
 * A stack of 32-bit integers in a typed array that grows by doubling and never shrinks, so
 * that a loop which empties and refills it allocates nothing once it has its size. (Setting
 * a plain array's length to 0 lets V8 drop its storage, and every refill allocates again.)
 */
export class IntStack {
  private items = new Int32Array(64);
  /** How many items the stack holds. */
  length = 0;

  push(value: number): void {
    if (this.length === this.items.length) {
      const larger = new Int32Array(this.items.length * 2);
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = value;
  }

  /** The item at `index` from the bottom; the index must be below `length`. */
  get(index: number): number {
    return this.items[index]!;
  }

  /** A copy of the items, bottom first. */
  copy(): Int32Array {
    return this.items.slice(0, this.length);
  }

  /** Removes and returns the top item; the stack must not be empty. */
  pop(): number {
    return this.items[--this.length]!;
  }
}
