// Packages the extension (.vsix) from the built bundles: one place for vsce's flags. The
// README keeps its relative links, which VS Code resolves inside the installed extension,
// where its images are (see .vscodeignore).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultVsix = join(root, '.vscode-test', 'ha-topology.vsix');

export function packageExtension(vsix = defaultVsix) {
  mkdirSync(dirname(vsix), { recursive: true });
  rmSync(vsix, { force: true });
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`Packaged ${packageExtension(process.argv[2])}`);
