import type { GraphEdge, GraphNode } from './buildGraph';
import { summariseGraph } from './summariseGraph';

/** A node as drawn: the graph node without its source spans (the preview has ranges instead). */
export type DrawableNode = Omit<GraphNode, 'span' | 'selectionSpan'>;

/** What the preview shows: the model, possibly with guests folded into their hosts. */
export interface ViewGraph {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
}

export interface ViewNode extends DrawableNode {
  /** How many guests are folded into this host, or copies into this summary; 0 when expanded or none. */
  readonly folded: number;
  /** For a node that stands for copies of one another (see summariseGraph): how many. A click opens it. */
  readonly summarised?: number;
}

/**
 * Past `threshold` nodes, VMs, containers and applications fold into the host they run on
 * (one node, "+12"), unless the user expanded that host. Edges of folded guests move to the
 * host, so what requires a guest points at its host.
 */
/**
 * What the preview and the report draw of a graph: past `threshold` nodes, guests fold into
 * their hosts; if that still leaves more than `threshold`, copies fold together (see
 * summariseGraph). `expanded` lists hosts and summaries the user opened.
 */
export function foldGraph(model: { readonly nodes: readonly DrawableNode[]; readonly edges: readonly GraphEdge[] }, expanded: ReadonlySet<string>, threshold: number): ViewGraph {
  const guests = foldGuests(model, expanded, threshold);
  return guests.nodes.length > threshold ? summariseGraph(guests, expanded) : guests;
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
  return { nodes, edges };
}
