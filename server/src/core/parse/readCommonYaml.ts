import type { Budget } from '../budget';
import { makeSpan, type Span } from '../text/span';
import { resolvePlain, startsPlain } from './plainScalars';
import type { MapEntry, ScalarNode, SyntaxNode } from './syntax';
import { isRepeated, noteKey } from './repeatedKeys';

/** Why the fast reader gave up: the text uses YAML it does not read, or time ran out. */
export type CommonYamlResult = { readonly root: SyntaxNode } | 'not-common' | 'out-of-time';

/**
 * Reads the YAML that topology files are made of, straight into syntax nodes: block maps and sequences,
 * one-line flow collections (a whole document on one line included), plain and simple quoted scalars,
 * comments. It is several times faster than the `yaml` package's parser, which builds a concrete syntax
 * tree and a document first. Anything else (anchors, aliases, tags, block scalars, multi-line scalars or
 * flow collections, several documents, duplicate keys, any syntax error) makes it answer 'not-common', and
 * the full parser reads the text instead; so it never has to report a problem, and where it answers, the
 * tree is the one the full parser gives (a differential test holds it to that).
 */
export function readCommonYaml(text: string, budget: Budget, depthLimit = 200, base = 0): CommonYamlResult {
  try {
    return { root: new CommonYamlReader(text, budget, Math.min(maxDepth, depthLimit - 2), base).readDocument() };
  } catch (error) {
    if (error === notCommon) return 'not-common';
    if (error === outOfTime) return 'out-of-time';
    throw error;
  }
}

const notCommon = new Error('not common YAML');
const outOfTime = new Error('out of time');

/** Nesting deeper than this, or near the configured limit, is left to the full parser, which reports the limit. */
const maxDepth = 64;

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const COMMA = 44;
const RETURN = 13;

class CommonYamlReader {
  /** Start offset of each line. */
  private readonly starts: number[] = [];
  /** Offset after each line's last character that is not a space or a line break. */
  private readonly ends: number[] = [];
  /** Leading spaces of each line, or -1 for a blank or comment-only line. */
  private readonly indents: number[] = [];
  private line = 0;
  private nodes = 0;

  constructor(
    private readonly text: string,
    private readonly budget: Budget,
    private readonly maxDepth: number,
    /** Added to every span: a piece of a text read where its label places it (see Placement). */
    private readonly base: number,
  ) {
    // Tabs, lone carriage returns and a byte-order mark are left to the full parser.
    if (text.includes('\t') || /\r(?!\n)/.test(text) || text.charCodeAt(0) === 0xfeff) throw notCommon;
    let start = 0;
    while (start <= text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let last = end;
      while (last > start && (text.charCodeAt(last - 1) === SPACE || text.charCodeAt(last - 1) === RETURN)) last--;
      let indent = 0;
      while (start + indent < last && text.charCodeAt(start + indent) === SPACE) indent++;
      const first = start + indent < last ? text.charCodeAt(start + indent) : -1;
      this.starts.push(start);
      this.ends.push(last);
      this.indents.push(first === -1 || first === HASH ? -1 : indent);
      if (end === text.length) break;
      start = end + 1;
    }
  }

  readDocument(): SyntaxNode {
    const first = this.nextContent(0);
    if (first < 0) throw notCommon;
    this.line = first;
    // A document may sit indented as a whole (as one entry of a section does when the
    // incremental parser reads it alone); its keys' column is then the first line's.
    const indent = this.indents[first]!;
    const start = this.starts[first]! + indent;
    const opener = this.text.charCodeAt(start);
    if (indent > 0 && (opener === 123 || opener === 91)) throw notCommon;
    // A whole document on one line, as a flow map or sequence, or the usual block map.
    const root = opener === 123 || opener === 91 ? this.readInlineValue(start, -1, 0) : this.readBlockMap(indent, start, 0);
    if (this.nextContent(this.line + 1) >= 0) throw notCommon;
    return root;
  }

  /** The first line at or after `from` with content, or -1. */
  private nextContent(from: number): number {
    for (let i = from; i < this.indents.length; i++) if (this.indents[i]! >= 0) return i;
    return -1;
  }

  private count(): void {
    if ((++this.nodes & 1023) === 0 && this.budget.exceeded()) throw outOfTime;
  }

  /**
   * A block map whose keys sit at column `indent`; the first key starts at `firstKey` on the
   * current line (after "- " for a map inside a sequence item).
   */
  private readBlockMap(indent: number, firstKey: number, depth: number): SyntaxNode {
    if (depth > this.maxDepth) throw notCommon;
    this.count();
    const entries: MapEntry[] = [];
    let keys: Set<string> | undefined;
    let at = firstKey;
    for (;;) {
      const { key, keySpan, after } = this.readKey(at);
      if (isRepeated(entries, key, keys)) throw notCommon;
      const value = this.readValue(after, indent, depth);
      entries.push({ key, keySpan, value });
      keys = noteKey(entries, key, keys);
      const next = this.nextContent(this.line + 1);
      if (next < 0 || this.indents[next]! < indent) break;
      if (this.indents[next]! > indent) throw notCommon;
      // A sequence at the keys' column belongs to a key above: only after an empty value.
      if (this.isSequenceDash(next)) throw notCommon;
      this.line = next;
      at = this.starts[next]! + indent;
    }
    return { kind: 'map', span: this.span(firstKey, this.ends[this.line]!), entries };
  }

  /** A block sequence whose dashes sit at column `indent`, the first at `firstDash`. */
  private readBlockSeq(indent: number, firstDash: number, depth: number): SyntaxNode {
    if (depth > this.maxDepth) throw notCommon;
    this.count();
    const items: SyntaxNode[] = [];
    let at = firstDash;
    for (;;) {
      let content = at + 1;
      while (content < this.ends[this.line]! && this.text.charCodeAt(content) === SPACE) content++;
      if (content >= this.ends[this.line]! || this.text.charCodeAt(content) === HASH) {
        // "-" alone: the item is the block below it.
        const next = this.nextContent(this.line + 1);
        if (next < 0 || this.indents[next]! <= indent) throw notCommon;
        this.line = next;
        items.push(this.readBlockNode(next, depth + 1));
      } else if (this.looksLikeKey(content)) {
        items.push(this.readBlockMap(content - this.starts[this.line]!, content, depth + 1));
      } else {
        items.push(this.readInlineValue(content, indent, depth + 1));
      }
      const next = this.nextContent(this.line + 1);
      if (next < 0 || this.indents[next]! < indent) break;
      if (this.indents[next]! > indent) throw notCommon;
      if (!this.isSequenceDash(next)) break;
      this.line = next;
      at = this.starts[next]! + indent;
    }
    return { kind: 'seq', span: this.span(firstDash, this.ends[this.line]!), items };
  }

  /** A map or a sequence starting at the first content of `line`. */
  private readBlockNode(line: number, depth: number): SyntaxNode {
    const indent = this.indents[line]!;
    const at = this.starts[line]! + indent;
    if (this.isSequenceDash(line)) return this.readBlockSeq(indent, at, depth);
    if (!this.looksLikeKey(at)) throw notCommon;
    return this.readBlockMap(indent, at, depth);
  }

  /**
   * The value after a block key's colon: on the same line, or the block below it (more
   * indented, or a sequence at the key's own column), or nothing.
   */
  private readValue(after: number, indent: number, depth: number): SyntaxNode {
    let content = after;
    const end = this.ends[this.line]!;
    while (content < end && this.text.charCodeAt(content) === SPACE) content++;
    if (content < end && !(this.text.charCodeAt(content) === HASH && content > after)) return this.readInlineValue(content, indent, depth + 1);
    const next = this.nextContent(this.line + 1);
    if (next >= 0 && this.indents[next]! > indent) {
      this.line = next;
      return this.readBlockNode(next, depth + 1);
    }
    if (next >= 0 && this.indents[next]! === indent && this.isSequenceDash(next)) {
      this.line = next;
      return this.readBlockSeq(indent, this.starts[next]! + indent, depth + 1);
    }
    this.count();
    // The full parser puts an empty value after the spaces that follow the colon.
    let empty = after;
    while (this.text.charCodeAt(empty) === SPACE) empty++;
    return { kind: 'scalar', span: this.span(empty, empty), value: null };
  }

  /** A value that starts and ends on the current line, followed only by a comment. */
  private readInlineValue(at: number, indent: number, depth: number): SyntaxNode {
    const end = this.ends[this.line]!;
    const code = this.text.charCodeAt(at);
    let node: SyntaxNode;
    let after: number;
    if (code === 123 /* { */ || code === 91 /* [ */) {
      [node, after] = this.readFlow(at, end, depth);
    } else if (code === 34 /* " */ || code === 39 /* ' */) {
      [node, after] = this.readQuoted(at, end);
    } else {
      if (!startsPlain(this.text, at, end)) throw notCommon;
      let stop = at;
      while (stop < end) {
        const c = this.text.charCodeAt(stop);
        if (c === HASH && this.text.charCodeAt(stop - 1) === SPACE) break;
        // "a: b: c" is an error, and "key:" inside a value is a map the full parser must see.
        if (c === COLON && (stop + 1 >= end || this.text.charCodeAt(stop + 1) === SPACE)) throw notCommon;
        stop++;
      }
      while (stop > at && this.text.charCodeAt(stop - 1) === SPACE) stop--;
      node = this.plainScalar(at, stop);
      after = stop;
    }
    this.expectLineEnd(after, end);
    // A more indented line after a one-line value would continue it: a multi-line scalar.
    const next = this.nextContent(this.line + 1);
    if (next >= 0 && this.indents[next]! > indent) throw notCommon;
    return node;
  }

  /** Only spaces and a comment may follow a value on its line. */
  private expectLineEnd(at: number, end: number): void {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i < end && !(this.text.charCodeAt(i) === HASH && i > at)) throw notCommon;
  }

  /** A flow map or sequence closed on the same line. */
  private readFlow(open: number, end: number, depth: number): [SyntaxNode, number] {
    if (depth > this.maxDepth) throw notCommon;
    this.count();
    const isMap = this.text.charCodeAt(open) === 123;
    const close = isMap ? 125 : 93;
    const entries: MapEntry[] = [];
    const items: SyntaxNode[] = [];
    let keys: Set<string> | undefined;
    let i = this.skipSpaces(open + 1, end);
    if (this.text.charCodeAt(i) === close) {
      const span = this.span(open, i + 1);
      return [isMap ? { kind: 'map', span, entries } : { kind: 'seq', span, items }, i + 1];
    }
    for (;;) {
      if (i >= end) throw notCommon;
      if (isMap) {
        const [keyNode, afterKey] = this.readFlowScalar(i, end);
        if (this.text.charCodeAt(afterKey) !== COLON || this.text.charCodeAt(afterKey + 1) !== SPACE) throw notCommon;
        const key = keyNode.kind === 'scalar' ? String(keyNode.value) : '';
        if (isRepeated(entries, key, keys)) throw notCommon;
        const [value, afterValue] = this.readFlowValue(this.skipSpaces(afterKey + 1, end), end, depth);
        entries.push({ key, keySpan: keyNode.span, value });
        keys = noteKey(entries, key, keys);
        i = afterValue;
      } else {
        const [item, afterItem] = this.readFlowValue(i, end, depth);
        // "[a: b]" is a one-pair map in a sequence: left to the full parser.
        if (this.text.charCodeAt(afterItem) === COLON) throw notCommon;
        items.push(item);
        i = afterItem;
      }
      i = this.skipSpaces(i, end);
      const c = this.text.charCodeAt(i);
      if (c === close) break;
      if (c !== COMMA) throw notCommon;
      i = this.skipSpaces(i + 1, end);
      // A trailing comma ("[a, ]") is left to the full parser.
      if (this.text.charCodeAt(i) === close) throw notCommon;
    }
    const span = this.span(open, i + 1);
    return [isMap ? { kind: 'map', span, entries } : { kind: 'seq', span, items }, i + 1];
  }

  private readFlowValue(at: number, end: number, depth: number): [SyntaxNode, number] {
    const code = this.text.charCodeAt(at);
    if (code === 123 || code === 91) return this.readFlow(at, end, depth + 1);
    const [node, after] = this.readFlowScalar(at, end);
    return [node, this.skipSpaces(after, end)];
  }

  /** A plain or quoted scalar inside a flow collection. */
  private readFlowScalar(at: number, end: number): [ScalarNode, number] {
    const code = this.text.charCodeAt(at);
    if (code === 34 || code === 39) return this.readQuoted(at, end);
    if (!startsPlain(this.text, at, end)) throw notCommon;
    let stop = at;
    while (stop < end) {
      const c = this.text.charCodeAt(stop);
      if (c === COMMA || c === 93 || c === 125) break;
      if (c === 91 || c === 123) throw notCommon;
      if (c === HASH && this.text.charCodeAt(stop - 1) === SPACE) throw notCommon;
      if (c === COLON) {
        const n = this.text.charCodeAt(stop + 1);
        if (n === SPACE) break;
        // "a:b" and "a:," read differently in flow context: left to the full parser.
        throw notCommon;
      }
      stop++;
    }
    while (stop > at && this.text.charCodeAt(stop - 1) === SPACE) stop--;
    if (stop === at) throw notCommon;
    return [this.plainScalar(at, stop), stop];
  }

  /** A single-line quoted scalar without escapes (a doubled quote in single quotes is fine). */
  private readQuoted(open: number, end: number): [ScalarNode, number] {
    this.count();
    const quote = this.text.charCodeAt(open);
    let value = '';
    let i = open + 1;
    for (;;) {
      if (i >= end) throw notCommon;
      const c = this.text.charCodeAt(i);
      if (c === quote) {
        if (quote === 39 && this.text.charCodeAt(i + 1) === 39) {
          value += "'";
          i += 2;
          continue;
        }
        break;
      }
      if (c === 92 /* backslash */ && quote === 34) throw notCommon;
      value += this.text.charAt(i);
      i++;
    }
    return [{ kind: 'scalar', span: this.span(open, i + 1), value }, i + 1];
  }

  private span(start: number, end: number): Span {
    return makeSpan(this.base + start, this.base + end);
  }

  private plainScalar(start: number, end: number): ScalarNode {
    this.count();
    const source = this.text.slice(start, end);
    const value = resolvePlain(source);
    const span = this.span(start, end);
    return typeof value === 'number' ? { kind: 'scalar', span, value, source } : { kind: 'scalar', span, value };
  }

  /** A block key at `at`: a plain or quoted scalar, then ": " or ":" at the end of the line. */
  private readKey(at: number): { key: string; keySpan: Span; after: number } {
    const end = this.ends[this.line]!;
    const code = this.text.charCodeAt(at);
    let keyNode: ScalarNode;
    let colon: number;
    if (code === 34 || code === 39) {
      [keyNode, colon] = this.readQuoted(at, end);
    } else {
      if (!startsPlain(this.text, at, end)) throw notCommon;
      colon = at;
      while (colon < end) {
        const c = this.text.charCodeAt(colon);
        if (c === COLON && (colon + 1 >= end || this.text.charCodeAt(colon + 1) === SPACE)) break;
        if (c === HASH && this.text.charCodeAt(colon - 1) === SPACE) throw notCommon;
        colon++;
      }
      if (colon >= end || this.text.charCodeAt(colon - 1) === SPACE) throw notCommon;
      keyNode = this.plainScalar(at, colon);
    }
    if (this.text.charCodeAt(colon) !== COLON || (colon + 1 < end && this.text.charCodeAt(colon + 1) !== SPACE)) throw notCommon;
    if (keyNode.value === null || typeof keyNode.value === 'number' || typeof keyNode.value === 'boolean') {
      // Keys that resolve to other types ("1", "true", "~") are named as the full parser names them; leave them to it.
      throw notCommon;
    }
    return { key: keyNode.value, keySpan: keyNode.span, after: colon + 1 };
  }

  /** Whether a block key starts at `at`: a plain scalar running into ": " or ":" at the end of the line. */
  private looksLikeKey(at: number): boolean {
    const end = this.ends[this.line]!;
    const code = this.text.charCodeAt(at);
    if (code === 34 || code === 39) {
      const close = this.text.indexOf(String.fromCharCode(code), at + 1);
      return close > 0 && close < end && this.text.charCodeAt(close + 1) === COLON;
    }
    if (!startsPlain(this.text, at, end) || code === 123 || code === 91) return false;
    for (let i = at; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === HASH && this.text.charCodeAt(i - 1) === SPACE) return false;
      if (c === COLON && (i + 1 >= end || this.text.charCodeAt(i + 1) === SPACE)) return true;
    }
    return false;
  }

  /** Whether the dash at the start of a line's content opens a sequence item: "- x" or "-" alone. */
  private isSequenceDash(line: number): boolean {
    const at = this.starts[line]! + this.indents[line]!;
    return this.text.charCodeAt(at) === DASH && (at + 1 >= this.ends[line]! || this.text.charCodeAt(at + 1) === SPACE);
  }

  private skipSpaces(at: number, end: number): number {
    let i = at;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }
}
