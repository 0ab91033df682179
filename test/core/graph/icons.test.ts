import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { kindIcons } from '../../../server/src/core';
import { repoRoot } from '../../helpers/core';

describe('the icons of the diagram', () => {
  it('use the code points @vscode/codicons gives their names', () => {
    const css = readFileSync(join(repoRoot, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css'), 'utf8');
    for (const [kind, icon] of kindIcons) {
      const match = new RegExp(`\\.codicon-${icon.name}:before \\{ content: "\\\\([0-9a-f]+)"`).exec(css);
      assert.ok(match, `codicon-${icon.name} (for ${kind}) exists`);
      assert.equal(icon.codePoint, parseInt(match[1]!, 16), `code point of ${icon.name}`);
    }
  });
});
