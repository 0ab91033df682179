import type { Diagnostic, RelatedInformation } from '../diagnostics';
import type { Span } from '../text/span';
import type { MapEntry, SyntaxNode } from './syntax';

/**
 * How far apart two pieces' positions are. An IncrementalParser gives each piece of text a
 * label and places its tree at `label * pieceStride`, whatever the piece's offset in the
 * text, so that a piece that only moved keeps its very tree, and everything later stages
 * derived from it stays right. Offsets below the stride are text offsets (label 0). A piece
 * is at most the size limit of a file (10 MB by default, under the stride's 16 MiB).
 */
export const pieceStride = 2 ** 24;
/** The highest label: positions stay integers a double holds exactly. */
export const maxLabel = Math.floor(Number.MAX_SAFE_INTEGER / pieceStride) - 1;

/**
 * Turns the positions of one parse into offsets in its text. Labels rise with the pieces'
 * order in the text, and a piece's positions keep the distances of its text, so positions
 * compare as their offsets do; only their values differ. Whatever is shown, sent or used
 * to read the text goes through `offsetOf` first.
 */
export class Placement {
  /** No labels: every position is already an offset (a text parsed whole). */
  static readonly identity = new Placement(new Float64Array(0), new Float64Array(0));

  /**
   * @param labels the labels of the pieces placed, rising
   * @param starts the offset of each one's text, at the same index
   */
  constructor(
    private readonly labels: Float64Array,
    private readonly starts: Float64Array,
  ) {}

  get isIdentity(): boolean {
    return this.labels.length === 0;
  }

  /** The text offset of a position. A label this parse did not place (a bug) counts from 0. */
  offsetOf(position: number): number {
    if (position < pieceStride) return position;
    const label = Math.floor(position / pieceStride);
    let low = 0;
    let high = this.labels.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = this.labels[middle]!;
      if (found === label) return this.starts[middle]! + (position - label * pieceStride);
      if (found < label) low = middle + 1;
      else high = middle - 1;
    }
    return position - label * pieceStride;
  }

  /** A span in text offsets; with no labels, the span itself. */
  spanOf(span: Span): Span {
    return this.isIdentity ? span : { start: this.offsetOf(span.start), end: this.offsetOf(span.end) };
  }

  /** Diagnostics in text offsets: their spans, their related spans and the span a quick fix edits. */
  placeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    if (this.isIdentity) return [...diagnostics];
    return diagnostics.map((diagnostic) => {
      const placed: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { ...diagnostic, span: this.spanOf(diagnostic.span) };
      if (diagnostic.related) placed.related = diagnostic.related.map((related): RelatedInformation => ({ ...related, span: this.spanOf(related.span) }));
      const textSpan = diagnostic.data?.textSpan as Span | undefined;
      if (textSpan) placed.data = { ...diagnostic.data, textSpan: this.spanOf(textSpan) };
      return placed;
    });
  }

  /** A tree in text offsets (a copy; the tree itself when there are no labels). */
  placeNode(node: SyntaxNode): SyntaxNode {
    if (this.isIdentity) return node;
    const located = { span: this.spanOf(node.span), ...(node.origin ? { origin: this.spanOf(node.origin) } : {}) };
    switch (node.kind) {
      case 'scalar':
        return { kind: 'scalar', ...located, value: node.value, ...(node.source !== undefined ? { source: node.source } : {}) };
      case 'seq':
        return { kind: 'seq', ...located, items: node.items.map((item) => this.placeNode(item)) };
      case 'map':
        return { kind: 'map', ...located, entries: node.entries.map((entry) => this.placeEntry(entry)) };
    }
  }

  private placeEntry(entry: MapEntry): MapEntry {
    return {
      key: entry.key,
      keySpan: this.spanOf(entry.keySpan),
      ...(entry.keyOrigin ? { keyOrigin: this.spanOf(entry.keyOrigin) } : {}),
      value: entry.value && this.placeNode(entry.value),
    };
  }
}
