import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { Budget } from '../budget';
import type { Diagnostic } from '../diagnostics';
import { LineIndex } from '../text/lineIndex';
import { makeSpan, type Span } from '../text/span';
import type { Placement } from './placement';
import { readCommonYaml } from './readCommonYaml';
import type { MapEntry, ScalarValue, SyntaxNode } from './syntax';

export interface ParseLimits {
  /** Longest text, in characters, that is parsed at all. */
  readonly maxFileSize: number;
  /** Nodes that alias expansion may add in total before it stops (a "billion laughs" guard). */
  readonly maxAliasNodes: number;
  /** Deepest nesting of maps and sequences that is converted. */
  readonly maxDepth: number;
}

export const defaultParseLimits: ParseLimits = { maxFileSize: 10_000_000, maxAliasNodes: 10_000, maxDepth: 200 };

export interface ParseResult {
  /** Undefined for an empty document or one whose syntax is beyond recovery. */
  readonly root: SyntaxNode | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The text of every anchored node that an alias or a merge key uses: text that means
   * something in more than one place, so an edit inside it changes all of them.
   */
  readonly sharedSpans?: readonly Span[];
  /**
   * How the tree's positions turn into offsets in the text: set by an IncrementalParser that
   * parsed the text in pieces (see Placement); without it, positions are offsets.
   */
  readonly placement?: Placement;
}

/**
 * Parses YAML text into the core's syntax tree. Never throws: syntax errors, duplicate
 * keys, extra documents and runaway aliases become diagnostics, and whatever the `yaml`
 * package recovered is still returned so that later stages can work on it. Common YAML goes
 * through a fast reader first (`fast: false` skips it, for the tests that compare the two).
 */
export function parseYaml(text: string, limits: ParseLimits = defaultParseLimits, budget: Budget = Budget.unlimited(), options: { fast?: boolean } = {}): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (text.length > limits.maxFileSize) {
    diagnostics.push({
      code: 'file-too-large',
      severity: 'error',
      message: `The file has ${text.length.toLocaleString('en')} characters, more than the limit of ${limits.maxFileSize.toLocaleString('en')}; it is not analysed.`,
      span: makeSpan(0, Math.max(0, text.indexOf('\n'))),
    });
    return { root: undefined, diagnostics };
  }
  // The YAML topology files are written in is read straight into syntax nodes; the rest by the `yaml` package.
  if (options.fast !== false) {
    const common = readCommonYaml(text, budget, limits.maxDepth);
    if (common === 'out-of-time') return { root: undefined, diagnostics: [timeLimitDiagnostic(budget, text)] };
    if (common !== 'not-common') return { root: common.root, diagnostics, sharedSpans: [] };
  }
  let documents: Document.Parsed[];
  try {
    documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    // The yaml package recurses per nesting level; a hostile depth overflows its stack.
    const tooDeep = error instanceof RangeError;
    diagnostics.push({
      code: tooDeep ? 'nesting-limit' : 'yaml-syntax',
      severity: 'error',
      message: tooDeep ? 'The YAML nests too deeply to be read at all.' : `The YAML could not be read: ${String(error)}`,
      span: makeSpan(0, Math.min(text.length, 1)),
    });
    return { root: undefined, diagnostics };
  }
  if (!Array.isArray(documents)) documents = [];
  // Only the first syntax error is reported: the ones after it are usually its echoes.
  // Duplicate keys are found on the converted tree, where the whole key's span is known.
  const firstError = documents.flatMap((d) => d.errors).find((e) => e.code !== 'DUPLICATE_KEY');
  if (firstError) {
    diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: cleanMessage(firstError.message), span: clampSpan(firstError.pos, text.length) });
  }
  for (const extra of documents.slice(1)) {
    const range = extra.range ?? [0, 0, 0];
    if (extra.contents === null && extra.errors.length === 0) continue;
    diagnostics.push({
      code: 'multiple-documents',
      severity: 'error',
      message: 'A topology file holds one YAML document; this second document is ignored.',
      span: clampSpan([range[0], Math.min(range[1], range[0] + 3)], text.length),
    });
  }
  const first = documents[0];
  if (!first || first.contents === null) return { root: undefined, diagnostics };
  if (budget.exceeded()) return { root: undefined, diagnostics: [...diagnostics, timeLimitDiagnostic(budget, text)] };
  const converter = new Converter(first, limits, diagnostics, text, budget);
  const root = converter.convert(first.contents as Node, 0);
  // A tree cut short would make every id after the cut look undefined: report the limit instead.
  if (converter.stoppedByTime) return { root: undefined, diagnostics: [...diagnostics, timeLimitDiagnostic(budget, text)] };
  return { root, diagnostics, sharedSpans: [...converter.sharedSpans.values()] };
}

/** The diagnostic for a file whose reading alone took the whole time limit. */
export function timeLimitDiagnostic(budget: Budget, text: string): Diagnostic {
  return {
    code: 'analysis-limit',
    severity: 'warning',
    message: `Reading the file took longer than the time limit (${budget.limitMs.toLocaleString('en')} ms); it is not analysed. Raise haTopology.analysis.timeLimitMs or split the topology.`,
    span: makeSpan(0, Math.max(0, Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')))),
  };
}

function cleanMessage(message: string): string {
  // The yaml package appends " at line L, column C" which duplicates the editor's own position.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

function clampSpan(pos: readonly [number, number] | undefined, length: number): Span {
  const start = Math.min(Math.max(pos?.[0] ?? 0, 0), length);
  const end = Math.min(Math.max(pos?.[1] ?? start, start), length);
  return makeSpan(start, end);
}

/** Converts `yaml` nodes to syntax nodes, expanding aliases within a budget. */
class Converter {
  private aliasNodes = 0;
  private reportedDepth = false;
  private converted = 0;
  /** Set when the time budget ran out; conversion then stops at once. */
  stoppedByTime = false;
  /** The anchored nodes that aliases use, by their span. */
  readonly sharedSpans = new Map<string, Span>();
  private readonly lines: LineIndex;

  constructor(
    private readonly document: Document.Parsed,
    private readonly limits: ParseLimits,
    private readonly diagnostics: Diagnostic[],
    private readonly text: string,
    private readonly budget: Budget,
  ) {
    this.lines = new LineIndex(text);
  }

  private get textLength(): number {
    return this.text.length;
  }

  convert(node: Node | null | undefined, depth: number, aliasSpan?: Span): SyntaxNode | undefined {
    if (node === null || node === undefined || this.stoppedByTime) return undefined;
    if ((++this.converted & 1023) === 0 && this.budget.exceeded()) {
      this.stoppedByTime = true;
      return undefined;
    }
    const span = aliasSpan ?? this.spanOf(node);
    if (aliasSpan) {
      this.aliasNodes++;
      if (this.aliasNodes > this.limits.maxAliasNodes) return this.stopAliasExpansion(aliasSpan);
    }
    if (isAlias(node)) return this.expandAlias(node, depth, aliasSpan);
    // Reached through an alias, a node is reported at the alias but edited at its own text.
    const located = aliasSpan ? { span, origin: this.spanOf(node) } : { span };
    if (isScalar(node)) {
      const value = toScalarValue(node.value);
      if (typeof value !== 'number' || aliasSpan) return { kind: 'scalar', ...located, value };
      return { kind: 'scalar', ...located, value, source: this.text.slice(span.start, span.end) };
    }
    if (depth >= this.limits.maxDepth) return this.stopDepth(span);
    if (isMap(node)) return { kind: 'map', ...located, entries: this.convertEntries(node.items, span, depth, aliasSpan) };
    if (isSeq(node)) {
      const items: SyntaxNode[] = [];
      for (const item of node.items) {
        const converted = this.convert(item as Node | null, depth + 1, aliasSpan);
        items.push(converted ?? { kind: 'scalar', span: aliasSpan ?? span, value: null });
        if (this.aliasNodes > this.limits.maxAliasNodes) break;
      }
      return { kind: 'seq', ...located, items };
    }
    return undefined;
  }

  /**
   * The entries of a map. A merge key (`<<: *base`, or a list of aliases) adds the entries of
   * the maps it names, after the map's own: a key written in the map wins over a merged one,
   * and an earlier source over a later one. Merged entries are reported at the alias.
   */
  private convertEntries(items: readonly unknown[], span: Span, depth: number, aliasSpan: Span | undefined): MapEntry[] {
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    const merges: Node[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      if (key === '<<' && isScalar(keyNode) && this.isMergeable(pair.value as Node | null)) {
        merges.push(pair.value as Node);
        continue;
      }
      const ownKeySpan = keyNode ? this.spanOf(keyNode) : makeSpan(span.start, span.start);
      const keySpan = aliasSpan ?? ownKeySpan;
      if (seen.has(key) && !aliasSpan) {
        this.diagnostics.push({
          code: 'duplicate-key',
          severity: 'error',
          message: `The key "${key}" appears more than once in this map; only the first is used.`,
          span: keySpan,
        });
      }
      seen.add(key);
      const value = this.convert(pair.value as Node | null, depth + 1, aliasSpan);
      entries.push(aliasSpan ? { key, keySpan, keyOrigin: ownKeySpan, value } : { key, keySpan, value });
      if (this.aliasNodes > this.limits.maxAliasNodes) return entries;
    }
    for (const merge of merges) {
      const sources = isSeq(merge) ? (merge.items as Node[]) : [merge];
      for (const source of sources) {
        const merged = this.convert(source, depth + 1, aliasSpan ?? (isAlias(source) ? this.spanOf(source) : undefined));
        if (merged?.kind !== 'map') continue;
        for (const entry of merged.entries) {
          if (seen.has(entry.key)) continue;
          seen.add(entry.key);
          entries.push(entry);
        }
      }
    }
    return entries;
  }

  /** A merge key's value: an alias of a map, a map, or a list of those. */
  private isMergeable(value: Node | null): boolean {
    const isMapLike = (node: unknown): boolean => {
      if (isMap(node)) return true;
      if (!isAlias(node)) return false;
      try {
        return isMap(node.resolve(this.document));
      } catch {
        return false;
      }
    };
    return isMapLike(value) || (isSeq(value) && value.items.length > 0 && value.items.every(isMapLike));
  }

  private expandAlias(node: Node & { resolve(doc: Document): Node | undefined }, depth: number, outer?: Span): SyntaxNode | undefined {
    const span = outer ?? this.spanOf(node);
    let target: Node | undefined;
    try {
      target = node.resolve(this.document);
    } catch {
      target = undefined;
    }
    // An unresolved alias is already a syntax error from the parser.
    if (!target) return { kind: 'scalar', span, value: null };
    const shared = this.spanOf(target);
    this.sharedSpans.set(`${shared.start}:${shared.end}`, shared);
    return this.convert(target, depth, span);
  }

  private stopAliasExpansion(span: Span): SyntaxNode {
    if (this.aliasNodes === this.limits.maxAliasNodes + 1) {
      this.diagnostics.push({
        code: 'alias-limit',
        severity: 'error',
        message: `YAML aliases here expand to more than ${this.limits.maxAliasNodes} nodes; expansion stopped (is this an alias bomb?).`,
        span,
      });
    }
    return { kind: 'scalar', span, value: null };
  }

  private stopDepth(span: Span): SyntaxNode {
    if (!this.reportedDepth) {
      this.reportedDepth = true;
      this.diagnostics.push({
        code: 'nesting-limit',
        severity: 'error',
        message: `Nesting deeper than ${this.limits.maxDepth} levels is not read.`,
        span,
      });
    }
    return { kind: 'scalar', span, value: null };
  }

  private spanOf(node: Node): Span {
    const range = node.range;
    const span = clampSpan(range ? [range[0], range[1]] : [0, 0], this.textLength);
    // Block collections end after their last line break and any comment lines that follow
    // them; a span ends at the last character of the content itself.
    let end = span.end;
    for (;;) {
      while (end > span.start && isWhiteSpace(this.text.charCodeAt(end - 1))) end--;
      if (end <= span.start) break;
      const line = this.lines.lineOf(end - 1);
      const lineStart = this.lines.lineStart(line);
      if (lineStart <= span.start || this.text.charAt(this.lines.firstNonBlank(line)) !== '#') break;
      end = lineStart;
    }
    return end === span.end ? span : makeSpan(span.start, end);
  }
}

function isWhiteSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function toScalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}
