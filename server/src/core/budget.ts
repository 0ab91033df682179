/**
 * How long one analysis may take, and whether its caller still wants it. Every stage asks
 * `exceeded()` at points spaced by work (nodes read, diagram nodes made, services done), so
 * the limit bounds the whole run, parsing included.
 *
 * The clock is passed in: the core reads no clock of its own, and tests pass a clock that
 * counts calls, so that their outcome depends on the work done, never on the machine's speed.
 */
export class Budget {
  private readonly deadline: number;
  private hit = false;

  constructor(
    readonly limitMs: number,
    private readonly now: () => number,
    private readonly isCancelled: () => boolean = () => false,
  ) {
    this.deadline = now() + limitMs;
  }

  /** A budget that never runs out, for callers with no time limit (it can still be cancelled). */
  static unlimited(isCancelled?: () => boolean): Budget {
    return new Budget(Infinity, () => 0, isCancelled);
  }

  /**
   * True once the time is up (and from then on). Throws OperationCancelled when the caller
   * no longer wants the result, so that no stage goes on working for nobody.
   */
  exceeded(): boolean {
    if (this.isCancelled()) throw new OperationCancelled();
    if (!this.hit && this.now() > this.deadline) this.hit = true;
    return this.hit;
  }

  /** Throws OperationCancelled when the caller no longer wants the result; reads no clock. */
  throwIfCancelled(): void {
    if (this.isCancelled()) throw new OperationCancelled();
  }

  /** Whether the time limit has been hit so far, without reading the clock again. */
  get wasExceeded(): boolean {
    return this.hit;
  }
}

/** Thrown out of the core when the caller's `isCancelled` says the result is not wanted. */
export class OperationCancelled extends Error {
  constructor() {
    super('The analysis was cancelled.');
  }
}
