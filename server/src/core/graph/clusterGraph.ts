import { withoutFigures, type GraphEdge } from './buildGraph';
import { redirectEdges } from './redirectEdges';
import { findStronglyConnected } from '../util/findStronglyConnected';
import type { DrawableNode, ViewGraph, ViewNode } from './viewGraph';

type Model = { readonly nodes: readonly DrawableNode[]; readonly edges: readonly GraphEdge[] };

/**
 * Summarises a graph too large to draw whole by what its parts share. Each part is weighed
 * by how many services need it; a part joins what it requires when that serves at most
 * twice as many services as the least shared part of the cluster. So a rack's VMs, hosts,
 * PDUs and switch (needed by the rack's two services) make one cluster, and the room's
 * power and core network (needed by every service) another. Services, single points of
 * failure and parts below their SLA stay drawn on their own; every other part of a cluster
 * folds into one node, `cluster:` and the id of its first part in the file, which a click
 * opens (`expanded` lists the opened ones).
 */
export function clusterGraph(model: Model, expanded: ReadonlySet<string>): ViewGraph {
  const { nodes } = model;
  const indexOf = new Map<string, number>();
  nodes.forEach((node, i) => indexOf.set(node.id, i));
  const targets: number[][] = nodes.map(() => []);
  for (const edge of model.edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source !== undefined && target !== undefined && source !== target) targets[source]!.push(target);
  }
  const weight = countServicesServed(nodes, targets);
  const clusters = joinByWhatIsShared(nodes.length, targets, weight);

  const members = new Map<number, number[]>();
  nodes.forEach((_, i) => {
    const root = clusters.find(i);
    let list = members.get(root);
    if (!list) members.set(root, (list = []));
    list.push(i);
  });
  const above = findPartsAboveTheDrawn(nodes, targets, clusters);
  const fold = (open: ReadonlySet<string>): ViewGraph => {
    const shownAs = new Map<string, string>();
    const summaryOf = new Map<number, ViewNode>();
    for (const list of members.values()) {
      const hidden = list.filter((i) => !mustStayInSight(nodes[i]!));
      // What a cluster's drawn parts require folds apart from what requires them, so that
      // a VM above its host and a PDU below it are not one node on a cycle.
      for (const part of [hidden.filter((i) => above[i]), hidden.filter((i) => !above[i])]) {
        if (part.length < 2) continue;
        const first = part.find((i) => nodes[i]!.type !== 'group') ?? part[0]!;
        const id = `cluster:${nodes[first]!.id}`;
        if (open.has(id)) continue;
        for (const i of part) shownAs.set(nodes[i]!.id, id);
        summaryOf.set(part[0]!, describeCluster(id, list.map((i) => nodes[i]!), part.map((i) => nodes[i]!), list.reduce((most, i) => Math.max(most, weight[i]!), 0)));
      }
    }
    const drawn: ViewNode[] = [];
    nodes.forEach((node, i) => {
      const summary = summaryOf.get(i);
      if (summary) drawn.push(summary);
      else if (!shownAs.has(node.id)) drawn.push({ ...node, folded: 0 });
    });
    return { nodes: drawn, edges: redirectEdges(model.edges, shownAs), shownAs };
  };
  const folded = fold(expanded);
  // Folding can still close a cycle through a cluster in an unusual graph; such clusters
  // stay open. Opening them refines the picture, so no new cycle can appear.
  const onCycles = findClustersOnCycles(folded);
  return onCycles.length === 0 ? folded : fold(new Set([...expanded, ...onCycles]));
}

/** Clusters that lie on a cycle of the drawn graph. */
function findClustersOnCycles(graph: ViewGraph): string[] {
  const clusters = new Set(graph.shownAs?.values());
  const targets = new Map<string, string[]>();
  for (const edge of graph.edges) {
    let list = targets.get(edge.source);
    if (!list) targets.set(edge.source, (list = []));
    list.push(edge.target);
  }
  return findStronglyConnected(
    graph.nodes.map((n) => n.id),
    (id) => targets.get(id) ?? [],
  )
    .filter((group) => group.length > 1)
    .flat()
    .filter((id) => clusters.has(id));
}

/**
 * The hidden parts that require, directly or through other parts of their cluster, a part
 * of the same cluster that stays drawn: found by walking the cluster's edges backwards
 * from its drawn parts, so each edge is walked at most once.
 */
function findPartsAboveTheDrawn(nodes: readonly DrawableNode[], targets: readonly number[][], clusters: Clusters): Uint8Array {
  const sources: number[][] = nodes.map(() => []);
  targets.forEach((out, source) => out.forEach((target) => sources[target]!.push(source)));
  const above = new Uint8Array(nodes.length);
  const stack = nodes.flatMap((node, i) => (mustStayInSight(node) ? [i] : []));
  while (stack.length > 0) {
    const node = stack.pop()!;
    const cluster = clusters.find(node);
    for (const source of sources[node]!) {
      if (above[source] || mustStayInSight(nodes[source]!) || clusters.find(source) !== cluster) continue;
      above[source] = 1;
      stack.push(source);
    }
  }
  return above;
}

/** Services, single points of failure and parts below their SLA are what the picture is for. */
function mustStayInSight(node: DrawableNode): boolean {
  return node.type === 'service' || node.spofFor.length > 0 || node.meetsSla === false;
}

/**
 * How many services need each node, directly or through others: one bit per service,
 * passed down the edges in an order where every node comes before what it requires (a
 * node on a cycle, which the file's diagnostics already flag, may count short).
 */
function countServicesServed(nodes: readonly DrawableNode[], targets: readonly number[][]): number[] {
  const services = nodes.flatMap((node, i) => (node.type === 'service' ? [i] : []));
  const words = Math.max(1, Math.ceil(services.length / 32));
  const bits = new Uint32Array(nodes.length * words);
  services.forEach((node, s) => (bits[node * words + (s >>> 5)]! |= 1 << (s & 31)));
  // Tarjan's groups come out after everything they require: reversed, every node comes
  // before what it requires.
  const order = findStronglyConnected(nodes.keys(), (node) => targets[node]!).reverse().flat();
  for (const node of order) {
    for (const target of targets[node]!) {
      for (let w = 0; w < words; w++) bits[target * words + w]! |= bits[node * words + w]!;
    }
  }
  return nodes.map((_, i) => {
    let count = 0;
    for (let w = 0; w < words; w++) {
      let word = bits[i * words + w]!;
      while (word !== 0) {
        word &= word - 1;
        count++;
      }
    }
    return count;
  });
}

/** Clusters as a union-find: the root of the cluster a node is in. */
interface Clusters {
  find(node: number): number;
}

/**
 * Joins each node with what it requires while the cluster stays within a factor of two in
 * how widely its parts are shared. Edges are taken narrowest first, so the tightest groups
 * (a host and its VMs) form before they meet wider ones.
 */
function joinByWhatIsShared(size: number, targets: readonly number[][], weight: readonly number[]): Clusters {
  const parent = Int32Array.from({ length: size }, (_, i) => i);
  // A part no service needs counts as needed by one, so it joins what it hangs off.
  const least = Int32Array.from(weight, (w) => Math.max(w, 1));
  const most = Int32Array.from(least);
  const find = (node: number): number => {
    let root = node;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[node] !== root) {
      const up = parent[node]!;
      parent[node] = root;
      node = up;
    }
    return root;
  };
  const edges: [number, number][] = [];
  targets.forEach((out, source) => out.forEach((target) => edges.push([source, target])));
  edges.sort((a, b) => weight[a[1]]! - weight[b[1]]! || a[0] - b[0] || a[1] - b[1]);
  for (const [source, target] of edges) {
    const a = find(source);
    const b = find(target);
    if (a === b) continue;
    const low = Math.min(least[a]!, least[b]!);
    const high = Math.max(most[a]!, most[b]!);
    if (high > 2 * low) continue;
    // The lower index becomes the root, so a cluster's root is stable for the same graph.
    const [root, child] = a < b ? [a, b] : [b, a];
    parent[child] = root;
    least[root] = low;
    most[root] = high;
  }
  return { find };
}

/** One node standing for a cluster: a name from what its ids share, and how many parts of which kind. */
function describeCluster(id: string, all: readonly DrawableNode[], hidden: readonly DrawableNode[], served: number): ViewNode {
  const parts = hidden.filter((n) => n.type !== 'group');
  const kinds = new Map<string, number>();
  for (const part of parts) kinds.set(part.kind, (kinds.get(part.kind) ?? 0) + 1);
  const counts = [...kinds].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([kind, n]) => `${n} ${pluralise(kind, n)}`);
  const caption = shorten(counts, 40).join(' · ');
  const spofs = all.filter((n) => n.type !== 'service' && n.spofFor.length > 0).map((n) => n.id);
  const services = all.filter((n) => n.type === 'service').map((n) => n.id);
  const worst = parts.reduce<DrawableNode | undefined>((low, n) => (n.unavailability !== null && (!low || n.unavailability > low.unavailability!) ? n : low), undefined);
  const description = [
    `${parts.length} parts${hidden.length > parts.length ? ` and ${hidden.length - parts.length} redundancy groups` : ''}, needed by ${served === 1 ? 'one service' : `${served} services`}${services.length ? ` (${shorten(services, 60).join(', ')})` : ''}.`,
    ...(worst ? [`The least available part is ${worst.id}.`] : []),
    ...(spofs.length ? [`Drawn beside it, single points of failure: ${shorten(spofs, 60).join(', ')}.`] : []),
  ].join(' ');
  return {
    id,
    type: 'component',
    kind: kinds.size === 1 ? parts[0]!.kind : 'cluster',
    label: nameCluster(hidden.map((n) => n.id)) ?? (served === 1 && services.length === 1 ? `for ${services[0]}` : `shared by ${served} services`),
    caption: caption || `${hidden.length} redundancy groups`,
    description,
    ...withoutFigures,
    folded: hidden.length,
    summarised: hidden.length,
  };
}

/** The items that fit in about `length` characters, and how many more (never just one more: that one is shown). */
function shorten(items: readonly string[], length: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const item of items) {
    const left = items.length - kept.length;
    if (kept.length > 0 && left > 1 && used + item.length > length) return [...kept, `${left} more`];
    kept.push(item);
    used += item.length + 3;
  }
  return kept;
}

function pluralise(kind: string, count: number): string {
  const word = kind === 'vm' ? 'VM' : kind === 'other' ? 'component' : kind;
  if (count === 1 || word === 'power') return word;
  return /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/**
 * A cluster's name: the run of id words (split at `-`, `_`, `.`, `/`) most of its ids share,
 * longest first, such as "r0-3" for a rack's pdu-r0-3-a, host-r0-3-1 and vm-r0-3-7.
 */
export function nameCluster(ids: readonly string[]): string | undefined {
  const seenIn = new Map<string, number>();
  for (const id of ids) {
    const words = id.split(/[-_./]/).filter(Boolean);
    const runs = new Set<string>();
    for (let start = 0; start < words.length; start++) {
      for (let end = start + 1; end <= Math.min(words.length, start + 3); end++) runs.add(words.slice(start, end).join('-'));
    }
    for (const run of runs) seenIn.set(run, (seenIn.get(run) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [run, count] of seenIn) {
    if (count < ids.length * 0.6 || !/[a-z]/i.test(run)) continue;
    const better = !best || count > seenIn.get(best)! || (count === seenIn.get(best)! && run.length > best.length);
    if (better) best = run;
  }
  return best;
}
