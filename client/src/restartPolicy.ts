/**
 * When to restart a language server that stopped.
 *
 * The language client's default handler shuts the client down at the fourth error writing to
 * the server. Between a server's death and the client noticing it, every message the editor
 * sends (hovers, hints, a keystroke) is such an error, so a busy editor could get there first;
 * the client then stopped for good instead of restarting the server. So errors never stop the
 * client (see extension.ts): the server's exit decides, and this restarts it up to
 * `maxRestarts` times within `windowMs`, as the default does.
 */
export class RestartPolicy {
  private readonly restarts: number[] = [];

  constructor(
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server's connection closed: restart it, unless it stopped too often lately. */
  onClosed(): 'restart' | 'give up' {
    const time = this.now();
    this.restarts.push(time);
    while (time - this.restarts[0]! > this.windowMs) this.restarts.shift();
    return this.restarts.length <= this.maxRestarts ? 'restart' : 'give up';
  }

  describeGivingUp(name: string): string {
    return `The ${name} server stopped ${this.restarts.length} times in the last ${this.windowMs / 60_000} minutes, so it is not restarted again. See the output for what happened; "HA Topology: Restart Language Server" starts it again.`;
  }
}
