import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IncrementalParser } from '../../../server/src/core/parse/parseIncrementally';
import { Placement } from '../../../server/src/core/parse/placement';
import { parseYaml, type ParseResult } from '../../../server/src/core/parse/parseYaml';
import { generateDataCentre } from '../../../bench/generate';
import { repoRoot } from '../../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const fixtures = readdirSync(join(repoRoot, 'test', 'fixtures', 'diagnostics')).map((name) => readFileSync(join(repoRoot, 'test', 'fixtures', 'diagnostics', name), 'utf8'));

/**
 * A parse in pieces with its positions turned into text offsets (see Placement), to compare
 * with a whole parse; a whole parse comes back as it is.
 */
function inOffsets(result: ParseResult): ParseResult {
  const placement = result.placement ?? Placement.identity;
  return { root: result.root && placement.placeNode(result.root), diagnostics: placement.placeDiagnostics(result.diagnostics), ...(result.sharedSpans ? { sharedSpans: result.sharedSpans.map((span) => placement.spanOf(span)) } : {}) };
}

describe('parsing in pieces', () => {
  it('gives the same tree and diagnostics as one whole parse', () => {
    const parser = new IncrementalParser();
    const emptySection = example.replace('\ncomponents:\n', '\ncomponents:\ncomponents:\n');
    for (const text of [example, emptySection, ...fixtures, generateDataCentre(300), '', 'topology: x\n', '# only a comment\n', 'services:\n  # none yet\n']) {
      assert.deepEqual(inOffsets(parser.parse(text)), parseYaml(text));
    }
  });

  it('stays equal to a whole parse through random edits of the example', () => {
    const parser = new IncrementalParser();
    const lines = example.split('\n');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ line: fc.nat(lines.length - 1), action: fc.constantFrom('delete', 'duplicate', 'indent', 'garbage', 'rename'), text: fc.string({ maxLength: 6 }) }),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const edited = [...lines];
          for (const edit of edits) {
            const at = Math.min(edit.line, edited.length - 1);
            if (edit.action === 'delete') edited.splice(at, 1);
            else if (edit.action === 'duplicate') edited.splice(at, 0, edited[at]!);
            else if (edit.action === 'indent') edited[at] = `  ${edited[at]}`;
            else if (edit.action === 'garbage') edited[at] = `${edited[at]}${edit.text}`;
            else edited[at] = edited[at]!.replace(/[a-z]+/, edit.text.replace(/[^a-z]/g, '') || 'x');
          }
          const text = edited.join('\n');
          assert.deepEqual(inOffsets(parser.parse(text)), parseYaml(text));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reuses the pieces an edit did not touch', () => {
    const parser = new IncrementalParser();
    const text = generateDataCentre(2000);
    parser.parse(text);
    const first = parser.lastRun;
    assert.equal(first.piecesReused, 0);
    assert.ok(first.piecesParsed > 2000, `${first.piecesParsed} pieces`);
    const edited = text.replace('mttr: 2h', 'mttr: 3h');
    const result = parser.parse(edited);
    assert.deepEqual(inOffsets(result), parseYaml(edited));
    // Counted, not timed: only the edited entry is split and parsed again.
    const entry = /\n( {2}[\w-]+: \{[^\n]*mttr: 3h[^\n]*\n)/.exec(edited)![1]!;
    assert.deepEqual(parser.lastRun, { piecesParsed: 1, piecesReused: first.piecesParsed - 1, charactersSplit: entry.length });
  });

  it('stays equal to a whole parse through random keystrokes, re-splitting only around them', () => {
    const parser = new IncrementalParser();
    const start = generateDataCentre(20);
    let text = start;
    let windows = 0;
    let runs = 0;
    // Keystrokes that make and break the lines pieces are told apart by: line breaks,
    // indentation, keys, comments and section headers.
    const typed = fc.constantFrom('\n', ' ', '  ', 'x', 'vm-9: { kind: vm }\n', '\n  db-9: { kind: database }', '\nservices:\n', '\ncomponents:\n', '# note\n', ':', '\nsla: 99%\n', '\n    mttr: 2h', '{', '\t');
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(), remove: fc.nat(12), insert: typed, reset: fc.boolean() }), { minLength: 1, maxLength: 6 }), (edits) => {
        for (const edit of edits) {
          if (edit.reset && edit.at % 7 === 0) text = start;
          const at = edit.at % (text.length + 1);
          text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
          assert.deepEqual(inOffsets(parser.parse(text)), parseYaml(text));
          runs++;
          if (parser.lastRun.charactersSplit < text.length / 2) windows++;
        }
      }),
      { seed: 11, numRuns: 40 },
    );
    // Most keystrokes are re-split around themselves; the rest split the whole text.
    assert.ok(windows > runs / 2, `${windows} of ${runs} re-split around the edit`);
  });

  it('gives the same entries again where an edit changed nothing, moved or not', () => {
    const parser = new IncrementalParser();
    const text = generateDataCentre(200);
    const entriesOf = (root: ReturnType<IncrementalParser['parse']>['root']) => {
      const components = root?.kind === 'map' ? root.entries.find((entry) => entry.key === 'components')?.value : undefined;
      return components?.kind === 'map' ? components.entries : [];
    };
    const first = parser.parse(text);
    const before = entriesOf(first.root);
    // The same length: nothing after the edit moves. Then one character more: everything after it moves.
    const at = first.placement!.offsetOf(before[100]!.keySpan.start);
    const sameLength = text.slice(0, at) + text.slice(at).replace(/mttr: (\d)h/, (_, d) => `mttr: ${(+d % 9) + 1}h`);
    const edited = parser.parse(sameLength);
    assert.deepEqual(inOffsets(edited), parseYaml(sameLength));
    const same = entriesOf(edited.root);
    const kept = same.filter((entry, i) => entry === before[i]).length;
    assert.equal(kept, before.length - 1, 'every entry but the edited one is the same object');
    const longer = text.slice(0, at) + text.slice(at).replace(/mttr: (\d)h/, 'mttr: 10h');
    const moved = parser.parse(longer);
    assert.deepEqual(inOffsets(moved), parseYaml(longer));
    const shifted = entriesOf(moved.root);
    const editAt = at + text.slice(at).search(/mttr: \dh/);
    const edited2 = shifted.findIndex((entry) => moved.placement!.offsetOf(entry.keySpan.start) <= editAt && editAt < moved.placement!.offsetOf(entry.value?.span.end ?? 0));
    assert.ok(edited2 >= 100, `the edit lies in entry ${edited2}`);
    assert.ok(shifted.every((entry, i) => (entry === same[i]) === (i !== edited2)), 'every entry but the edited one is the same object, those after it moved');
    assert.equal(moved.placement!.offsetOf(shifted[edited2 + 1]!.keySpan.start), edited.placement!.offsetOf(same[edited2 + 1]!.keySpan.start) + 1, 'and the placement moves them');
  });

  it('stays equal to a whole parse while new entries typed in one place use up the labels there', () => {
    const parser = new IncrementalParser();
    let text = generateDataCentre(20);
    const firstEntry = (root: ReturnType<IncrementalParser['parse']>['root']) => (root?.kind === 'map' ? root.entries[0] : undefined);
    let first = firstEntry(parser.parse(text).root);
    let relabelled = 0;
    for (let i = 0; i < 40; i++) {
      // Each new component goes right after the first one, between the same two neighbours.
      const at = text.indexOf('\n', text.indexOf('\ncomponents:\n') + 1) + 1;
      text = `${text.slice(0, text.indexOf('\n', at) + 1)}  new-${i}: { kind: vm }\n${text.slice(text.indexOf('\n', at) + 1)}`;
      const result = parser.parse(text);
      assert.deepEqual(inOffsets(result), parseYaml(text), `after ${i + 1} new entries`);
      const now = firstEntry(result.root);
      // The top entry (its text unchanged) is a new object only when every piece was labelled afresh.
      if (now !== first) relabelled++;
      first = now;
    }
    assert.ok(relabelled >= 1, 'the labels between the two entries were never used up');
  });

  it('parses whole a text where one piece has something pieces could misread', () => {
    const text = generateDataCentre(50);
    const at = text.indexOf('  vm-');
    const spoilers = ['\t', ' &anchor', ' *alias', ' !tag', ' |', ' "open\n  quote"', ' "open\n  vm-zzz: x"', " 'open\nnext: 'x", ' [open\n  vm-zzz: ]', " Customers' websites", ' # it\'s "fine', '\n---\n', '\n  ? complex\n'];
    for (const spoiler of spoilers) {
      const parser = new IncrementalParser();
      parser.parse(text);
      const lineEnd = text.indexOf('\n', at);
      const spoiled = text.slice(0, lineEnd) + spoiler + text.slice(lineEnd);
      assert.deepEqual(inOffsets(parser.parse(spoiled)), parseYaml(spoiled), JSON.stringify(spoiler));
      // And before the first key, where no piece holds it.
      const before = `#\r${spoiler.trim()}\n${text}`;
      assert.deepEqual(inOffsets(parser.parse(before)), parseYaml(before), `before the first key: ${JSON.stringify(spoiler)}`);
    }
  });
});
