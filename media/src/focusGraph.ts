import { collectReachable } from '../../server/src/core';
import type { PreviewGraph } from '../../server/src/protocol';

/**
 * The part of the graph one node depends on: the node and everything its edges reach (what
 * it requires, what its switches need, what fails together with it), with the edges between
 * them. Undefined when the node is not in the graph.
 */
export function focusGraph(graph: PreviewGraph, id: string): PreviewGraph | undefined {
  if (!graph.nodes.some((n) => n.id === id)) return undefined;
  const next = new Map<string, string[]>();
  for (const edge of graph.edges) {
    let targets = next.get(edge.source);
    if (!targets) next.set(edge.source, (targets = []));
    targets.push(edge.target);
  }
  const kept = collectReachable(id, next);
  return { ...graph, nodes: graph.nodes.filter((n) => kept.has(n.id)), edges: graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target)) };
}
