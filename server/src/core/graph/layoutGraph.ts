import type { ViewGraph, ViewNode } from './viewGraph';

/** The part of elkjs's API the layout needs; the caller passes an instance (worker or bundled). */
export interface ElkLike {
  layout(graph: ElkInput): Promise<ElkOutput>;
}

interface ElkInput {
  id: string;
  layoutOptions: Record<string, string>;
  children: { id: string; width: number; height: number; layoutOptions?: Record<string, string> }[];
  edges: { id: string; sources: string[]; targets: string[] }[];
}

interface ElkOutput {
  width?: number;
  height?: number;
  children?: { id: string; x?: number; y?: number; width?: number; height?: number }[];
  edges?: { id: string; sections?: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }[] }[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>;
  readonly edges: ReadonlyMap<string, readonly Point[]>;
}

// Bold 12px text in common UI fonts averages about 7.6 px a character.
const characterWidth = 7.6;

/** The second line of a node as drawn: its caption, and the quorum of a replicated node that needs more than one. */
export function describeCaption(node: ViewNode): string {
  return `${node.caption}${node.replicas > 1 && node.quorum > 1 ? ` · quorum ${node.quorum}` : ''}`;
}

/** Node sizes from their text, so labels fit without measuring fonts. */
export function measureNode(node: ViewNode): { width: number; height: number } {
  // Widths go up in steps of 8, so a figure that gains a digit while the user types keeps
  // the node's size, and the preview can keep every position.
  const step = (width: number) => Math.ceil(width / 8) * 8;
  if (node.type === 'group') return { width: step(Math.max(72, node.caption.length * characterWidth * 0.9 + 34)), height: 28 };
  const text = Math.max(node.label.length + (node.replicas > 1 ? 4 : 0) + (node.folded && !node.summarised ? 5 : 0), describeCaption(node).length * 0.9);
  // Icon on the left, room for the SPOF marker on the right.
  return { width: step(Math.max(110, text * characterWidth + 40 + (node.spofFor.length > 0 ? 24 : 8))), height: 46 };
}

/**
 * Lays the graph out top to bottom, services first and power last, with ELK's layered
 * algorithm. Nodes and edges keep their topology ids, so the same file lays out the same.
 */
export async function layoutGraph(graph: ViewGraph, elk: ElkLike): Promise<Layout> {
  const known = new Set(graph.nodes.map((n) => n.id));
  // Measured on a 909-node graph (bench/preview.bench.ts): ELK's default thoroughness took
  // 2.6 s and following the model order 4 s; thoroughness 1 took 0.6 s. Small graphs keep
  // the careful settings, which also keep nodes in file order across edits.
  const required = new Set(graph.edges.map((e) => e.target));
  const summary = graph.nodes.some((n) => n.summarised);
  // A summary of a 1,000-component file (291 nodes) took 4–6 s with the careful settings, 0.4–1.2 s without.
  const large = graph.nodes.length > 300 || summary;
  const input: ElkInput = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '44',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
      ...(large ? { 'elk.layered.thoroughness': '1' } : { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' }),
    },
    // In a summary, services nothing requires head the picture, in the first layer, even where
    // ELK would rather shorten their edges (it puts a few far below the rest otherwise).
    // ELK refuses the constraint on a node with incoming edges.
    children: graph.nodes.map((node) => ({ id: node.id, ...measureNode(node), ...(summary && node.type === 'service' && !required.has(node.id) ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}) })),
    edges: graph.edges.filter((e) => known.has(e.source) && known.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const output = await elk.layout(input);
  const nodes = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const child of output.children ?? []) nodes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  const edges = new Map<string, Point[]>();
  for (const edge of output.edges ?? []) {
    const section = edge.sections?.[0];
    if (section) edges.set(edge.id, [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]);
  }
  return { width: output.width ?? 0, height: output.height ?? 0, nodes, edges };
}
