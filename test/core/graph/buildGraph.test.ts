import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildGraph, foldGraph } from '../../../server/src/core';
import { analyse, readFixture } from '../../helpers/core';

const text = `topology: t
components:
  host-1: { kind: hypervisor, mtbf: 20000h, mttr: 8h }
  host-2: { kind: hypervisor, mtbf: 20000h, mttr: 8h }
  vm-a: { kind: vm, mtbf: 5000h, mttr: 1h, requires: [host-1] }
  vm-b: { kind: vm, mtbf: 5000h, mttr: 1h, requires: [host-2] }
  db: { kind: database, availability: 99.9%, replicas: 3, quorum: 2 }
services:
  site:
    requires:
      - { any: [vm-a, vm-b], failover: 30s }
      - { atLeast: 2, of: [db, host-1, host-2] }
`;

describe('the redundancy graph', () => {
  it('has a node per service, component and group, with ids from the topology', () => {
    const graph = buildGraph(analyse(text));
    assert.deepEqual(graph.nodes.map((n) => n.id), ['site', 'site/0', 'site/1', 'host-1', 'host-2', 'vm-a', 'vm-b', 'db']);
    assert.equal(graph.nodes.find((n) => n.id === 'site/0')!.caption, 'any 1 of 2 · failover 30s');
    assert.equal(graph.nodes.find((n) => n.id === 'site/1')!.caption, '2 of 3');
    const db = graph.nodes.find((n) => n.id === 'db')!;
    assert.deepEqual([db.replicas, db.quorum], [3, 2]);
    assert.deepEqual(graph.edges.map((e) => e.id).sort(), ['site->site/0', 'site/0->vm-a', 'site/0->vm-b', 'site->site/1', 'site/1->db', 'site/1->host-1', 'site/1->host-2', 'vm-a->host-1', 'vm-b->host-2'].sort());
    assert.equal(graph.hasErrors, false);
  });

  it('keeps node ids when the file is edited elsewhere', () => {
    const before = buildGraph(analyse(text)).nodes.map((n) => n.id);
    const after = buildGraph(analyse(text.replace('mttr: 8h }', 'mttr: 12h }').replace('topology: t', 'topology: renamed'))).nodes.map((n) => n.id);
    assert.deepEqual(after, before);
  });

  it('folds guests into their hosts past the threshold, keeping their edges on the host', () => {
    const graph = buildGraph(analyse(text));
    // Eight nodes against a threshold of 7: folding the guests is enough, nothing is summarised.
    const folded = foldGraph(graph, new Set(), 7);
    assert.deepEqual(folded.nodes.map((n) => [n.id, n.folded]), [['site', 0], ['site/0', 0], ['site/1', 0], ['host-1', 1], ['host-2', 1], ['db', 0]]);
    assert.ok(folded.edges.some((e) => e.source === 'site/0' && e.target === 'host-1'));
    const expanded = foldGraph(graph, new Set(['host-1']), 7);
    assert.ok(expanded.nodes.some((n) => n.id === 'vm-a'));
    assert.ok(!expanded.nodes.some((n) => n.id === 'vm-b'));
  });

  it('shows a failover’s switch success with a dashed edge to what the switch needs, common causes and maintenance', () => {
    const graph = buildGraph(analyse(readFixture('lsp', 'version2.ha.yaml').replace(/\{\|[\w-]+\|\}/g, '') + 'commonCause:\n  - id: psu-batch\n    members: [host-1, host-2]\n    beta: 3%\n'));
    const group = graph.nodes.find((n) => n.id === 'vm/0')!;
    // 98% times the HA manager's availability with its own host, independent of host-1.
    assert.equal(group.caption, 'any 1 of 2 · failover 2m · works 98.0%');
    assert.deepEqual(graph.edges.filter((e) => e.style === 'switch').map((e) => [e.source, e.target]), [['vm/0', 'ha-manager']]);
    const tie = graph.nodes.find((n) => n.id === 'common-cause/psu-batch')!;
    assert.equal(tie.caption, 'common cause psu-batch · β 3%');
    assert.deepEqual(graph.edges.filter((e) => e.style === 'common-cause').map((e) => e.source), ['host-1', 'host-2']);
    assert.match(graph.nodes.find((n) => n.id === 'host-1')!.caption, / · maint\. 30m\/30d$/);
    assert.match(graph.nodes.find((n) => n.id === 'disk')!.caption, / · β 5%$/);
  });

  it('shows the switch success before the fixes are ranked, as the preview asks for it while typing', () => {
    const first = analyse(readFixture('lsp', 'version2.ha.yaml').replace(/\{\|[\w-]+\|\}/g, ''), { diagnosticsFirst: true });
    assert.deepEqual(first.services!.find((s) => s.id === 'web')!.failovers, [], 'the services leave their switchovers for the ranking');
    const graph = buildGraph(first.withComponents!());
    assert.equal(graph.nodes.find((n) => n.id === 'vm/0')!.caption, 'any 1 of 2 · failover 2m · works 98.0%');
  });
});
