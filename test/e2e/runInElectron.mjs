// Runs the same end-to-end suite in desktop VS Code through @vscode/test-electron, on machines
// that can download VS Code (this one cannot: use runInCodeServer.mjs here).
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = mkdtempSync(join(tmpdir(), 'ha-e2e-workspace-'));
copyFileSync(join(root, 'examples', 'hosting-company.ha.yaml'), join(workspace, 'hosting-company.ha.yaml'));
copyFileSync(join(root, 'test', 'fixtures', 'cli', 'broken.ha.yaml'), join(workspace, 'broken.ha.yaml'));
writeFileSync(join(workspace, 'plain.yaml'), 'topology: Plain\ncomponents:\n  a: { availability: 99% }\nservices:\n  s: { requires: [a] }\n');

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'e2e', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
