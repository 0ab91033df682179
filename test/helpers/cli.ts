import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { repoRoot } from './core';

/** Runs the CLI in-process in a folder, capturing what it prints and writes. */
export async function runIn(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string; written: Map<string, string> }> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    readFile: (path) => readFileSync(resolve(cwd, path), 'utf8'),
    writeFile: (path, content) => {
      written.set(path, content);
      writeFileSync(resolve(cwd, path), content);
    },
  });
  return { code, stdout, stderr, written };
}

/**
 * Compares output with a reviewed golden file. `UPDATE_GOLDEN=1 npm test` rewrites the
 * golden files on purpose; the diff then shows in review.
 */
export function matchGolden(name: string, actual: string): void {
  const path = join(repoRoot, 'test', 'fixtures', 'cli', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden file ${name}; run with UPDATE_GOLDEN=1 to create it, then review it`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (actual !== expected) {
    const a = actual.split('\n');
    const e = expected.split('\n');
    const line = a.findIndex((l, i) => l !== e[i]);
    throw new Error(`${name} differs from its golden file at line ${line + 1}:\n  golden: ${e[line]}\n  actual: ${a[line]}\n(UPDATE_GOLDEN=1 rewrites it)`);
  }
}
