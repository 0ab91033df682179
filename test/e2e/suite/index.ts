import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/**
 * The extension-host entry point, called by VS Code with `--extensionTestsPath`. It runs the
 * mocha suite and writes the counts to $HA_E2E_RESULTS, because an extension host exits with
 * code 0 even when the suite fails (see the notes on running VS Code here).
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.e2e.js')).sort()) mocha.addFile(join(__dirname, file));
  const failures: string[] = [];
  let passed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', (test, error: Error) => failures.push(`${test.fullTitle()}: ${error.stack ?? error.message}`));
  });
  const results = { passed, failed: failures.length, failures, vscodeVersion: (await import('vscode')).version };
  if (process.env.HA_E2E_RESULTS) writeFileSync(process.env.HA_E2E_RESULTS, JSON.stringify(results, null, 2));
  if (failures.length > 0) throw new Error(`${failures.length} end-to-end test(s) failed:\n${failures.join('\n')}`);
}
