import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { labelPieces, type Labelled } from '../../../server/src/core/parse/labelPieces';
import { maxLabel } from '../../../server/src/core/parse/placement';

const pieces = (labels: readonly number[]): Labelled[] => labels.map((label) => ({ label }));

function assertRising(labels: Float64Array): void {
  for (let i = 0; i < labels.length; i++) {
    assert.ok(Number.isInteger(labels[i]) && labels[i]! >= 1 && labels[i]! <= maxLabel, `label ${labels[i]} at ${i}`);
    if (i > 0) assert.ok(labels[i]! > labels[i - 1]!, `labels fall at ${i}: ${labels[i - 1]} then ${labels[i]}`);
  }
}

describe('labelling pieces', () => {
  it('gives rising labels whatever the pieces had, and keeps labels that already rise', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 }), fc.constant(maxLabel), fc.constant(maxLabel + 5)), { maxLength: 40 }), (before) => {
        const labels = labelPieces(pieces(before));
        assertRising(labels);
        const given = before.filter((label) => label > 0);
        const alreadyRising = given.every((label, i) => label <= maxLabel && (i === 0 || label > given[i - 1]!));
        // Room is short only between small labels; where the pieces without a label fit, every label stays.
        if (alreadyRising && before.every((label) => label > 0)) assert.deepEqual([...labels], before);
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('gives a piece typed between two others the middle of their gap, keystroke after keystroke', () => {
    const first = labelPieces(pieces([0, 0, 0]));
    assertRising(first);
    const typed = labelPieces(pieces([first[0]!, 0, first[1]!, first[2]!]));
    assert.equal(typed[0], first[0]);
    assert.equal(typed[2], first[1]);
    assert.equal(typed[1], first[0]! + Math.floor((first[1]! - first[0]!) / 2));
    // The next keystroke makes another new piece in the same place: the same label.
    assert.deepEqual(labelPieces(pieces([first[0]!, 0, first[1]!, first[2]!])), typed);
  });

  it('keeps the others where one piece moved up past many', () => {
    const labels = [...labelPieces(pieces(Array.from({ length: 50 }, () => 0)))];
    const moved = [labels[40]!, ...labels.slice(0, 40), ...labels.slice(41)];
    const after = labelPieces(pieces(moved));
    assertRising(after);
    assert.deepEqual([...after.slice(1)], [...labels.slice(0, 40), ...labels.slice(41)]);
  });

  it('labels every piece afresh once a gap is used up, and still rises', () => {
    let labels = [...labelPieces(pieces([0, 0]))];
    let afresh = 0;
    for (let i = 0; i < 80; i++) {
      // A new piece right after the first, over and over: each halves the gap before it.
      const next = [...labelPieces(pieces([labels[0]!, 0, ...labels.slice(1)]))];
      assertRising(Float64Array.from(next));
      if (next[0] !== labels[0]) afresh++;
      labels = next;
    }
    assert.ok(afresh >= 1, 'the gap was never used up');
  });
});
