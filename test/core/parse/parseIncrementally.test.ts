import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IncrementalParser } from '../../../server/src/core/parse/parseIncrementally';
import { parseYaml } from '../../../server/src/core/parse/parseYaml';
import { generateDataCentre } from '../../../bench/generate';
import { repoRoot } from '../../helpers/core';

const example = readFileSync(join(repoRoot, 'examples', 'hosting-company.ha.yaml'), 'utf8');
const fixtures = readdirSync(join(repoRoot, 'test', 'fixtures', 'diagnostics')).map((name) => readFileSync(join(repoRoot, 'test', 'fixtures', 'diagnostics', name), 'utf8'));

describe('parsing in pieces', () => {
  it('gives the same tree and diagnostics as one whole parse', () => {
    const parser = new IncrementalParser();
    for (const text of [example, ...fixtures, generateDataCentre(300), '', 'topology: x\n', '# only a comment\n']) {
      assert.deepEqual(parser.parse(text), parseYaml(text));
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
          assert.deepEqual(parser.parse(text), parseYaml(text));
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
    assert.deepEqual(result, parseYaml(edited));
    // Counted, not timed: only the edited entry is parsed again.
    assert.deepEqual(parser.lastRun, { piecesParsed: 1, piecesReused: first.piecesParsed - 1 });
  });
});
