import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyse, readFixture, repoRoot } from '../helpers/core';
import { compareDiagnostics, readExpectations } from '../helpers/expectations';

// Every fixture states its expected diagnostics inline; see test/helpers/expectations.ts.
const folder = join(repoRoot, 'test', 'fixtures', 'diagnostics');

describe('diagnostics fixtures', () => {
  for (const name of readdirSync(folder).filter((f) => /\.ha\.ya?ml$/.test(f)).sort()) {
    it(name, () => {
      const text = readFixture('diagnostics', name);
      const { expectations, ignored } = readExpectations(text);
      const problems = compareDiagnostics(text, expectations, analyse(text).diagnostics, ignored);
      assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
    });
  }
});
