import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureNode, type ViewNode } from '../../../server/src/core';

const disks: ViewNode = {
  id: 'san-disks',
  type: 'component',
  label: 'san-disks',
  kind: 'disk',
  caption: '99.999920% · β 2%',
  availability: 0.9999992,
  unavailability: 0.0000008,
  downtimeMinutesPerYear: 0.4,
  spofFor: [],
  meetsSla: null,
  replicas: 8,
  quorum: 6,
  folded: 0,
};

describe('node sizes', () => {
  it('leave room for the quorum a replicated node draws after its caption', () => {
    // The caption is drawn as "99.999920% · β 2% · quorum 6": the box must be as wide as
    // that, not as the caption alone (the quorum ran over the box's edge).
    const withQuorum = measureNode(disks).width;
    const captionAlone = measureNode({ ...disks, quorum: 1 }).width;
    assert.ok(withQuorum > captionAlone, `${withQuorum} px against ${captionAlone} px`);
    // 7.6 px a character at 90%, 30 px of icon and 10 of margin: about 168 px for 28 characters.
    assert.ok(withQuorum >= '99.999920% · β 2% · quorum 6'.length * 7.6 * 0.9 + 40, `${withQuorum} px`);
  });
});
