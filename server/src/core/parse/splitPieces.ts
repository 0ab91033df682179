/** A piece of text, where it starts in the whole text. */
export interface Chunk {
  readonly start: number;
  readonly text: string;
}

/** A top-level `components` or `services` section with entries, split into one chunk per entry. */
export interface SectionChunk {
  readonly start: number;
  /** The header line, `components:` with any comment and its line break. */
  readonly header: string;
  readonly key: 'components' | 'services';
  /** The indentation of the section's entries. */
  readonly indent: number;
  readonly children: readonly Chunk[];
}

export type TopChunk = (Chunk & { readonly header?: undefined }) | SectionChunk;

/**
 * How a text splits into pieces: the top-level entries and, inside `components` and
 * `services`, each entry of its own. Kept with the text so that the next version's split
 * can re-split only what an edit changed (see resplitEdit).
 */
export interface Split {
  readonly text: string;
  readonly top: readonly TopChunk[];
  /** How many characters were looked at to make this split: the whole text, or what an edit changed. */
  readonly splitChars: number;
}

/**
 * Splits a whole text, or says it cannot be split: content at column 0 that is no key,
 * indented content before the first key, or a section whose entries it cannot tell apart.
 */
export function splitText(text: string): Split | undefined {
  const chunks = splitTopLevel(text, 0, text.length, true);
  if (!chunks) return undefined;
  const top: TopChunk[] = [];
  for (const chunk of chunks) {
    const section = splitSection(text, chunk);
    if (section === 'refused') return undefined;
    top.push(section ?? chunk);
  }
  return { text, top, splitChars: text.length };
}

/**
 * The split of a new version of the text, made from the split of the version before by
 * splitting again only the pieces that an edit changed: the text between the first and the
 * last character that differ, widened to whole pieces. Everything before is kept as it was
 * and everything after is moved by the change in length. Undefined where that cannot be
 * told apart from what a whole split would give (an edit that reaches a section's header,
 * spans a section and another piece, or changes where the pieces around it start); the
 * caller then splits the whole text. Each line's part in a split depends on that line
 * alone (and on its section's indentation), so an unchanged line plays the same part.
 */
export function resplitEdit(previous: Split, text: string): Split | undefined {
  const old = previous.text;
  if (old === text) return { ...previous, splitChars: 0 };
  const top = previous.top;
  if (top.length === 0) return undefined;
  const prefix = commonPrefixLength(old, text);
  const suffix = commonSuffixLength(old, text, Math.min(old.length, text.length) - prefix);
  // The last character before the edit and the first after it (or the end), in the old text:
  // a change at the very start of a piece may belong to the piece before it, so that piece
  // is re-split too, and the window starts with a character the edit kept.
  const from = prefix - 1;
  const to = old.length - suffix;
  if (from < top[0]!.start) return undefined;
  const delta = text.length - old.length;
  const first = indexAt(top, from);
  const last = indexAt(top, to);
  const section = top[first]!;
  if (first === last && section.header !== undefined && from >= section.children[0]!.start) {
    const children = section.children;
    const a = indexAt(children, from);
    const b = indexAt(children, to);
    const start = children[a]!.start;
    const end = children[b]!.start + children[b]!.text.length + delta;
    const window = splitEntries(text, start, end, section.indent, a === 0);
    if (!window) return undefined;
    const resplit: SectionChunk = { ...section, children: replaceChunks(children, a, b, window, delta, moveChunk) };
    return { text, top: replaceChunks(top, first, last, [resplit], delta, moveTop), splitChars: end - start };
  }
  for (let i = first; i <= last; i++) if (top[i]!.header !== undefined) return undefined;
  const start = top[first]!.start;
  const end = endOfTop(top, last, old.length) + delta;
  const window = splitTopLevel(text, start, end, false);
  if (!window) return undefined;
  // A section that appears needs its entries split: rare enough to split the whole text for.
  if (window.some((chunk) => sectionKeyOf(chunk.text) !== undefined)) return undefined;
  return { text, top: replaceChunks(top, first, last, window, delta, moveTop), splitChars: end - start };
}

/** The chunks with those from `first` to `last` replaced, and the ones after them moved (one array, filled in place: a section has thousands). */
function replaceChunks<T>(chunks: readonly T[], first: number, last: number, replacement: readonly T[], delta: number, move: (chunk: T, by: number) => T): T[] {
  const result = new Array<T>(chunks.length - (last - first + 1) + replacement.length);
  let at = 0;
  for (let i = 0; i < first; i++) result[at++] = chunks[i]!;
  for (const chunk of replacement) result[at++] = chunk;
  for (let i = last + 1; i < chunks.length; i++) result[at++] = move(chunks[i]!, delta);
  return result;
}

/** The key a chunk's first line starts a section for, if it is `components:` or `services:` alone. */
function sectionKeyOf(text: string): { key: 'components' | 'services'; header: string } | undefined {
  const header = /^([A-Za-z_][A-Za-z0-9_.-]*):[ \t]*(#.*)?\r?\n/.exec(text);
  return header && (header[1] === 'components' || header[1] === 'services') ? { key: header[1], header: header[0] } : undefined;
}

/**
 * A section chunk of the text split into its entries, where they stand in the text;
 * undefined for any other chunk or an empty section, which are pieces of their own.
 */
function splitSection(text: string, chunk: Chunk): SectionChunk | 'refused' | undefined {
  const section = sectionKeyOf(chunk.text);
  if (!section) return undefined;
  const body = chunk.start + section.header.length;
  const end = chunk.start + chunk.text.length;
  const indent = indentOfEntries(text, body, end);
  if (indent === 'none') return undefined;
  if (indent === 'refused') return 'refused';
  const children = splitEntries(text, body, end, indent, true);
  if (!children) return 'refused';
  return { start: chunk.start, header: section.header, key: section.key, indent, children };
}

/**
 * Splits text[start, end) at every line that starts a top-level key; anything else at
 * column 0 refuses. Only the whole text (`whole`) may have comments or blank lines before
 * its first key, which belong to no piece; in part of a text they would belong to the piece
 * before, so the part must start with a key.
 */
function splitTopLevel(text: string, start: number, end: number, whole: boolean): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  let chunkStart = -1;
  let offset = start;
  while (offset < end) {
    const lineEnd = text.indexOf('\n', offset);
    const next = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    const first = text.charAt(offset);
    if (first !== ' ' && first !== '#' && first !== '\n' && first !== '\r') {
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*:(\s|$)/.test(text.slice(offset, next))) return undefined;
      if (chunkStart >= 0) chunks.push({ start: chunkStart, text: text.slice(chunkStart, offset) });
      chunkStart = offset;
    } else if (chunkStart < 0 && (first === ' ' || !whole)) {
      // Indented content before the first key; or, in part of a text, anything before it (a
      // guard: resplitEdit's windows start with a character the edit kept, a key's first).
      return undefined;
    }
    offset = next;
  }
  if (chunkStart >= 0) chunks.push({ start: chunkStart, text: text.slice(chunkStart, end) });
  return chunks;
}

/** The indentation of a section's first entry, 'none' for a section with no entries, 'refused' where the first line with content starts none. */
function indentOfEntries(text: string, from: number, end: number): number | 'none' | 'refused' {
  let found: number | 'none' | 'refused' = 'none';
  forEachContentLine(text, from, end, (offset, indent) => {
    found = indent > 0 && startsKey(text, offset + indent) ? indent : 'refused';
    return false;
  });
  return found;
}

/**
 * Splits a section's text[start, end) into one chunk per entry, at the entries' indentation.
 * With `first` (the section's first entry is in it) comments and blank lines before the
 * first entry belong to it; otherwise the text must start with an entry. Undefined where a
 * line with content is indented less than the entries, or at their indentation without a key.
 */
function splitEntries(text: string, start: number, end: number, indent: number, first: boolean): Chunk[] | undefined {
  const starts: number[] = [];
  let refused = false;
  forEachContentLine(text, start, end, (offset, lineIndent) => {
    if (lineIndent < indent || (lineIndent === indent && !startsKey(text, offset + indent))) refused = true;
    else if (lineIndent === indent) starts.push(offset);
    // Before the first entry, only comments and blank lines (where the section's first entry is in the text).
    else if (starts.length === 0) refused = true;
    return !refused;
  });
  if (refused || starts.length === 0 || (!first && starts[0] !== start)) return undefined;
  starts[0] = start;
  return starts.map((at, i) => ({ start: at, text: text.slice(at, starts[i + 1] ?? end) }));
}

/**
 * Calls `visit` with the offset and indentation of each line in text[start, end) that has
 * content (not blank, not a comment), until it answers false. A line whose first character
 * is neither a space nor a comment nor a line break is at column 0 and has content.
 */
function forEachContentLine(text: string, start: number, end: number, visit: (offset: number, indent: number) => boolean): void {
  let offset = start;
  while (offset < end) {
    const lineEnd = text.indexOf('\n', offset);
    const next = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
    let first = offset;
    while (first < next && text.charCodeAt(first) === 32) first++;
    const rest = first < next ? text.charCodeAt(first) : -1;
    const blank = rest === -1 || rest === 35 /* # */ || text.slice(first, next).trim() === '';
    if (!blank && !visit(offset, first - offset)) return;
    offset = next;
  }
}

// Sticky: tested where a line's indentation ends, without a copy of the line.
const keyPattern = /[A-Za-z][A-Za-z0-9_.-]*:(\s|$)/y;

function startsKey(text: string, at: number): boolean {
  keyPattern.lastIndex = at;
  return keyPattern.test(text);
}

/** The index of the last chunk that starts at or before an offset (chunks in order). */
function indexAt(chunks: readonly { readonly start: number }[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (chunks[middle]!.start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

function endOfTop(top: readonly TopChunk[], index: number, textLength: number): number {
  return index + 1 < top.length ? top[index + 1]!.start : textLength;
}

function moveChunk(chunk: Chunk, by: number): Chunk {
  return by === 0 ? chunk : { start: chunk.start + by, text: chunk.text };
}

function moveTop(chunk: TopChunk, by: number): TopChunk {
  if (by === 0) return chunk;
  if (chunk.header === undefined) return moveChunk(chunk, by);
  return { ...chunk, start: chunk.start + by, children: chunk.children.map((child) => moveChunk(child, by)) };
}

/** How many characters two texts share from the start, compared a block at a time. */
function commonPrefixLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let same = 0;
  // Doubling blocks find the first difference's neighbourhood in few native comparisons.
  for (let block = 256; same < length; block = Math.min(block * 2, 1 << 16)) {
    const end = Math.min(length, same + block);
    if (a.slice(same, end) !== b.slice(same, end)) break;
    same = end;
  }
  while (same < length && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

/** How many characters two texts share at the end, at most `limit`. */
function commonSuffixLength(a: string, b: string, limit: number): number {
  let same = 0;
  for (let block = 256; same < limit; block = Math.min(block * 2, 1 << 16)) {
    const size = Math.min(limit - same, block);
    if (a.slice(a.length - same - size, a.length - same) !== b.slice(b.length - same - size, b.length - same)) break;
    same += size;
  }
  while (same < limit && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  return same;
}
