import type { ViewGraph } from '../../server/src/core';

/**
 * What-if on a folded picture: the nodes that went down, and with them each cluster or
 * summary every node folded into which went down. Only the file's own nodes count: a
 * cluster folded on into a summary is not one of them.
 */
export function addFoldedDown(down: ReadonlySet<string>, view: ViewGraph, fileNodes: readonly { readonly id: string }[]): ReadonlySet<string> {
  if (down.size === 0 || !view.shownAs) return down;
  const summaries = new Set(view.nodes.filter((n) => n.summarised).map((n) => n.id));
  const inFile = new Set(fileNodes.map((n) => n.id));
  const allDown = new Map<string, boolean>();
  for (const [id, shown] of view.shownAs) {
    if (inFile.has(id)) allDown.set(shown, (allDown.get(shown) ?? true) && down.has(id));
  }
  const all = new Set(down);
  for (const [id, gone] of allDown) if (gone && summaries.has(id)) all.add(id);
  return all;
}
