// `npm test`: every phase runs, even when an earlier one fails, so one red phase never hides
// another. Each phase prints one summary line; the last line is the total, in the form
// "N passed, N failed", and the exit code is non-zero when anything failed.
//
// Phases: preflight (system dependencies), build, lint, unit (node's test runner), and the
// end-to-end tests in a real VS Code (code-server). A phase that cannot start counts as failed.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs a command, echoing its output, and resolves with its exit code and what it printed. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Names every missing system dependency and the command that installs it. */
function preflight() {
  const missing = [];
  try {
    accessSync(chromium, constants.X_OK);
  } catch {
    missing.push(`Chromium is not at ${chromium}: install it with "sudo apt-get install -y chromium", or point CHROMIUM_PATH at a Chromium or Chrome executable.`);
  }
  // git for `diff --base`; ripgrep, Kerberos headers and a compiler for the bundled VS Code's search and native modules.
  for (const [tool, install] of [
    ['git', 'sudo apt-get install -y git'],
    ['rg', 'sudo apt-get install -y ripgrep'],
    ['krb5-config', 'sudo apt-get install -y libkrb5-dev'],
    ['make', 'sudo apt-get install -y make'],
    ['g++', 'sudo apt-get install -y g++'],
    ['python3', 'sudo apt-get install -y python3'],
  ]) {
    const found = (process.env.PATH ?? '').split(':').some((folder) => {
      try {
        accessSync(`${folder}/${tool}`, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
    if (!found) missing.push(`${tool} is not on the PATH: install it with "${install}".`);
  }
  return missing;
}

const phases = [];
const record = (name, passed, failed) => {
  phases.push({ name, passed, failed });
  console.log(`\n${name}: ${passed} passed, ${failed} failed\n`);
};

const missing = preflight();
for (const line of missing) console.error(`preflight: ${line}`);
record('preflight', missing.length === 0 ? 1 : 0, missing.length);

const build = await run('npm', ['run', 'build', '--silent']);
record('build', build.code === 0 ? 1 : 0, build.code === 0 ? 0 : 1);

const lint = await run('npm', ['run', 'lint', '--silent']);
record('lint', lint.code === 0 ? 1 : 0, lint.code === 0 ? 0 : 1);

if (build.code === 0) {
  const unit = await run(process.execPath, ['.ci/run-tests.mjs']);
  // The spec reporter closes with "ℹ pass N", "ℹ fail N", "ℹ cancelled N".
  const count = (label) => Number([...unit.output.matchAll(new RegExp(`^ℹ ${label} (\\d+)$`, 'gm'))].pop()?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  // A runner that died before its summary has failed, whatever it counted.
  record('unit', passed, failed > 0 || unit.code !== 0 ? Math.max(failed, 1) : 0);

  const e2e = await run(process.execPath, ['test/e2e/runInCodeServer.mjs']);
  const line = [...e2e.output.matchAll(/^e2e: (\d+) passed, (\d+) failed$/gm)].pop();
  const e2ePassed = Number(line?.[1] ?? 0);
  const e2eFailed = Number(line?.[2] ?? 1);
  record('e2e', e2ePassed, e2e.code !== 0 ? Math.max(e2eFailed, 1) : e2eFailed);
} else {
  // Without a build there is nothing to test: both phases fail rather than pass unseen.
  record('unit', 0, 1);
  record('e2e', 0, 1);
}

const passed = phases.reduce((sum, p) => sum + p.passed, 0);
const failed = phases.reduce((sum, p) => sum + p.failed, 0);
console.log('Summary by phase:');
for (const p of phases) console.log(`  ${p.name}: ${p.passed} passed, ${p.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
