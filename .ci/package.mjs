// Packages the extension (.vsix) from the built bundles: one place for vsce's flags. VS Code
// shows an installed extension's README without resolving relative links, and this project
// has no public host to point them at, so the packaged README carries its screenshots inline
// as data: URIs (the repository's README keeps ordinary links).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const defaultVsix = join(root, '.vscode-test', 'ha-topology.vsix');

export function packageExtension(vsix = defaultVsix) {
  mkdirSync(dirname(vsix), { recursive: true });
  rmSync(vsix, { force: true });
  // vsce takes the README's path relative to the project.
  const readme = join('.vscode-test', 'README.package.md');
  mkdirSync(join(root, '.vscode-test'), { recursive: true });
  writeFileSync(join(root, readme), inlineImages(readFileSync(join(root, 'README.md'), 'utf8')));
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', readme, '-o', vsix], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}

/** Replaces each relative PNG image link with the image itself, as a data: URI. */
export function inlineImages(markdown) {
  return markdown.replace(/!\[([^\]]*)\]\(([^)\s:]+\.png)\)/g, (_, alt, path) => `![${alt}](data:image/png;base64,${readFileSync(join(root, path)).toString('base64')})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`Packaged ${packageExtension(process.argv[2])}`);
