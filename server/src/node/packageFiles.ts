import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createSchemaValidator, type SchemaChecks, type SchemaValidator } from '../core';

/**
 * Finds a file shipped with the extension. The bundles (dist/), the compiled tests (out/...)
 * and the packaged extension sit at different depths, so walk up from this file until the
 * file is found.
 */
export function findPackageFile(relativePath: string): string {
  let folder = __dirname;
  for (;;) {
    const candidate = join(folder, relativePath);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`Cannot find ${relativePath} above ${__dirname}`);
    folder = parent;
  }
}

/** The topology schema shipped with the extension. */
export function loadSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(findPackageFile(join('schemas', 'topology.schema.json')), 'utf8')) as Record<string, unknown>;
}

/** The extension's version, from its package.json. */
export function readPackageVersion(): string {
  return (JSON.parse(readFileSync(findPackageFile('package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The schema compiled ahead of time into yes/no checks (dist/checkTopology.js, written by the
 * build), for createSchemaValidator; undefined where it was not built, and then the validator
 * compiles the schema itself.
 */
export function loadSchemaCheck(): SchemaChecks | undefined {
  let path: string;
  try {
    path = findPackageFile(join('dist', 'checkTopology.js'));
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as SchemaChecks;
}

/** The validator of the shipped schema, with its ahead-of-time check where the build wrote one. */
export function createPackageValidator(): SchemaValidator {
  return createSchemaValidator(loadSchema(), loadSchemaCheck());
}
