import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, it } from 'node:test';
import fc from 'fast-check';
import { analyseDocument, createSchemaValidator } from '../../server/src/core';
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
  const isValid = loadSchemaCheck();
  const explaining = createSchemaValidator(loadSchema());
  // The check's last answer, to compare with ajv's.
  let answer: boolean | undefined;
  const quick = createSchemaValidator(loadSchema(), (data) => (answer = isValid!(data)));
  const texts = listTopologies();

  it('is built, and agrees with ajv on every example and fixture and on mutations of them', () => {
    assert.ok(isValid, 'dist/checkTopology.js is missing: the build writes it');
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
});
