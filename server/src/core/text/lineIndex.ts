import { findLastAtOrBelow } from '../util/findLastAtOrBelow';

/**
 * Line starts of a text, found once, so that "which line is this offset on" is a binary
 * search instead of a scan back over the line: on a file written as one long line, a scan
 * per node would make parsing quadratic.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly firstNonBlanks = new Map<number, number>();

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The zero-based line that holds the offset. */
  lineOf(offset: number): number {
    // Line 0 starts at 0: an offset before it (none is) counts as on it.
    return Math.max(0, findLastAtOrBelow(this.starts, offset));
  }

  lineStart(line: number): number {
    return this.starts[line]!;
  }

  /** The offset of the line's first character that is not a space or a tab (its end if none). */
  firstNonBlank(line: number): number {
    const known = this.firstNonBlanks.get(line);
    if (known !== undefined) return known;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let at = this.starts[line]!;
    while (at < end && (this.text.charCodeAt(at) === 32 || this.text.charCodeAt(at) === 9)) at++;
    this.firstNonBlanks.set(line, at);
    return at;
  }
}
