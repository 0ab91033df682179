import { HelpRequested } from './args';
import { checkCommand, runCheck } from './check';
import { findClosest } from '../core/util/closest';
import { diffCommand, runDiff } from './diff';
import { InputError, processIo, UsageError, type CliIo } from './io';
import { reportCommand, runReport } from './report';
import { readPackageVersion } from '../node/packageFiles';

const usage = `Usage: ha-topology COMMAND [options]

Commands:
  check PATH...          check topology files: problems, single points of failure, availability
  report FILE -o FILE    write a self-contained HTML availability report
  diff OLD NEW           compare the availability of two versions (or --base GIT-REF FILE)

  ha-topology COMMAND --help   shows a command's options; --version prints the version.

Exit status: 0 when all is well; 1 when a file has an error or what --fail-on names is found;
2 on a usage error or a file that cannot be used.`;

const commandSpecs = new Map([checkCommand, reportCommand, diffCommand].map((spec) => [spec.name, spec]));

/** Runs the CLI and returns its exit code; all IO goes through `io` so tests can run it in-process. */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'check':
        return runCheck(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'diff':
        return runDiff(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${readPackageVersion()}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${usage}\n`);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given.' : `unknown command "${command}".${suggestCommand(command)}`);
    }
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout(`${error.message}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      // A misused command shows its own help; anything else the general usage.
      const spec = commandSpecs.get(command ?? '');
      io.stderr(`ha-topology${spec ? ` ${spec.name}` : ''}: ${lowerFirst(error.message)}\n\n${error.help ?? spec?.help ?? usage}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`ha-topology: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`ha-topology: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}

function lowerFirst(message: string): string {
  return /^[A-Z][a-z]/.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
}

function suggestCommand(command: string): string {
  const closest = findClosest(command, ['check', 'report', 'diff', 'help']);
  return closest ? ` Did you mean "${closest}"?` : '';
}
