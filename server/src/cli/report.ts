import { analyseDocument } from '../core';
import { join } from 'node:path';
import { createPackageValidator } from '../node/packageFiles';
import { parseCommand, type CommandSpec } from './args';
import { expandInputs } from './files';
import { InputError, UsageError, writeOutput, type CliIo } from './io';

export const reportCommand: CommandSpec = {
  name: 'report',
  options: { output: { type: 'string', short: 'o' } },
  help: `Usage: ha-topology report FILE -o REPORT.html

Writes one self-contained HTML availability report for people who sign SLAs: the redundancy
diagram, each service against its SLA, single points of failure, what to fix first,
switchovers, common causes and maintenance, the problems and the assumptions.

Options:
  -o, --output FILE  the HTML file to write (required; never one of the inputs)
  -h, --help         show this help`,
};

/** `ha-topology report FILE -o report.html`: the self-contained HTML availability report. */
export async function runReport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(args, reportCommand);
  if (positionals.length !== 1) throw new UsageError('report takes exactly one topology file.');
  if (typeof values.output !== 'string') throw new UsageError('report needs -o FILE.html: it writes nothing elsewhere.');
  const [path] = expandInputs(positionals, io);
  if (!path) throw new InputError(`${positionals[0]}: no topology file.`);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  const analysis = analyseDocument(text, { validator: createPackageValidator(), clock: Date.now });
  writeOutput(io, values.output, await loadHtmlReport().renderHtmlReport(path, analysis, new Date().toISOString().slice(0, 10)), [path]);
  io.stderr(`Wrote ${values.output}\n`);
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/**
 * The report's renderer, loaded only when a report is asked for: it brings the layout engine
 * (elkjs, three quarters of the CLI's code), which `check` and `diff` never need. The path is
 * computed so that the bundler leaves it out of the CLI bundle; the build makes it a bundle of
 * its own beside it (dist/htmlReport.js), as tsc does (out/…/cli/htmlReport.js).
 */
function loadHtmlReport(): typeof import('./htmlReport') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, 'htmlReport')) as typeof import('./htmlReport');
}
