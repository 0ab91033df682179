import type { Diagnostic } from '../diagnostics';
import { pieceOf } from '../parse/parseIncrementally';
import type { MapEntry } from '../parse/syntax';
import type { Span } from '../text/span';

/**
 * What reading one entry gave: its value, the diagnostics it reported, and what else it read.
 * A value refigured for new inputs replaces the last in place (one map write less per entry
 * when a default that thousands of components use changes).
 */
export interface ReadRecord {
  value: unknown;
  readonly diagnostics: readonly Diagnostic[];
  inputs: string;
}

const records = new WeakMap<MapEntry, ReadRecord>();
const noDiagnostics: readonly Diagnostic[] = [];
/**
 * The piece of text (see pieceOf) each value was read from, while nothing in it was
 * rejected, by the value's span: a value refigured from another (a copy with new failure
 * data) keeps its span object, and with it its source, without a write per copy.
 */
const sources = new WeakMap<Span, object>();

/** What readEntryOnce reads: a value that stands at its entry's span. */
export interface ReadValue {
  readonly span: Span;
}

/**
 * Whether two values were read from one piece of text, for models built from an
 * IncrementalParser's trees: then they were read from the same text, with the same values
 * rejected (the schema judges an entry on its own), so they differ only where the rest of the
 * file comes in (failure data from defaults, a service's SLA) and in where the text stands.
 */
export function areReadFromSameText(a: ReadValue, b: ReadValue): boolean {
  const source = sources.get(a.span);
  return source !== undefined && source === sources.get(b.span);
}

/**
 * The values the schema rejected, as buildModel's readers ask about them: one value at a
 * time, and whether any lies inside an entry (an entry is read again while one does).
 */
export class Rejections {
  private readonly keys: ReadonlySet<string>;
  private readonly starts: Float64Array;

  constructor(spans: readonly Span[]) {
    this.keys = new Set(spans.map((span) => `${span.start}:${span.end}`));
    this.starts = Float64Array.from(spans.map((span) => span.start)).sort();
  }

  has(span: Span): boolean {
    return this.keys.size > 0 && this.keys.has(`${span.start}:${span.end}`);
  }

  /** Whether a rejected value starts in [start, end): values inside an entry start inside it. */
  anyWithin(start: number, end: number): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle]! < start) low = middle + 1;
      else high = middle;
    }
    return low < this.starts.length && this.starts[low]! < end;
  }
}

/**
 * Reads an entry, or gives again what reading it gave last time, with the same diagnostics.
 *
 * The parser gives the very same entry object only while the entry's text has not changed
 * and its label stands (see IncrementalParser: text that only moved keeps its label and its
 * positions), so its spans are still right. What reading it
 * gives then depends only on `inputs` (the rest of the file it reads, such as its kind's
 * defaults) and on which of its values the schema rejected: it is kept only while none is.
 * Where only the inputs changed, `refigure` may make the new value from the last one
 * without reading the entry again (undefined: read it); the diagnostics must then be the
 * same, so it may do so only where they do not depend on what changed, and the new value
 * keeps the last one's span object (it was read from the same text; see areReadFromSameText).
 */
export function readEntryOnce<T extends ReadValue>(entry: MapEntry, inputs: string, rejections: Rejections, diagnostics: Diagnostic[], read: () => T, refigure?: (last: T, lastInputs: string) => T | undefined): T {
  const clean = isClean(entry, rejections);
  const known = clean ? records.get(entry) : undefined;
  if (known && known.inputs === inputs) {
    if (known.diagnostics.length > 0) diagnostics.push(...known.diagnostics);
    return known.value as T;
  }
  const refigured = known && refigure ? refigure(known.value as T, known.inputs) : undefined;
  if (known && refigured !== undefined) {
    if (known.diagnostics.length > 0) diagnostics.push(...known.diagnostics);
    known.value = refigured;
    known.inputs = inputs;
    return refigured;
  }
  const from = diagnostics.length;
  const value = read();
  if (clean) remember(entry, value, diagnostics.length === from ? noDiagnostics : diagnostics.slice(from), inputs);
  return value;
}

/** Whether no value inside the entry was rejected: only then is what reading it gave kept. */
export function isClean(entry: MapEntry, rejections: Rejections): boolean {
  return !rejections.anyWithin(entry.keySpan.start, entry.value ? Math.max(entry.value.span.end, entry.keySpan.end) : entry.keySpan.end);
}

/** What reading the entry gave last time, if it was kept. */
export function recordOf(entry: MapEntry): ReadRecord | undefined {
  return records.get(entry);
}

function remember(entry: MapEntry, value: ReadValue, diagnostics: readonly Diagnostic[], inputs: string): void {
  records.set(entry, { value, diagnostics, inputs });
  sources.set(value.span, pieceOf(entry));
}
