import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resplitEdit, splitText, type Split } from '../../../server/src/core/parse/splitPieces';
import { generateDataCentre } from '../../../bench/generate';
import { repoRoot } from '../../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');

/** A split without the count of what it looked at, which differs by how it was made. */
const piecesOf = (split: Split | undefined) => split && { text: split.text, top: split.top };

// Keystrokes that make and break the lines pieces are told apart by: line breaks,
// indentation, keys, comments, section headers and tabs.
const keystroke = fc.constantFrom('\n', ' ', '  ', 'x', '-', 'vm-9: { kind: vm }\n', '\n  db-9: { kind: database }', '\nservices:\n', '\ncomponents:\n', '# note\n', '#', ':', '\nsla: 99%\n', '\n    mttr: 2h', '\t', '\r\n');

describe('splitting a text into pieces', () => {
  it('re-splits around an edit exactly as a whole split would, or declines', () => {
    for (const start of [generateDataCentre(20), example]) {
      let windows = 0;
      let edits = 0;
      fc.assert(
        fc.property(fc.array(fc.record({ at: fc.nat(), remove: fc.nat(12), insert: keystroke }), { minLength: 1, maxLength: 8 }), (steps) => {
          // Each run types into the text as it stands at first.
          let previous = splitText(start);
          let text = start;
          for (const step of steps) {
            const at = step.at % (text.length + 1);
            text = text.slice(0, at) + step.insert + text.slice(at + step.remove);
            const whole = splitText(text);
            const resplit = previous && resplitEdit(previous, text);
            if (resplit) {
              windows++;
              assert.deepEqual(piecesOf(resplit), piecesOf(whole));
              assert.ok(resplit.splitChars <= text.length);
            }
            if (previous && whole) edits++;
            previous = whole;
          }
        }),
        { seed: 5, numRuns: 300 },
      );
      // Most keystrokes between texts that split are re-split around themselves (counted, so
      // the test is known to check that path).
      assert.ok(windows > edits / 2, `${windows} of ${edits} re-split around the edit`);
    }
  });

  it('looks only at the entries an edit touched', () => {
    const text = generateDataCentre(500);
    const before = splitText(text)!;
    const line = /\n( {2}vm-r0-3-2: [^\n]*\n)/.exec(text)![1]!;
    const typed = text.replace(line, line.replace('kind: vm', 'kind: vm, mttr: 2h'));
    const after = resplitEdit(before, typed)!;
    assert.equal(after.splitChars, line.length + ', mttr: 2h'.length);
    assert.deepEqual(piecesOf(after), piecesOf(splitText(typed)));
    // A change to the defaults and a new top-level key: the pieces between them are re-split.
    const top = typed.replace('vm: { mtbf: 8760h, mttr: 30m }', 'vm: { mtbf: 8760h, mttr: 31m }').replace('sla: 99.9%\n', 'sla: 99.9%\nedit-1: 1\n');
    const both = resplitEdit(after, top)!;
    assert.ok(both.splitChars < 200, `${both.splitChars} characters`);
    assert.deepEqual(piecesOf(both), piecesOf(splitText(top)));
    // An edit to a section's header splits the whole text.
    assert.equal(resplitEdit(both, top.replace('\ncomponents:\n', '\ncomponents: # all\n')), undefined);
  });
});
