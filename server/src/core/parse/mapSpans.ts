import type { MapEntry, SyntaxNode } from './syntax';
import type { Span } from '../text/span';

/**
 * A copy of a tree with every span (and origin) replaced by `map` of it: how a piece parsed
 * at one position is moved to another, and how a tree in the parser's positions is turned
 * into text offsets (see Placement). Object literals of one shape per kind, as the parser
 * makes them, so that later stages see the shapes they always see.
 */
export function mapNodeSpans(node: SyntaxNode, map: (span: Span) => Span): SyntaxNode {
  // Pieces never come from a text with aliases (see canSplit), so a moved node rarely has an
  // origin; one that has keeps it, moved like the rest.
  if (node.origin) return { ...mapNodeSpans({ ...node, origin: undefined } as SyntaxNode, map), origin: map(node.origin) } as SyntaxNode;
  const span = map(node.span);
  switch (node.kind) {
    case 'scalar':
      return node.source === undefined ? { kind: 'scalar', span, value: node.value } : { kind: 'scalar', span, value: node.value, source: node.source };
    case 'seq': {
      const items = new Array<SyntaxNode>(node.items.length);
      for (let i = 0; i < items.length; i++) items[i] = mapNodeSpans(node.items[i]!, map);
      return { kind: 'seq', span, items };
    }
    case 'map': {
      const entries = new Array<MapEntry>(node.entries.length);
      for (let i = 0; i < entries.length; i++) entries[i] = mapEntrySpans(node.entries[i]!, map);
      return { kind: 'map', span, entries };
    }
  }
}

/** A copy of an entry with every span replaced by `map` of it (see mapNodeSpans). */
export function mapEntrySpans(entry: MapEntry, map: (span: Span) => Span): MapEntry {
  const value = entry.value && mapNodeSpans(entry.value, map);
  return entry.keyOrigin ? { key: entry.key, keySpan: map(entry.keySpan), keyOrigin: map(entry.keyOrigin), value } : { key: entry.key, keySpan: map(entry.keySpan), value };
}
