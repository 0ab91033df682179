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
