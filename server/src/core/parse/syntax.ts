import type { Span } from '../text/span';

/**
 * The core's own syntax tree: YAML reduced to maps, sequences and scalars, each with the
 * source span it came from. Later stages read this, never the `yaml` package's nodes.
 */
export type SyntaxNode = MapNode | SeqNode | ScalarNode;

/**
 * Every node has a `span`: where it is reported. A node reached through a YAML alias (`*a`)
 * or a merge key (`<<: *a`) is reported at the alias, and also carries `origin`: where its
 * own text is, inside the anchored definition. Edits go to `origin ?? span`, never to an
 * alias, so that an edit only ever changes what the text itself says.
 */
interface Located {
  readonly span: Span;
  /** Set on nodes reached through an alias: the node's own text in the anchor's definition. */
  readonly origin?: Span;
}

export interface MapNode extends Located {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
}

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** Set on entries reached through an alias or a merge key: the key's own text. */
  readonly keyOrigin?: Span;
  /** Undefined for `key:` with nothing after it. */
  readonly value: SyntaxNode | undefined;
}

export interface SeqNode extends Located {
  readonly kind: 'seq';
  readonly items: readonly SyntaxNode[];
}

export type ScalarValue = string | number | boolean | null;

export interface ScalarNode extends Located {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** The scalar's source text, kept for numbers so that 0.999999999 keeps all its digits. */
  readonly source?: string;
}

/** Returns the first entry with this key; later duplicates are reported by the parser. */
export function findEntry(map: MapNode, key: string): MapEntry | undefined {
  return map.entries.find((entry) => entry.key === key);
}

/**
 * Whether two lists hold the very same entry objects in the same order: what an
 * IncrementalParser gives for a section none of whose entries changed (one list, often).
 */
export function haveSameEntries(a: readonly MapEntry[], b: readonly MapEntry[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Follows a JSON pointer's segments down the tree and returns the deepest node reached
 * and, when the last step went through a map, the entry that holds it.
 */
export function resolvePath(
  root: SyntaxNode,
  segments: readonly string[],
): { node: SyntaxNode | undefined; entry: MapEntry | undefined; reached: SyntaxNode } {
  let node: SyntaxNode | undefined = root;
  let reached: SyntaxNode = root;
  let entry: MapEntry | undefined;
  for (const segment of segments) {
    if (node === undefined) return { node, entry, reached };
    reached = node;
    if (node.kind === 'map') {
      entry = findEntry(node, segment);
      if (!entry) return { node: undefined, entry: undefined, reached };
      node = entry.value;
    } else if (node.kind === 'seq') {
      const item: SyntaxNode | undefined = node.items[Number(segment)];
      if (!item) return { node: undefined, entry: undefined, reached };
      entry = undefined;
      node = item;
    } else {
      return { node: undefined, entry: undefined, reached };
    }
  }
  return { node, entry, reached: node ?? reached };
}

/** Turns the tree into plain data for schema validation; the first of duplicate keys wins. */
export function toPlainValue(node: SyntaxNode | undefined): unknown {
  if (node === undefined) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlainValue);
    case 'map': {
      const result: Record<string, unknown> = {};
      for (const entry of node.entries) {
        if (Object.prototype.hasOwnProperty.call(result, entry.key)) continue;
        setPlainProperty(result, entry.key, toPlainValue(entry.value));
      }
      return result;
    }
  }
}

/**
 * Sets a key of plain data from the text. Assigning "__proto__" would set the prototype, so
 * that key alone is defined as an ordinary property; every other key of a plain object is
 * assigned, which is several times faster than defining it (this runs for every node).
 */
export function setPlainProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Where a node's own text is: inside the anchor's definition for a node reached through an alias. */
export function textSpanOf(node: { readonly span: Span; readonly origin?: Span }): Span {
  return node.origin ?? node.span;
}
