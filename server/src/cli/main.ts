import { runCheck } from './check';
import { runDiff } from './diff';
import { InputError, processIo, UsageError, type CliIo } from './io';
import { runReport } from './report';
import { readPackageVersion } from '../node/packageFiles';

const usage = `Usage:
  ha-topology check [--format text|json|sarif|markdown] [--fail-on error|warning|spof|sla] [--quiet] [-o FILE] PATH...
  ha-topology report FILE -o report.html
  ha-topology diff OLD NEW | diff --base GIT-REF FILE  [--format text|json|markdown] [--fail-on regression]
                   [--min-change SECONDS]   (downtime changes under this many seconds a year, default 1, are no change)

PATH is a topology file (*.ha.yaml, *.ha.yml, or YAML whose first line is "# ha-topology"),
a directory (searched for topology files) or a glob.
Exit status: 0 when all is well, 1 when a file has an error or what --fail-on names is found,
2 on a usage error or a file that cannot be used.`;

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
        throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ha-topology: ${error.message}\n\n${usage}\n`);
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
