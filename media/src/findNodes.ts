/**
 * The nodes a find query names, best first: the node whose id is the query, then ids that
 * start with it, then ids and labels that contain it; case does not matter.
 */
export function findNodes(nodes: readonly { readonly id: string; readonly label: string; readonly type: string }[], query: string): string[] {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return [];
  const rank = (node: { id: string; label: string }): number => {
    const id = node.id.toLowerCase();
    if (id === wanted) return 0;
    if (id.startsWith(wanted)) return 1;
    if (id.includes(wanted)) return 2;
    return node.label.toLowerCase().includes(wanted) ? 3 : -1;
  };
  return nodes
    .map((node, index) => ({ id: node.id, rank: rank(node), index }))
    .filter((n) => n.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((n) => n.id);
}
