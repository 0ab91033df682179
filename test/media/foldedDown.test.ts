import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ViewGraph, ViewNode } from '../../server/src/core';
import { addFoldedDown } from '../../media/src/foldedDown';

const node = (id: string, summarised?: number): ViewNode => ({
  id,
  type: 'component',
  label: id,
  kind: 'vm',
  caption: '',
  availability: null,
  unavailability: null,
  downtimeMinutesPerYear: null,
  spofFor: [],
  meetsSla: null,
  replicas: 1,
  quorum: 1,
  folded: summarised ?? 0,
  ...(summarised ? { summarised } : {}),
});

describe('what-if on a folded picture', () => {
  // Two clusters: a and b folded into cluster:a, c and d into cluster:c, and cluster:c
  // folded on into the summary fold:c (so c and d are shown as fold:c).
  const view: ViewGraph = {
    nodes: [node('cluster:a', 2), node('fold:c', 2), node('host')],
    edges: [],
    shownAs: new Map([
      ['a', 'cluster:a'],
      ['b', 'cluster:a'],
      ['c', 'fold:c'],
      ['d', 'fold:c'],
      ['cluster:c', 'fold:c'],
      ['vm-1', 'host'],
    ]),
  };
  const file = ['a', 'b', 'c', 'd', 'host', 'vm-1'].map((id) => ({ id }));

  it('paints a cluster or summary down when every node folded into it is', () => {
    assert.deepEqual([...addFoldedDown(new Set(['a', 'b', 'c', 'd']), view, file)].sort(), ['a', 'b', 'c', 'cluster:a', 'd', 'fold:c']);
  });

  it('leaves it up when one of them is up, and never paints a host for its guests', () => {
    assert.deepEqual([...addFoldedDown(new Set(['a', 'c', 'vm-1']), view, file)].sort(), ['a', 'c', 'vm-1']);
  });
});
