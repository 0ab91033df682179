import type { Diagnostic, RelatedInformation } from '../diagnostics';
import type { Span } from '../text/span';
import { findLastAtOrBelow } from '../util/findLastAtOrBelow';
import { mapNodeSpans } from './mapSpans';
import type { SyntaxNode } from './syntax';

/**
 * Where pieces' positions begin. An IncrementalParser gives each piece of text a label, the
 * position its text starts at, and places its tree there whatever the piece's offset in the
 * text, so that a piece that only moved keeps its very tree, and everything later stages
 * derived from it stays right. Positions below this are text offsets: no file is that long
 * (the size limit is at most 50 MiB). Every position stays below 2^31, an integer V8 keeps
 * unboxed: a span with larger numbers costs two more objects.
 */
export const firstLabel = 2 ** 26;
/** Where pieces' positions end: a piece's text lies within [label, label + length]. */
export const labelsEnd = 2 ** 31 - 1;

/**
 * Turns the positions of one parse into offsets in its text. Labels rise with the pieces'
 * order in the text, each past the end of the piece before, and a piece's positions keep the
 * distances of its text, so positions compare as their offsets do; only their values differ.
 * Whatever is shown, sent or used to read the text goes through `offsetOf` first.
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

  /**
   * Each diagnostic placed by this placement. The parser hands the same placement on while no
   * piece moved, and later stages report unchanged findings as the same objects, so most
   * diagnostics of an edit were placed for the version before.
   */
  private placed: WeakMap<Diagnostic, Diagnostic> | undefined;

  /** Whether this placement maps labels to offsets as the given ones do (then it can stand for them). */
  isSameAs(labels: Float64Array, starts: Float64Array): boolean {
    if (labels.length !== this.labels.length) return false;
    for (let i = 0; i < labels.length; i++) if (labels[i] !== this.labels[i] || starts[i] !== this.starts[i]) return false;
    return true;
  }

  get isIdentity(): boolean {
    return this.labels.length === 0;
  }

  /** The text offset of a position: counted from the start of the piece whose label is the last at or below it. */
  offsetOf(position: number): number {
    if (position < firstLabel || this.labels.length === 0) return position;
    // Every position of a parse lies in a piece, at or past the first label.
    const piece = Math.max(0, findLastAtOrBelow(this.labels, position));
    return this.starts[piece]! + (position - this.labels[piece]!);
  }

  /** A span in text offsets; with no labels, the span itself. */
  spanOf(span: Span): Span {
    return this.isIdentity ? span : { start: this.offsetOf(span.start), end: this.offsetOf(span.end) };
  }

  /** Diagnostics in text offsets: their spans, their related spans and the span a quick fix edits (the same list when there are no labels). */
  placeDiagnostics(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
    if (this.isIdentity) return diagnostics;
    const known = (this.placed ??= new WeakMap());
    return diagnostics.map((diagnostic) => {
      let placed = known.get(diagnostic);
      if (!placed) known.set(diagnostic, (placed = this.placeDiagnostic(diagnostic)));
      return placed;
    });
  }

  private placeDiagnostic(diagnostic: Diagnostic): Diagnostic {
    const placed: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { ...diagnostic, span: this.spanOf(diagnostic.span) };
    if (diagnostic.related) placed.related = diagnostic.related.map((related): RelatedInformation => ({ ...related, span: this.spanOf(related.span) }));
    const textSpan = diagnostic.data?.textSpan as Span | undefined;
    if (textSpan) placed.data = { ...diagnostic.data, textSpan: this.spanOf(textSpan) };
    return placed;
  }

  /** A tree in text offsets (a copy; the tree itself when there are no labels). */
  placeNode(node: SyntaxNode): SyntaxNode {
    return this.isIdentity ? node : mapNodeSpans(node, (span) => this.spanOf(span));
  }
}
