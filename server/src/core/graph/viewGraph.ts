import type { GraphEdge, GraphNode } from './buildGraph';
import { clusterGraph } from './clusterGraph';
import { summariseGraph } from './summariseGraph';

/** A node as drawn: the graph node without its source spans (the preview has ranges instead). */
export type DrawableNode = Omit<GraphNode, 'span' | 'selectionSpan'>;

/** What the preview shows: the model, possibly with guests folded into their hosts. */
export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
  /** For each node folded out of sight, the node drawn in its place (its host, cluster or summary). */
  readonly shownAs?: ReadonlyMap<string, string>;
}

export interface ViewNode extends DrawableNode {
  /** How many guests are folded into this host, or copies into this summary; 0 when expanded or none. */
  readonly folded: number;
  /** For a node that stands for copies of one another (see summariseGraph): how many. A click opens it. */
  readonly summarised?: number;
}

/**
 * What the preview and the report draw of a graph: the whole of it up to `threshold` nodes.
 * Past that, guests fold into their hosts; if that still leaves more than `threshold`, the
 * graph is drawn as clusters of what its parts share (see clusterGraph), and clusters that
 * are copies of one another fold together (see summariseGraph). `expanded` lists the hosts,
 * clusters and summaries the user opened.
 */
export function foldGraph(model: { readonly nodes: readonly DrawableNode[]; readonly edges: readonly GraphEdge[] }, expanded: ReadonlySet<string>, threshold: number): ViewGraph {
  const guests = foldGuests(model, expanded, threshold);
  if (guests.nodes.length <= threshold) return guests;
  const clusters = clusterGraph(model, expanded);
  if (clusters.nodes.length <= threshold) return clusters;
  const summary = summariseGraph(clusters, expanded);
  // A node folded twice (into a cluster, then into a summary) is shown as the summary.
  const shownAs = new Map(summary.shownAs);
  for (const [id, cluster] of clusters.shownAs ?? []) shownAs.set(id, summary.shownAs?.get(cluster) ?? cluster);
  return { ...summary, shownAs };
}

function foldGuests(model: { readonly nodes: readonly DrawableNode[]; readonly edges: readonly GraphEdge[] }, expanded: ReadonlySet<string>, threshold: number): ViewGraph {
  if (model.nodes.length <= threshold) return { nodes: model.nodes.map((n) => ({ ...n, folded: 0 })), edges: model.edges };
  const hostOf = new Map<string, string>();
  // A guest that is a single point of failure stays in sight.
  for (const node of model.nodes) if (node.host && !expanded.has(node.host) && node.spofFor.length === 0) hostOf.set(node.id, node.host);
  const folded = new Map<string, number>();
  for (const host of hostOf.values()) folded.set(host, (folded.get(host) ?? 0) + 1);
  const nodes = model.nodes.filter((n) => !hostOf.has(n.id)).map((n) => ({ ...n, folded: folded.get(n.id) ?? 0 }));
  const seen = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const edge of model.edges) {
    const source = hostOf.get(edge.source) ?? edge.source;
    const target = hostOf.get(edge.target) ?? edge.target;
    const id = `${source}->${target}`;
    if (source === target || seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, source, target });
  }
  return { nodes, edges, shownAs: hostOf };
}
