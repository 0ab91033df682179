import { readFileSync, writeFileSync } from 'node:fs';

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
export class UsageError extends Error {}

/** A file that cannot be used: the CLI prints the message and exits with 2. */
export class InputError extends Error {}
