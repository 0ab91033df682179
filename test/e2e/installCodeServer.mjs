// Installs code-server (a full VS Code: server, web workbench and extension host) into
// .vscode-test/code-server, once; later runs reuse it. Steps follow the project's notes on
// running VS Code here: code-server's own postinstall cannot run as root and downloads
// ripgrep from GitHub, so its steps are done by hand with packages from npm and Debian.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const version = '4.100.3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheFolder = join(root, '.vscode-test', 'code-server');
export const codeServerBin = join(cacheFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const marker = join(cacheFolder, `installed-${version}`);

function run(command, args, cwd, env = {}) {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

function link(target, path) {
  if (!existsSync(path)) symlinkSync(target, path);
}

export function installCodeServer() {
  if (existsSync(marker)) return;
  const started = Date.now();
  console.log(`First run: installing VS Code (code-server ${version}) into .vscode-test/code-server.\nThis downloads about 300 MB from npm and takes several minutes, once; later runs reuse it.`);
  let done = 0;
  const step = (what) => console.log(`  [${++done}/7, ${Math.round((Date.now() - started) / 1000)} s] ${what}`);
  mkdirSync(cacheFolder, { recursive: true });
  if (!existsSync(join(cacheFolder, 'package.json'))) writeFileSync(join(cacheFolder, 'package.json'), '{ "private": true }\n');
  step('code-server itself');
  run('npm', ['install', `code-server@${version}`, '--ignore-scripts', '--no-audit', '--no-fund'], cacheFolder);
  const codeServer = join(cacheFolder, 'node_modules', 'code-server');
  const vscode = join(codeServer, 'lib', 'vscode');
  step("VS Code's server modules");
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscode);
  step('native modules, built for this Node');
  run('npm', ['rebuild', 'kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'], vscode, { npm_config_yes: 'true' });
  step('ripgrep from the system, and the links VS Code expects');
  const rg = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  mkdirSync(dirname(rg), { recursive: true });
  copyFileSync('/usr/bin/rg', rg);
  link('node_modules', join(vscode, 'node_modules.asar'));
  link('code-linux.sh', join(codeServer, 'lib', 'vscode', 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(codeServer, 'lib', 'vscode', 'bin', 'helpers', 'browser.sh'));
  step("VS Code's built-in extensions");
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], join(vscode, 'extensions'));
  step('the password module (argon2)');
  run('npm', ['rebuild', 'argon2'], cacheFolder);
  step('done');
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.log(`code-server ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) installCodeServer();
