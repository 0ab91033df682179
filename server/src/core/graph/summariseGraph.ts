import type { GraphEdge } from './buildGraph';
import { redirectEdges } from './redirectEdges';
import type { ViewGraph, ViewNode } from './viewGraph';

/**
 * Summarises a graph too large to read: nodes that are copies of one another fold into one
 * node with a count ("host-r0-0-… · 4 servers"). Two nodes are copies when they are of the
 * same type and kind and require the same things, where "the same" is decided bottom-up, so
 * that the four hosts of a rack, each with its own `any` of the rack's two PDUs, are copies.
 * Services, single points of failure and nodes below their SLA are never folded: they are
 * what the picture is for. A folded node's id is `fold:` and its first member's id, so it
 * stays put across edits; `expanded` lists folded nodes the user opened.
 */
export function summariseGraph(graph: ViewGraph, expanded: ReadonlySet<string>): ViewGraph {
  const classOf = findCopies(graph);
  const members = new Map<string, ViewNode[]>();
  for (const node of graph.nodes) {
    const key = classOf.get(node.id)!;
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(node);
  }
  const foldedInto = new Map<string, string>();
  const nodes: ViewNode[] = [];
  const placed = new Set<string>();
  for (const node of graph.nodes) {
    const copies = members.get(classOf.get(node.id)!)!;
    const id = `fold:${copies[0]!.id}`;
    if (copies.length < 2 || expanded.has(id)) {
      nodes.push(node);
      continue;
    }
    foldedInto.set(node.id, id);
    if (placed.has(id)) continue;
    placed.add(id);
    nodes.push(describeCopies(id, copies));
  }
  return { nodes, edges: redirectEdges(graph.edges, foldedInto), shownAs: foldedInto };
}

/** One node standing for its copies: the ids' common start, how many and of what, and the folded guests. */
function describeCopies(id: string, copies: readonly ViewNode[]): ViewNode {
  const first = copies[0]!;
  const label = `${commonStart(copies.map((c) => c.label))}…`;
  const guests = copies.reduce((sum, c) => sum + c.folded, 0);
  const what = first.type === 'group' ? 'groups' : `${first.kind === 'other' ? 'component' : first.kind}s`;
  const worst = copies.reduce<ViewNode | undefined>((low, c) => (c.unavailability !== null && (!low || c.unavailability > low.unavailability!) ? c : low), undefined);
  return {
    ...first,
    id,
    label,
    caption: `${copies.length} ${what}${guests > 0 ? ` · ${guests} guests` : ''}${first.type === 'group' ? ` · ${first.caption}` : ''} · click to open`,
    availability: worst?.availability ?? null,
    unavailability: worst?.unavailability ?? null,
    downtimeMinutesPerYear: worst?.downtimeMinutesPerYear ?? null,
    spofFor: [],
    replicas: 1,
    quorum: 1,
    folded: copies.length,
    summarised: copies.length,
  };
}

function commonStart(labels: readonly string[]): string {
  let start = labels[0]!;
  for (const label of labels) while (!label.startsWith(start)) start = start.slice(0, -1);
  // Cut back to a separator, so "host-r0-0-1" and "host-r0-0-2" read "host-r0-0-…".
  const cut = Math.max(start.lastIndexOf('-'), start.lastIndexOf('.'), start.lastIndexOf('_'), start.lastIndexOf('/'));
  return cut > 0 ? start.slice(0, cut + 1) : start || labels[0]!;
}

/**
 * A class per node, bottom-up over what it requires: a node's class is its type, kind and
 * the classes of its targets (with the edge's style). Nodes that must stay visible, and nodes
 * on a cycle, get a class of their own.
 */
function findCopies(graph: ViewGraph): Map<string, string> {
  const targets = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    let list = targets.get(edge.source);
    if (!list) targets.set(edge.source, (list = []));
    list.push(edge);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const classOf = new Map<string, string>();
  const keys = new Map<string, string>();
  const state = new Map<string, 'open' | 'done'>();
  for (const start of graph.nodes) {
    if (state.has(start.id)) continue;
    // Iterative post-order, so a long chain cannot overflow the stack.
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    state.set(start.id, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const out = targets.get(frame.id) ?? [];
      if (frame.next < out.length) {
        const target = out[frame.next++]!.target;
        if (!state.has(target) && byId.has(target)) {
          state.set(target, 'open');
          stack.push({ id: target, next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(frame.id, 'done');
      const node = byId.get(frame.id)!;
      const onCycle = out.some((e) => state.get(e.target) === 'open');
      const unique = node.type === 'service' || node.spofFor.length > 0 || node.meetsSla === false || onCycle;
      if (unique) {
        classOf.set(node.id, `id:${node.id}`);
        continue;
      }
      const signature = `${node.type}|${node.kind}|${node.type === 'group' ? node.caption : ''}|${[...new Set(out.map((e) => `${e.style ?? ''}>${classOf.get(e.target) ?? `id:${e.target}`}`))].sort().join(',')}`;
      let key = keys.get(signature);
      if (key === undefined) keys.set(signature, (key = `c${keys.size}`));
      classOf.set(node.id, key);
    }
  }
  return classOf;
}
