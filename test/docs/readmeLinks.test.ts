import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/core';

describe('the documentation', () => {
  for (const document of ['README.md', 'docs/format.md', 'CHANGELOG.md']) {
    it(`${document}: every relative link resolves inside the repository`, () => {
      const text = readFileSync(join(repoRoot, document), 'utf8');
      // Links in code blocks are examples, not links.
      const prose = text.replace(/```[\s\S]*?```/g, '');
      const links = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z][a-z+.-]*:/i.test(link) && !link.startsWith('#'));
      if (document === 'README.md') assert.ok(links.length >= 3, 'the README links to its images and the format documentation');
      const folder = join(repoRoot, document, '..');
      for (const link of links) {
        const path = decodeURIComponent(link.replace(/#.*$/, ''));
        assert.ok(existsSync(join(folder, path)), `${document} links to ${link}, which is not in the repository`);
      }
    });
  }
});
