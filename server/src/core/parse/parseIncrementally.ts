import type { Diagnostic } from '../diagnostics';
import { makeSpan, type Span } from '../text/span';
import { Budget } from '../budget';
import { defaultParseLimits, parseYaml, timeLimitDiagnostic, type ParseLimits, type ParseResult } from './parseYaml';
import { resplitEdit, splitText, type Chunk, type Split } from './splitPieces';
import type { MapEntry, MapNode, SyntaxNode } from './syntax';

/** A parsed chunk, with spans relative to the chunk's own start. */
interface ParsedChunk {
  readonly entry: MapEntry | undefined;
  readonly root: SyntaxNode | undefined;
  readonly clean: boolean;
  /**
   * The entry moved to where the chunk last stood in a text, so that a piece that neither
   * changed nor moved gives the very same entry as in the parse before, and later stages can
   * keep what they derived from it without shifting anything.
   */
  placed?: { readonly start: number; readonly entry: MapEntry };
  /** The last parse that used the piece (see IncrementalParser.forgetUnused). */
  used: number;
}

/** The piece each entry moved into place was parsed from (see pieceOf). */
const pieces = new WeakMap<MapEntry, MapEntry>();

/**
 * What an entry was parsed from: for an entry that the IncrementalParser parsed as a piece
 * (a top-level entry, or one of `components` or `services`), the piece's own entry, which
 * stays the same object while the piece's text does (wherever the text moves); for any other
 * entry, the entry itself. Later stages remember what they found about an entry by it.
 */
export function pieceOf(entry: MapEntry): object {
  return pieces.get(entry) ?? entry;
}

/**
 * Parses a topology in pieces and remembers each piece by its text, so that after an edit
 * only the entries that changed are parsed again.
 *
 * The pieces are the top-level entries and, inside `components` and `services`, each
 * entry of its own. Anything the pieces could misread falls back to one whole parse:
 * anchors and aliases, block scalars, directives and document markers, tabs, complex keys,
 * and any piece whose own parse reports a problem. The result is the same tree and the
 * same diagnostics as `parseYaml` on the whole text (the tests check this).
 */
export class IncrementalParser {
  /** Pieces by their text, each marked with the last parse that used it. */
  private readonly pieces = new Map<string, ParsedChunk>();
  private generation = 0;
  /** Pieces the current parse has used. */
  private usedNow = 0;
  /**
   * What the last parse did (for tests): pieces parsed afresh, pieces found from the parse
   * before, and how many characters it looked at to split the text into pieces.
   */
  lastRun = { piecesParsed: 0, piecesReused: 0, charactersSplit: 0 };
  /** The split of the last text parsed in pieces; the next text re-splits only what differs from it. */
  private lastSplit: Split | undefined;
  /** Each section's entries in the last parse that had them, and whether no key among them came twice. */
  private readonly lastSections = new Map<string, { readonly entries: readonly MapEntry[]; readonly unique: boolean }>();

  constructor(private readonly limits: ParseLimits = defaultParseLimits) {}

  /**
   * Parses the text. A parse cut short by the budget (time, or cancellation by a newer
   * version) keeps every piece parsed so far for the next call, so a cancelled parse is
   * never wasted work.
   */
  parse(text: string, budget: Budget = Budget.unlimited()): ParseResult {
    this.lastRun = { piecesParsed: 0, piecesReused: 0, charactersSplit: 0 };
    this.generation++;
    this.usedNow = 0;
    const result = text.length > this.limits.maxFileSize ? undefined : this.tryInPieces(text, budget);
    this.forgetUnused();
    if (result === 'out of time') return { root: undefined, diagnostics: [timeLimitDiagnostic(budget, text)] };
    return result ?? parseYaml(text, this.limits, budget);
  }

  private tryInPieces(text: string, budget: Budget): ParseResult | 'out of time' | undefined {
    // Whether pieces could misread the text is decided piece by piece (see parseChunk): the
    // checks look at single lines, and every line but the comments before the first key lies
    // in some piece.
    // The split stands whatever the pieces' parses find, so the next text re-splits from it.
    const split = (this.lastSplit && resplitEdit(this.lastSplit, text)) ?? splitText(text);
    this.lastSplit = split;
    if (!split) return undefined;
    this.lastRun.charactersSplit = split.splitChars;
    const entries: MapEntry[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const chunk of split.top) {
      if (chunk.header !== undefined) {
        if (!canSplit(chunk.header)) return undefined;
        const childEntries: MapEntry[] = [];
        for (const child of chunk.children) {
          if (budget.exceeded()) return 'out of time';
          const parsed = this.parseChunk(child);
          if (!parsed.clean || !parsed.entry) return undefined;
          childEntries.push(place(parsed, parsed.entry, child.start));
        }
        this.reportSectionDuplicates(chunk.key, childEntries, diagnostics);
        const keySpan = makeSpan(chunk.start, chunk.start + chunk.key.length);
        const value: MapNode = { kind: 'map', span: makeSpan(childEntries[0]!.keySpan.start, endOf(childEntries[childEntries.length - 1]!)), entries: childEntries };
        entries.push({ key: chunk.key, keySpan, value });
        continue;
      }
      const parsed = this.parseChunk(chunk);
      if (!parsed.clean || !parsed.entry) return undefined;
      entries.push(place(parsed, parsed.entry, chunk.start));
    }
    if (entries.length === 0) return undefined;
    reportDuplicates(entries, diagnostics);
    const root: MapNode = { kind: 'map', span: makeSpan(entries[0]!.keySpan.start, endOf(entries[entries.length - 1]!)), entries };
    // Pieces are never split from texts with anchors, so nothing is shared.
    return { root, diagnostics, sharedSpans: [] };
  }

  /**
   * Reports keys that a section has twice. Entries with the very keys of a section found
   * without duplicates last time have none either, and comparing the keys in order is
   * cheaper than collecting them: the keys of entries that did not change are the same
   * strings as before.
   */
  private reportSectionDuplicates(section: string, entries: readonly MapEntry[], diagnostics: Diagnostic[]): void {
    const before = this.lastSections.get(section);
    let unique = before?.unique === true && haveSameKeys(before.entries, entries);
    if (!unique) {
      const count = diagnostics.length;
      reportDuplicates(entries, diagnostics);
      unique = diagnostics.length === count;
    }
    this.lastSections.set(section, { entries, unique });
  }

  /**
   * Keeps what this parse used and what the one before used. The rest is forgotten once it
   * is as large as what was used, so that the cost stays linear and memory bounded.
   */
  private forgetUnused(): void {
    if (this.pieces.size <= 2 * this.usedNow + 64) return;
    for (const [text, piece] of this.pieces) if (piece.used < this.generation - 1) this.pieces.delete(text);
  }

  private parseChunk(chunk: Chunk): ParsedChunk {
    this.usedNow++;
    const known = this.pieces.get(chunk.text);
    if (known) {
      known.used = this.generation;
      this.lastRun.piecesReused++;
      return known;
    }
    this.lastRun.piecesParsed++;
    if (!canSplit(chunk.text)) {
      const refused: ParsedChunk = { entry: undefined, root: undefined, clean: false, used: this.generation };
      this.pieces.set(chunk.text, refused);
      return refused;
    }
    // Each piece is small, so parsing it is not cut by the time limit: the whole file's loop is.
    const result = parseYaml(chunk.text, this.limits);
    const root = result.root;
    const clean = result.diagnostics.length === 0 && root?.kind === 'map' && root.entries.length === 1;
    const parsed: ParsedChunk = { entry: clean ? (root as MapNode).entries[0] : undefined, root, clean, used: this.generation };
    this.pieces.set(chunk.text, parsed);
    return parsed;
  }
}

/**
 * The chunk's entry at the chunk's place in the text: the same entry as last time when the
 * chunk stands where it stood, else a copy shifted there (and remembered for next time).
 */
function place(parsed: ParsedChunk, entry: MapEntry, start: number): MapEntry {
  if (parsed.placed?.start === start) return parsed.placed.entry;
  const shifted = shiftEntry(entry, start);
  pieces.set(shifted, entry);
  parsed.placed = { start, entry: shifted };
  return shifted;
}

/**
 * Texts with features that pieces could misread are parsed whole. Every check is confined to
 * a line, so a text passes exactly when each of its pieces does. Quotes and brackets need no
 * check: one that a piece leaves open is an error in that piece's own parse (a missing
 * closing quote or bracket), and a piece with an error sends the whole text to one parse;
 * so an apostrophe in a description or a comment no longer does.
 */
function canSplit(text: string): boolean {
  return !(
    /(^|[\s[{,])[&*!][^\s]/m.test(text) || // anchors, aliases, tags
    /^(---|\.\.\.|%)/m.test(text) || // document markers and directives
    /^\t| \t|\t /m.test(text) ||
    /[|>][-+0-9]*[ \t]*(#.*)?$/m.test(text) || // block scalars
    /^\s*\?(\s|$)/m.test(text) // complex keys
  );
}

function endOf(entry: MapEntry): number {
  return entry.value ? entry.value.span.end : entry.keySpan.end;
}

function haveSameKeys(a: readonly MapEntry[], b: readonly MapEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.key !== b[i]!.key) return false;
  return true;
}

function reportDuplicates(entries: readonly MapEntry[], diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.key)) {
      diagnostics.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `The key "${entry.key}" appears more than once in this map; only the first is used.`,
        span: entry.keySpan,
      });
    }
    seen.add(entry.key);
  }
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

// Object literals of one shape per kind, as the parser makes them: every entry of a large file
// passes here after an edit above it, and spreads made this the parse's costliest step.
function shiftEntry(entry: MapEntry, by: number): MapEntry {
  const value = entry.value && shiftNode(entry.value, by);
  return entry.keyOrigin ? { key: entry.key, keySpan: shift(entry.keySpan, by), keyOrigin: shift(entry.keyOrigin, by), value } : { key: entry.key, keySpan: shift(entry.keySpan, by), value };
}

function shiftNode(node: SyntaxNode, by: number): SyntaxNode {
  // Pieces never come from a text with aliases (see canSplit), so no node has an origin; were
  // one to, it moves like the rest.
  if (node.origin) return { ...shiftNode({ ...node, origin: undefined } as SyntaxNode, by), origin: shift(node.origin, by) } as SyntaxNode;
  const span = shift(node.span, by);
  switch (node.kind) {
    case 'scalar':
      return node.source === undefined ? { kind: 'scalar', span, value: node.value } : { kind: 'scalar', span, value: node.value, source: node.source };
    case 'seq': {
      const items = new Array<SyntaxNode>(node.items.length);
      for (let i = 0; i < items.length; i++) items[i] = shiftNode(node.items[i]!, by);
      return { kind: 'seq', span, items };
    }
    case 'map': {
      const entries = new Array<MapEntry>(node.entries.length);
      for (let i = 0; i < entries.length; i++) entries[i] = shiftEntry(node.entries[i]!, by);
      return { kind: 'map', span, entries };
    }
  }
}
