import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Everything the CLI does to the outside world, so tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, content: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, content) => writeFileSync(path, content),
};

/** A usage mistake: the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  /** The help of the command that was misused, printed after the message; the general usage when absent. */
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

/** A file that cannot be used: the CLI prints the message and exits with 2. */
export class InputError extends Error {}

/**
 * Writes an output file the user named with -o, refusing what would lose data or fail
 * half-way: a directory, a folder that does not exist, or one of the command's own inputs.
 */
export function writeOutput(io: CliIo, output: string, content: string, inputs: readonly string[]): void {
  const target = resolve(io.cwd, output);
  const existing = statOrUndefined(target);
  if (existing?.isDirectory()) throw new InputError(`-o ${output}: is a directory; name a file.`);
  if (!existing && !statOrUndefined(dirname(target))?.isDirectory()) throw new InputError(`-o ${output}: the folder ${dirname(output)} does not exist.`);
  if (existing) {
    const real = realpathSync(target);
    for (const input of inputs) {
      const absolute = resolve(io.cwd, input);
      if (statOrUndefined(absolute) && realpathSync(absolute) === real) throw new InputError(`-o ${output}: that is an input file; it is never overwritten.`);
    }
  }
  try {
    io.writeFile(output, content);
  } catch (error) {
    throw new InputError(`-o ${output}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
