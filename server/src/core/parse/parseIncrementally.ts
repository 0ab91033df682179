import type { Diagnostic } from '../diagnostics';
import { makeSpan, type Span } from '../text/span';
import { Budget } from '../budget';
import { defaultParseLimits, parseYaml, timeLimitDiagnostic, type ParseLimits, type ParseResult } from './parseYaml';
import { readCommonYaml } from './readCommonYaml';
import { labelPieces, type Labelled } from './labelPieces';
import { mapEntrySpans } from './mapSpans';
import { Placement } from './placement';
import { resplitEdit, splitText, type Chunk, type Split } from './splitPieces';
import { haveSameEntries, type MapEntry, type MapNode, type SyntaxNode } from './syntax';

/**
 * A parsed chunk. Its entry stands at the chunk's label (see Placement): the same entry,
 * wherever the chunk's text moves, while its label stays in order among its neighbours'.
 */
interface ParsedChunk extends Labelled {
  clean: boolean;
  /** The last parse that used the piece (see IncrementalParser.forgetUnused). */
  used: number;
  /** The parse that last placed the piece: a text with the same piece twice places a copy the second time. */
  placedIn: number;
}

/** The piece each copy of an entry at another label was parsed from (see pieceOf). */
const pieces = new WeakMap<MapEntry, MapEntry>();

/**
 * What an entry was parsed from: for an entry that the IncrementalParser parsed as a piece
 * (a top-level entry, or one of `components` or `services`), the piece's first entry, which
 * stays the same object while the piece's text does (wherever the text moves, and at
 * whatever label); for any other entry, the entry itself. Later stages remember what they
 * found about an entry by it.
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
 * same diagnostics as `parseYaml` on the whole text (the tests check this), once its
 * positions are turned into offsets with the result's `placement`: each piece's tree stands
 * at a label of its own, so that an edit that moves a piece (text typed above it) gives the
 * very same entry again, and later stages keep what they derived from it.
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
  /** Each section's entries in the last parse that had them, whether no key among them came twice, and the section's entry. */
  private readonly lastSections = new Map<string, { readonly entries: readonly MapEntry[]; readonly unique: boolean; readonly section: MapEntry }>();
  /** The placement of the last parse in pieces. */
  private lastPlacement: Placement | undefined;
  /** Each section header line's label (a header is a piece of its own, with a key and no entry); a few lines at most. */
  private readonly headers = new Map<string, Labelled & { placedIn: number }>();

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
    // First every piece is found, or marked to be parsed, in the text's order; then the
    // pieces are labelled in that order, and the new ones parsed where their labels place them.
    const slots: Slot[] = [];
    for (const chunk of split.top) {
      if (chunk.header !== undefined) {
        if (!canSplit(chunk.header)) return undefined;
        slots.push({ piece: this.headerOf(chunk.header), start: chunk.start });
        for (const child of chunk.children) {
          const piece = this.findChunk(child);
          if (!piece) return undefined;
          slots.push(piece.entry ? { piece, start: child.start } : { piece, start: child.start, text: child.text });
        }
        continue;
      }
      const piece = this.findChunk(chunk);
      if (!piece) return undefined;
      slots.push(piece.entry ? { piece, start: chunk.start } : { piece, start: chunk.start, text: chunk.text });
    }
    if (slots.length === 0) return undefined;
    const labels = labelPieces(slots.map((slot) => slot.piece));
    const placement = labels && this.placeSlots(slots, labels, budget);
    if (placement === 'out of time' || !placement) return placement;
    const entries: MapEntry[] = [];
    const diagnostics: Diagnostic[] = [];
    let at = 0;
    for (const chunk of split.top) {
      if (chunk.header === undefined) {
        entries.push(slots[at++]!.piece.entry!);
        continue;
      }
      const header = slots[at++]!.piece;
      const childEntries: MapEntry[] = [];
      for (let i = 0; i < chunk.children.length; i++) childEntries.push(slots[at++]!.piece.entry!);
      entries.push(this.placeSection(chunk.key, header.label, childEntries, diagnostics));
    }
    reportDuplicates(entries, diagnostics);
    const root: MapNode = { kind: 'map', span: makeSpan(entries[0]!.keySpan.start, endOf(entries[entries.length - 1]!)), entries };
    // Pieces are never split from texts with anchors, so nothing is shared.
    return { root, diagnostics, sharedSpans: [], placement };
  }

  /** The label record of a section's header line; the same line twice in one text gets one of its own. */
  private headerOf(line: string): Labelled {
    const known = this.headers.get(line);
    if (known && known.placedIn !== this.generation) {
      known.placedIn = this.generation;
      return known;
    }
    const header = { label: 0, length: line.length, placedIn: this.generation };
    if (!known && this.headers.size < 64) this.headers.set(line, header);
    return header;
  }

  /**
   * A section's entry, with the keys it has twice reported. Where its header and every entry
   * in it are the same as in the last parse (the same objects, in the same order), it is the
   * last parse's very entry, so later stages know the whole section by one comparison.
   *
   * Entries with the very keys of a section found without duplicates last time have none
   * either, and comparing the keys in order is cheaper than collecting them: the keys of
   * entries that did not change are the same strings as before.
   */
  private placeSection(key: string, label: number, entries: readonly MapEntry[], diagnostics: Diagnostic[]): MapEntry {
    const before = this.lastSections.get(key);
    if (before && before.section.keySpan.start === label && haveSameEntries(before.entries, entries)) {
      if (!before.unique) reportDuplicates(entries, diagnostics);
      return before.section;
    }
    let unique = before?.unique === true && haveSameKeys(before.entries, entries);
    if (!unique) {
      const count = diagnostics.length;
      reportDuplicates(entries, diagnostics);
      unique = diagnostics.length === count;
    }
    const value: MapNode = { kind: 'map', span: makeSpan(entries[0]!.keySpan.start, endOf(entries[entries.length - 1]!)), entries };
    const section = { key, keySpan: makeSpan(label, label + key.length), value };
    this.lastSections.set(key, { entries, unique, section });
    return section;
  }

  /**
   * Keeps what this parse used and what the one before used. The rest is forgotten once it
   * is as large as what was used, so that the cost stays linear and memory bounded.
   */
  private forgetUnused(): void {
    if (this.pieces.size <= 2 * this.usedNow + 64) return;
    for (const [text, piece] of this.pieces) if (piece.used < this.generation - 1) this.pieces.delete(text);
  }

  /**
   * The piece of a chunk's text: found, or new and still to be parsed (no entry yet);
   * undefined when the text must be parsed whole (the piece could be misread, or its own
   * parse reported a problem). The same text twice in one parse gives a copy the second
   * time (or, new, is parsed twice), each placed at a label of its own.
   */
  private findChunk(chunk: Chunk): ParsedChunk | undefined {
    this.usedNow++;
    const known = this.pieces.get(chunk.text);
    if (known) {
      known.used = this.generation;
      this.lastRun.piecesReused++;
      if (!known.clean) return undefined;
      if (known.placedIn !== this.generation) {
        known.placedIn = this.generation;
        return known;
      }
      return { entry: known.entry, label: known.label, length: known.length, clean: true, used: this.generation, placedIn: this.generation };
    }
    this.lastRun.piecesParsed++;
    if (!canSplit(chunk.text)) {
      this.pieces.set(chunk.text, { entry: undefined, label: 0, length: chunk.text.length, clean: false, used: this.generation, placedIn: 0 });
      return undefined;
    }
    return { entry: undefined, label: 0, length: chunk.text.length, clean: true, used: this.generation, placedIn: this.generation };
  }

  /**
   * Labels the pieces in the text's order (see labelPieces), parses each new piece where its
   * label places it, and moves each piece whose label changed to its new one; the placement
   * maps every label to where its piece's text starts. Undefined when the text must be parsed
   * whole: a new piece's own parse reports a problem, or the text is too long to label.
   */
  private placeSlots(slots: readonly Slot[], labels: Float64Array, budget: Budget): Placement | 'out of time' | undefined {
    const starts = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const { piece, text } = slots[i]!;
      const label = labels[i]!;
      if (text !== undefined) {
        if (budget.exceeded()) return 'out of time';
        const parsed = piece as ParsedChunk;
        parsed.entry = parsePieceAt(text, label, this.limits);
        parsed.label = label;
        if (!parsed.entry) parsed.clean = false;
        this.pieces.set(text, parsed);
        if (!parsed.entry) return undefined;
      } else if (piece.label !== label) {
        if (piece.entry) {
          const moved = shiftEntry(piece.entry, label - piece.label);
          pieces.set(moved, pieces.get(piece.entry) ?? piece.entry);
          piece.entry = moved;
        }
        piece.label = label;
      }
      starts[i] = slots[i]!.start;
    }
    // The same placement while no piece moved: what was placed with it stays placed (see Placement).
    if (!this.lastPlacement?.isSameAs(labels, starts)) this.lastPlacement = new Placement(labels, starts);
    return this.lastPlacement;
  }
}

/** A piece of the text in the order of the text: found, or with its text when it is still to be parsed. */
interface Slot {
  readonly piece: Labelled;
  readonly start: number;
  readonly text?: string;
}

/**
 * Parses one piece with its positions from `label` on, or gives undefined when its parse
 * reports a problem or gives other than one entry. Each piece is small, so its parse is not
 * cut by the time limit: the loop over pieces is. The YAML files are written in is read
 * straight at the label; the rest (rare in pieces) is parsed at 0 and moved there.
 */
function parsePieceAt(text: string, label: number, limits: ParseLimits): MapEntry | undefined {
  const common = readCommonYaml(text, Budget.unlimited(), limits.maxDepth, label);
  if (common !== 'not-common' && common !== 'out-of-time') return onlyEntry(common.root);
  const result = parseYaml(text, limits, Budget.unlimited(), { fast: false });
  const entry = result.diagnostics.length === 0 ? onlyEntry(result.root) : undefined;
  return entry && shiftEntry(entry, label);
}

function onlyEntry(root: SyntaxNode | undefined): MapEntry | undefined {
  return root?.kind === 'map' && root.entries.length === 1 ? root.entries[0] : undefined;
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

/** A copy of an entry parsed at one position, moved by `by` (see mapEntrySpans). */
function shiftEntry(entry: MapEntry, by: number): MapEntry {
  return mapEntrySpans(entry, (span) => shift(span, by));
}
