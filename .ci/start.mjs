// `npm start`: builds, packages the extension and opens the bundled example in a real VS Code.
// With `code` on the PATH, the .vsix is installed there and the examples folder opened;
// otherwise the bundled code-server starts on 127.0.0.1 with the extension installed, and the
// URL to open is printed. Ctrl+C stops it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerBin, installCodeServer } from '../test/e2e/installCodeServer.mjs';
import { packageExtension } from './package.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(root, '.vscode-test', 'ha-topology.vsix');
const examples = join(root, 'examples');

console.log('Packaging the extension…');
packageExtension(vsix);

const code = spawnSync('code', ['--version'], { stdio: 'ignore' });
if (code.status === 0) {
  execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  execFileSync('code', [examples, join(examples, 'hosting-company.ha.yaml')], { stdio: 'inherit' });
  console.log('Opened the examples in VS Code. Try "HA Topology: Open Preview to the Side".');
} else {
  installCodeServer();
  const extensionsDir = join(root, '.vscode-test', 'start-extensions');
  const userData = join(root, '.vscode-test', 'start-user-data');
  execFileSync(process.execPath, [codeServerBin, '--install-extension', vsix, '--force', '--extensions-dir', extensionsDir], { stdio: 'ignore' });
  const port = process.env.PORT ?? '8080';
  const server = spawn(process.execPath, [codeServerBin, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', examples], { stdio: 'ignore' });
  console.log(`VS Code (code-server) with HA Topology is running. Open:\n\n  http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}\n\nthen open hosting-company.ha.yaml. Ctrl+C stops it.`);
  process.on('SIGINT', () => server.kill('SIGTERM'));
  server.on('exit', (status) => process.exit(status ?? 0));
}
