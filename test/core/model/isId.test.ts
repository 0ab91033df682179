import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isId } from '../../../server/src/core/model/isId';
import { repoRoot } from '../../helpers/core';

/** The id pattern the schema gives, read from the schema itself so that the two cannot drift apart. */
function readIdPattern(): RegExp {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'topology.schema.json'), 'utf8')) as { definitions: { id: { pattern: string } } };
  return new RegExp(schema.definitions.id.pattern);
}

describe('isId', () => {
  it("agrees with the schema's id pattern on any text, and on texts made of the characters near its edges", () => {
    const pattern = readIdPattern();
    const edgy = fc.string({ unit: fc.constantFrom('a', 'Z', 'z', 'A', '0', '9', '_', '.', '-', '@', '[', '`', '{', '/', ':', ' ', '\n', 'é'), maxLength: 8 });
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), edgy), (text) => isId(text) === pattern.test(text)), { numRuns: 5000 });
    for (const text of ['', 'a', 'web-1', 'db.primary_2', '1a', '-a', 'a b', 'a\n', 'ä']) assert.equal(isId(text), pattern.test(text), text);
  });
});
