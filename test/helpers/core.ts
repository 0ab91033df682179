import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDocument, createSchemaValidator, type DocumentAnalysis, type DocumentOptions } from '../../server/src/core';
import { loadSchema } from '../../server/src/node/packageFiles';

/** The repository root, from the compiled test's place under out/. */
export const repoRoot = join(__dirname, '..', '..', '..');

export const validator = createSchemaValidator(loadSchema());

/** Analyses a text through the core's public entry point, as the server and CLI do. */
export function analyse(text: string, options: Partial<DocumentOptions> = {}): DocumentAnalysis {
  return analyseDocument(text, { validator, ...options });
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(repoRoot, 'test', 'fixtures', ...parts), 'utf8');
}

/**
 * A clock that advances one millisecond each time it is read. Time limits then count the
 * checks the analysis makes (a measure of work), so a test's outcome never depends on the
 * machine's speed.
 */
export function countingClock(): () => number {
  let now = 0;
  return () => now++;
}
