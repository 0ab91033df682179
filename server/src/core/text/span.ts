/**
 * A half-open range of UTF-16 offsets into the document text, `[start, end)`.
 * The core speaks only in offsets; adapters turn them into lines and columns.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function makeSpan(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

/** Returns the smallest span covering both inputs. */
export function coverSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}
