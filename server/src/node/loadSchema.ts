import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const relativePath = join('schemas', 'topology.schema.json');

/**
 * Reads the topology schema shipped with the extension. The bundles (dist/), the compiled
 * tests (out/...) and the packaged extension sit at different depths, so walk up from this
 * file until the schemas folder is found.
 */
export function loadSchema(): Record<string, unknown> {
  let folder = __dirname;
  for (;;) {
    const candidate = join(folder, relativePath);
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as Record<string, unknown>;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`Cannot find ${relativePath} above ${__dirname}`);
    folder = parent;
  }
}
