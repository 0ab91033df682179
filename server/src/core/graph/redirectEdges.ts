import type { GraphEdge } from './buildGraph';

/**
 * The edges between what is drawn once nodes are folded: each end moves to the node it is
 * shown as, an edge whose two ends land on one node is dropped, and edges that land on the
 * same pair (with the same style) are drawn once. An edge no fold touched stays as written,
 * a node requiring itself included.
 */
export function redirectEdges(edges: readonly GraphEdge[], shownAs: ReadonlyMap<string, string>): GraphEdge[] {
  const seen = new Set<string>();
  const out: GraphEdge[] = [];
  for (const edge of edges) {
    const source = shownAs.get(edge.source) ?? edge.source;
    const target = shownAs.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) {
      if (!seen.has(edge.id)) out.push(edge);
      seen.add(edge.id);
      continue;
    }
    const id = `${source}->${target}${edge.style ? `:${edge.style}` : ''}`;
    if (source === target || seen.has(id)) continue;
    seen.add(id);
    out.push({ ...edge, id, source, target });
  }
  return out;
}
