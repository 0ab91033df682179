import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';
import { findStronglyConnected } from '../util/findStronglyConnected';
import { indexLinks, linksOf, type LinkIndex } from './indexLinks';
import { findEntity, forEachReference, type Entity, type Reference, type Topology } from './types';

interface Edge {
  readonly to: string;
  readonly span: Span;
}

/**
 * Names every dependency cycle: for each strongly connected group of ids one diagnostic,
 * at the first link of the cycle, spelling out the whole cycle and pointing at each
 * link.
 */
export function findCycles(topology: Topology, links: LinkIndex = indexLinks(topology)): Diagnostic[] {
  // The walk needs only numbers; the spans of the links are read again for cycles alone.
  const numbers = links.entities.map((_, i) => i);
  return findStronglyConnected(numbers, (i) => linksOf(links, i))
    .filter((group) => group.length > 1 || linksOf(links, group[0]!).includes(group[0]!))
    .map((group) => describeCycle(group.map((i) => links.entities[i]!.id), topology));
}

/** The links out of each id of a group, with where each is written. */
function listEdges(group: readonly string[], topology: Topology): Map<string, Edge[]> {
  const edges = new Map<string, Edge[]>();
  for (const id of group) {
    const out: Edge[] = [];
    // A service wins over a component of the same id, as in the walk (services come second).
    forEachLink(topology, (topology.services.get(id) ?? topology.components.get(id))!, (ref) => out.push({ to: ref.id, span: ref.span }));
    edges.set(id, out);
  }
  return edges;
}

/** Visits an entity's references to ids the file defines: its links in the dependency graph. */
function forEachLink(topology: Topology, entity: Entity, visit: (ref: Reference) => void): void {
  forEachReference(entity.requires, (ref) => {
    if (findEntity(topology, ref.id)) visit(ref);
  });
}

function describeCycle(group: readonly string[], topology: Topology): Diagnostic {
  const members = new Set(group);
  const edges = listEdges(group, topology);
  // Start from the id defined first in the file, so the message does not depend on traversal order.
  const start = [...group].sort((a, b) => findEntity(topology, a)!.idSpan.start - findEntity(topology, b)!.idSpan.start)[0]!;
  const path = findPathBack(start, members, edges);
  const names = [...path.map((step) => step.from), start];
  // Files usually list infrastructure bottom-up, so the link out of the earliest-defined id
  // is the likeliest to point the wrong way; the diagnostic sits there.
  const first = path[0]!;
  return {
    code: 'dependency-cycle',
    severity: 'error',
    message: `Dependency cycle: ${names.join(' → ')}. Nothing in a cycle can be analysed; break one link.`,
    span: first.edge.span,
    related: path.map((step) => ({ span: step.edge.span, message: `${step.from} requires ${step.edge.to}` })),
  };
}

/** Breadth-first search inside the group for the shortest way from `start` back to itself. */
function findPathBack(start: string, members: ReadonlySet<string>, edges: Map<string, Edge[]>): { from: string; edge: Edge }[] {
  const previous = new Map<string, { from: string; edge: Edge }>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const edge of edges.get(id)!) {
      if (!members.has(edge.to)) continue;
      if (edge.to === start) {
        const path = [{ from: id, edge }];
        let at = id;
        while (at !== start) {
          const step = previous.get(at)!;
          path.unshift(step);
          at = step.from;
        }
        return path;
      }
      if (!previous.has(edge.to)) {
        previous.set(edge.to, { from: id, edge });
        queue.push(edge.to);
      }
    }
  }
  return [];
}
