import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { InputError, type CliIo } from './io';

const topologyName = /\.ha\.ya?ml$/i;
const yamlName = /\.ya?ml$/i;
const marker = /^#\s*ha-topology\b/;

/** A topology file is named *.ha.yaml / *.ha.yml, or is YAML whose first line is `# ha-topology`. */
export function isTopologyFile(path: string, io: CliIo): boolean {
  if (topologyName.test(path)) return true;
  if (!yamlName.test(path)) return false;
  try {
    return marker.test(io.readFile(path).split('\n', 1)[0]!);
  } catch {
    return false;
  }
}

/**
 * Expands the command line's files, directories and globs into topology files, in a stable
 * order. A file named explicitly must be a topology file; directories and globs pick only
 * topology files. Paths are reported relative to the working directory when inside it.
 */
export function expandInputs(inputs: readonly string[], io: CliIo): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    const absolute = resolve(io.cwd, input);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (!isTopologyFile(absolute, io)) {
        throw new InputError(`${input}: not a topology file (name it *.ha.yaml or start it with "# ha-topology").`);
      }
      found.push(display(absolute, io));
    } else if (stat?.isDirectory()) {
      found.push(...search(['**/*.yaml', '**/*.yml'], absolute, io));
    } else if (/[*?[\]{}]/.test(input)) {
      const matches = search([input], io.cwd, io);
      if (matches.length === 0) throw new InputError(`${input}: no topology file matches.`);
      found.push(...matches);
    } else {
      throw new InputError(`${input}: no such file or directory.`);
    }
  }
  return reportEachFileOnce(found, io);
}

/** Links (and loops of them) can reach one file by many paths: keep the first path to each real file. */
function reportEachFileOnce(paths: readonly string[], io: CliIo): string[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    let real: string;
    try {
      real = realpathSync(resolve(io.cwd, path));
    } catch {
      real = resolve(io.cwd, path);
    }
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
}

function search(patterns: string[], cwd: string, io: CliIo): string[] {
  return globSync(patterns, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], dot: false })
    .filter((path) => isTopologyFile(path, io))
    .sort()
    .map((path) => display(path, io));
}

function display(absolute: string, io: CliIo): string {
  const path = relative(io.cwd, absolute);
  return path && !path.startsWith('..') && !isAbsolute(path) ? path.split('\\').join('/') : absolute;
}
