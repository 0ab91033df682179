import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildGraph, foldGraph, type ViewGraph } from '../../../server/src/core';
import type { DrawableNode } from '../../../server/src/core/graph/viewGraph';
import { generateDataCentre } from '../../../bench/generate';
import { analyse } from '../../helpers/core';

type Model = Parameters<typeof foldGraph>[0];

/** The ids of a drawn graph in an order where each comes before what it requires, or undefined on a cycle. */
function sortRequirersFirst(graph: ViewGraph): string[] | undefined {
  const incoming = new Map(graph.nodes.map((n) => [n.id, 0]));
  for (const edge of graph.edges) incoming.set(edge.target, incoming.get(edge.target)! + 1);
  const ready = graph.nodes.filter((n) => incoming.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const edge of graph.edges.filter((e) => e.source === id)) {
      incoming.set(edge.target, incoming.get(edge.target)! - 1);
      if (incoming.get(edge.target) === 0) ready.push(edge.target);
    }
  }
  return order.length === graph.nodes.length ? order : undefined;
}

/** What every folded picture must keep: each node drawn or shown as a drawn node, each edge drawn, the findings in sight. */
function assertFaithful(model: Model, view: ViewGraph): void {
  const drawn = new Set(view.nodes.map((n) => n.id));
  assert.equal(drawn.size, view.nodes.length, 'no node is drawn twice');
  const shown = (id: string) => (drawn.has(id) ? id : view.shownAs?.get(id));
  for (const node of model.nodes) {
    const as = shown(node.id);
    assert.ok(as !== undefined && drawn.has(as), `${node.id} is drawn or folded into a drawn node`);
    if (node.type === 'service' || node.spofFor.length > 0 || node.meetsSla === false) assert.equal(as, node.id, `${node.id} stays in sight`);
  }
  const edges = new Set(view.edges.map((e) => `${e.source}>${e.target}`));
  for (const edge of view.edges) assert.ok(drawn.has(edge.source) && drawn.has(edge.target) && edge.source !== edge.target, edge.id);
  for (const edge of model.edges) {
    const [source, target] = [shown(edge.source)!, shown(edge.target)!];
    if (source !== target) assert.ok(edges.has(`${source}>${target}`), `${edge.id} is drawn as ${source} → ${target}`);
  }
}

describe('a graph too large to draw whole', () => {
  const text = generateDataCentre(1000);
  const graph = buildGraph(analyse(text));

  it('opens as clusters of what the parts share, one per rack and one for the room, with services and single points of failure in sight', () => {
    const view = foldGraph(graph, new Set(), 400);
    assert.ok(view.nodes.length < graph.nodes.length / 4, `${view.nodes.length} of ${graph.nodes.length} nodes drawn`);
    assertFaithful(graph, view);
    assert.ok(sortRequirersFirst(view), 'the picture has no cycle');
    const byId = new Map(view.nodes.map((n) => [n.id, n]));
    // Rack r0-3: its VMs, the hosts that are no single point of failure and its load balancer
    // above the rack's switch; its two PDUs below it, apart.
    const rack = byId.get(view.shownAs!.get('vm-r0-3-0')!)!;
    assert.equal(rack.label, 'r0-3');
    assert.match(rack.caption, /^12 VMs · [1-4] servers? · 1 load-balancer$/);
    assert.equal(view.shownAs!.get('lb-r0-3'), rack.id);
    assert.match(rack.description!, /needed by 2 services \(web-r0-3, app-r0-3\)/);
    assert.match(rack.description!, /single points of failure: tor-r0-3/);
    const pdus = byId.get(view.shownAs!.get('pdu-r0-3-a')!)!;
    assert.equal(view.shownAs!.get('pdu-r0-3-b'), pdus.id);
    assert.notEqual(pdus.id, rack.id);
    assert.deepEqual([pdus.label, pdus.caption], ['r0-3', '2 power']);
    assert.ok(byId.has('tor-r0-3') && byId.has('web-r0-3') && byId.has('app-r0-3'));
    // The room's power, core switch and database serve every service: one cluster, named so.
    const services = graph.nodes.filter((n) => n.type === 'service').length;
    const room = byId.get(view.shownAs!.get('grid-0')!)!;
    assert.equal(room.label, `shared by ${services} services`);
    for (const id of ['gen-0', 'ups-0-a', 'core-0', 'db-0']) assert.equal(view.shownAs!.get(id), room.id, id);
    assert.match(room.caption, /^4 power · 1 database · 1 switch$/);
  });

  it('opens one cluster at a time, and keeps cluster ids across an edit elsewhere', () => {
    const view = foldGraph(graph, new Set(), 400);
    const rack = view.shownAs!.get('vm-r0-3-0')!;
    const opened = foldGraph(graph, new Set([rack]), 400);
    assertFaithful(graph, opened);
    const drawn = new Set(opened.nodes.map((n) => n.id));
    for (const [id, cluster] of view.shownAs!) if (cluster === rack) assert.ok(drawn.has(id), `${id} is drawn once its cluster is open`);
    assert.ok(!drawn.has(rack));
    assert.equal(opened.shownAs!.get('vm-r0-4-0'), view.shownAs!.get('vm-r0-4-0'), 'other racks stay folded');
    const edited = foldGraph(buildGraph(analyse(text.replace('topology: Generated data centre', 'topology: Renamed').replace('mttr: 30m', 'mttr: 40m'))), new Set(), 400);
    assert.deepEqual(edited.nodes.map((n) => n.id), view.nodes.map((n) => n.id));
  });

  it('keeps every node, every link and every finding in any graph, and adds no cycle (property)', () => {
    const arbitraryModel = fc
      .record({
        services: fc.integer({ min: 1, max: 8 }),
        components: fc.integer({ min: 1, max: 50 }),
        links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 150 }),
        marked: fc.array(fc.integer({ min: 0, max: 57 }), { maxLength: 12 }),
        kinds: fc.array(fc.constantFrom('vm', 'server', 'power', 'switch'), { minLength: 1, maxLength: 5 }),
      })
      .map(({ services, components, links, marked, kinds }): Model => {
        const size = services + components;
        const node = (i: number): DrawableNode => {
          const service = i < services;
          const mark = marked.includes(i) && !service;
          return {
            id: service ? `s${i}` : `c-${i % 5}-${i}`,
            type: service ? 'service' : i % 7 === 0 ? 'group' : 'component',
            label: `n${i}`,
            kind: kinds[i % kinds.length]!,
            caption: '',
            availability: 0.999,
            unavailability: 0.001,
            downtimeMinutesPerYear: 525,
            spofFor: mark && i % 2 === 0 ? ['s0'] : [],
            meetsSla: mark && i % 2 === 1 ? false : null,
            replicas: 1,
            quorum: 1,
          };
        };
        const nodes = Array.from({ length: size }, (_, i) => node(i));
        // Links only go from a lower index to a higher one, so the model has no cycle.
        const edges = new Map<string, Model['edges'][number]>();
        for (const [a, b] of links) {
          const [from, to] = [a % size, b % size].sort((x, y) => x - y) as [number, number];
          if (from === to || to < services) continue;
          const id = `${nodes[from]!.id}->${nodes[to]!.id}`;
          edges.set(id, { id, source: nodes[from]!.id, target: nodes[to]!.id });
        }
        return { nodes, edges: [...edges.values()] };
      });
    let clustered = 0;
    fc.assert(
      fc.property(arbitraryModel, (model) => {
        // A threshold of 0 runs every stage: guests, clusters and copies.
        const view = foldGraph(model, new Set(), 0);
        assertFaithful(model, view);
        assert.ok(sortRequirersFirst(view), 'the picture has no cycle');
        if (view.nodes.length < model.nodes.length) clustered++;
      }),
      { numRuns: 300 },
    );
    assert.ok(clustered > 100, `${clustered} of 300 graphs were folded at all`);
  });
});
