// Runs every compiled test file (out/test/**/*.test.js) with node's test runner. Listing the
// files explicitly keeps helpers from being counted as tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['out/test'];
const files = [];
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.test.js')) files.push(path);
  }
};
folders.forEach(walk);
if (files.length === 0) {
  console.error(`No test files under ${folders.join(', ')}: build first (npm run build).`);
  process.exit(1);
}
// --test-force-exit: a test file whose failure left a worker or a browser behind still ends.
const result = spawnSync(process.execPath, ['--test', '--test-force-exit', '--test-reporter=spec', ...files.sort()], { stdio: 'inherit' });
process.exit(result.status ?? 1);
