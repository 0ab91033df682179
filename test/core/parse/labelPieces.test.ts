import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { labelPieces, type Labelled } from '../../../server/src/core/parse/labelPieces';
import { firstLabel, labelsEnd } from '../../../server/src/core/parse/placement';

const pieces = (labels: readonly number[], length = 10): Labelled[] => labels.map((label) => ({ label, length }));

/** Labels rise past each piece's end (its text's positions, end included) and stay in range. */
function assertLaidOut(laid: readonly Labelled[], labels: Float64Array | undefined): Float64Array {
  assert.ok(labels, 'no labels');
  for (let i = 0; i < labels.length; i++) {
    assert.ok(Number.isInteger(labels[i]) && labels[i]! >= firstLabel && labels[i]! + laid[i]!.length < labelsEnd, `label ${labels[i]} at ${i}`);
    if (i > 0) assert.ok(labels[i]! > labels[i - 1]! + laid[i - 1]!.length, `piece ${i} at ${labels[i]} overlaps the one before, at ${labels[i - 1]}`);
  }
  return labels;
}

describe('labelling pieces', () => {
  it('lays pieces out in order whatever labels they had, and keeps labels that already do', () => {
    const near = fc.integer({ min: firstLabel - 20, max: firstLabel + 400 });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), near, fc.constant(labelsEnd - 5)), { maxLength: 40 }), (before) => {
        const laid = pieces(before);
        const labels = assertLaidOut(laid, labelPieces(laid));
        const given = laid.filter((piece) => piece.label > 0);
        const alreadyLaidOut = given.every((piece, i) => piece.label >= firstLabel && piece.label + piece.length < labelsEnd && (i === 0 || piece.label > given[i - 1]!.label + given[i - 1]!.length));
        // Where every piece has a label and they are already in order, each keeps its own.
        if (alreadyLaidOut && before.every((label) => label > 0)) assert.deepEqual([...labels], before);
      }),
      { seed: 5, numRuns: 500 },
    );
  });

  it('puts a piece typed between two others in the middle of the room between them', () => {
    const first = assertLaidOut(pieces([0, 0, 0]), labelPieces(pieces([0, 0, 0])));
    const typed = assertLaidOut(pieces([1, 0, 1, 1]), labelPieces(pieces([first[0]!, 0, first[1]!, first[2]!])));
    assert.deepEqual([typed[0], typed[2], typed[3]], [first[0], first[1], first[2]]);
    const room = first[1]! - (first[0]! + 11);
    assert.equal(typed[1], first[0]! + 11 + Math.floor((room - 11) / 2));
  });

  it('keeps the others where one piece moved up past many', () => {
    const labels = [...labelPieces(pieces(Array.from({ length: 50 }, () => 0)))!];
    const moved = [labels[40]!, ...labels.slice(0, 40), ...labels.slice(41)];
    const after = assertLaidOut(pieces(moved), labelPieces(pieces(moved)));
    assert.deepEqual([...after.slice(1)], [...labels.slice(0, 40), ...labels.slice(41)]);
  });

  it('labels every piece afresh once the room in one place is used up, and stays in order', () => {
    let labels = [...labelPieces(pieces([0, 0], 1_000_000))!];
    let afresh = 0;
    for (let i = 0; i < 80; i++) {
      // A new piece right after the first, over and over: each halves the room before it.
      const laid = pieces([labels[0]!, 0, ...labels.slice(1)], 1_000_000);
      const next = [...assertLaidOut(laid, labelPieces(laid))];
      if (next[0] !== labels[0]) afresh++;
      labels = next;
    }
    assert.ok(afresh >= 1, 'the room was never used up');
  });

  it('gives no labels to pieces longer than the whole range', () => {
    assert.equal(labelPieces(pieces([0, 0], labelsEnd)), undefined);
  });
});
