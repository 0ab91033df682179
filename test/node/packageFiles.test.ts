import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { analyseDocument, createSchemaValidator, IncrementalParser } from '../../server/src/core';
import type { SyntaxNode } from '../../server/src/core/parse/syntax';
import { loadSchema, loadSchemaCheck } from '../../server/src/node/packageFiles';
import { repoRoot } from '../helpers/core';
import { applyMutation } from '../helpers/mutate';
import { mutationArbitrary } from '../helpers/mutationArbitrary';

/** Every topology text the repository holds: the examples and the diagnostic and CLI fixtures. */
function listTopologies(): string[] {
  const folders = ['examples', 'test/fixtures/diagnostics', 'test/fixtures/cli', 'test/fixtures/lsp'];
  return folders.flatMap((folder) =>
    readdirSync(join(repoRoot, folder), { recursive: true })
      .map(String)
      .filter((name) => /\.ha\.ya?ml$/.test(name))
      .map((name) => readFileSync(join(repoRoot, folder, name), 'utf8')),
  );
}

suite('the schema check compiled ahead of time', () => {
  const checks = loadSchemaCheck();
  const explaining = createSchemaValidator(loadSchema());
  // The check's last answer, to compare with ajv's.
  let answer: boolean | undefined;
  const quick = createSchemaValidator(loadSchema(), { document: (data) => (answer = checks!.document(data)) });
  const texts = listTopologies();

  it('is built, and agrees with ajv on every example and fixture and on mutations of them', () => {
    assert.ok(checks, 'dist/checkTopology.js is missing: the build writes it');
    assert.ok(texts.length >= 20, `only ${texts.length} topology files found`);
    let valid = 0;
    let invalid = 0;
    const compare = (text: string) => {
      const root = analyseDocument(text, { validator: explaining, analyse: false }).root;
      if (root === undefined) return;
      const errors = explaining.validate(root);
      answer = undefined;
      // With the check in front, the diagnostics are the same: errors are still explained by ajv.
      assert.deepEqual(quick.validate(root), errors);
      assert.equal(answer, errors.length === 0, `the check and ajv disagree on:\n${text}`);
      if (errors.length === 0) valid++;
      else invalid++;
    };
    texts.forEach(compare);
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (index, mutations) => {
        compare(mutations.reduce(applyMutation, texts[index]!));
      }),
      { seed: 27, numRuns: 1500 },
    );
    // Both answers must be well represented for the agreement to mean something.
    assert.ok(valid >= 100 && invalid >= 100, `${valid} valid and ${invalid} invalid documents compared`);
  });

  it('checks entries one by one, remembering them across edits, with the same diagnostics as ajv on the whole document', () => {
    // Documents parsed by one IncrementalParser through a sequence of edits, as in the editor:
    // entries an edit did not touch come from the same pieces, and their verdicts are reused.
    const entrywise = createSchemaValidator(loadSchema(), checks);
    let reusedPieces = 0;
    let invalid = 0;
    // Sections given again as the same node, whose pruned data is reused whole.
    let keptSections = 0;
    const sectionsOf = (root: SyntaxNode | undefined) => (root?.kind === 'map' ? root.entries.filter((e) => e.key === 'components' || e.key === 'services').map((e) => e.value) : []);
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), (index, mutations) => {
        const parser = new IncrementalParser();
        let text = texts[index]!;
        let last: SyntaxNode | undefined;
        for (const mutation of [undefined, ...mutations]) {
          if (mutation) text = applyMutation(text, mutation);
          const root = parser.parse(text).root;
          reusedPieces += parser.lastRun.piecesReused;
          const before = new Set(sectionsOf(last));
          keptSections += sectionsOf(root).filter((section) => section && before.has(section)).length;
          last = root;
          if (root === undefined) continue;
          const errors = explaining.validate(root);
          if (errors.length > 0) invalid++;
          assert.deepEqual(entrywise.validate(root), errors, `after ${mutations.length} edits:\n${text}`);
        }
      }),
      { seed: 28, numRuns: 80 },
    );
    assert.ok(reusedPieces >= 500 && invalid >= 50 && keptSections >= 50, `${reusedPieces} pieces reused, ${keptSections} sections kept, ${invalid} invalid documents compared`);
  });
});
