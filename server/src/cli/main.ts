import { readFileSync } from 'node:fs';
import { analyseDocument, createSchemaValidator } from '../core';
import { loadSchema } from '../node/loadSchema';
import { formatText } from './formatText';
import { hasErrors, toFileReport, type FileReport } from './report';

const usage = `Usage: ha-topology check [--format text|json] FILE...

Checks topology files and reports problems and predicted availability.
Exit status: 0 when no file has an error, 1 when one has, 2 on a usage error.`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
};

/** Runs the CLI and returns its exit code; all IO goes through `io` so tests can run it in-process. */
export function runCli(args: readonly string[], io: CliIo = defaultIo): number {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (command !== 'check') {
    io.stderr(`${command === undefined ? 'No command given.' : `Unknown command "${command}".`}\n${usage}\n`);
    return 2;
  }
  let format: 'text' | 'json' = 'text';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : rest[++i];
      if (value !== 'text' && value !== 'json') {
        io.stderr(`--format must be text or json, not ${value === undefined ? 'nothing' : `"${value}"`}.\n${usage}\n`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      io.stderr(`Unknown option "${arg}".\n${usage}\n`);
      return 2;
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    io.stderr(`No files given.\n${usage}\n`);
    return 2;
  }
  const validator = createSchemaValidator(loadSchema());
  const reports: FileReport[] = [];
  let unreadable = false;
  for (const path of files) {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (error) {
      io.stderr(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      unreadable = true;
      continue;
    }
    reports.push(toFileReport(path, text, analyseDocument(text, { validator })));
  }
  io.stdout(format === 'json' ? `${JSON.stringify({ files: reports }, null, 2)}\n` : formatText(reports));
  if (unreadable) return 2;
  return reports.some(hasErrors) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = runCli(process.argv.slice(2));
}
