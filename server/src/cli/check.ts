import { pathToFileURL } from 'node:url';
import { analyseDocument, defaultAnalysisOptions } from '../core';
import { createPackageValidator, readPackageVersion } from '../node/packageFiles';
import { toFileReport, type FileReport } from './fileReport';
import { expandInputs } from './files';
import { formatMarkdown } from './formatMarkdown';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { parseCommand, type CommandSpec } from './args';
import { InputError, UsageError, writeOutput, type CliIo } from './io';

const formats = ['text', 'json', 'sarif', 'markdown'] as const;
const failOnChoices = ['error', 'warning', 'spof', 'sla'] as const;
type FailOn = (typeof failOnChoices)[number];

export const checkCommand: CommandSpec = {
  name: 'check',
  options: {
    format: { type: 'string', short: 'f', default: 'text' },
    'fail-on': { type: 'string', default: 'error' },
    quiet: { type: 'boolean', short: 'q', default: false },
    output: { type: 'string', short: 'o' },
  },
  help: `Usage: ha-topology check [options] PATH...

Checks topology files: schema and model problems, single points of failure, predicted
availability against each service's SLA, switchovers, and (in json and sarif) what to
fix first.

PATH is a topology file (*.ha.yaml, *.ha.yml, or YAML whose first line is "# ha-topology"),
a directory (searched for topology files) or a glob.

Options:
  -f, --format FORMAT  text (the default: compiler-style lines and a table), json, sarif, markdown
      --fail-on LIST   exit 1 when one of these is found (comma-separated):
                       error (the default), warning, spof, sla
  -q, --quiet          only errors and warnings, no table
  -o, --output FILE    write the report to FILE instead of standard output
  -h, --help           show this help

Exit status: 0 when all is well; 1 when a file has an error or what --fail-on names is found;
2 on a usage error or a file that cannot be used.`,
};

/** `ha-topology check`: analyse topology files and report in the chosen format. */
export function runCheck(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommand(args, checkCommand);
  const format = values.format as string;
  if (!(formats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${format}".`);
  const failOn = new Set((values['fail-on'] as string).split(',').map((s) => s.trim()));
  for (const choice of failOn) if (!(failOnChoices as readonly string[]).includes(choice)) throw new UsageError(`--fail-on takes ${failOnChoices.join(', ')} (comma-separated), not "${choice}".`);
  if (positionals.length === 0) throw new UsageError('No files given.');
  const files = expandInputs(positionals, io);
  if (files.length === 0) throw new InputError(`No topology files found in ${positionals.join(', ')}.`);
  // Only json and sarif carry each service's ranked fixes; ranking them is most of the
  // analysis of a large file, so the other formats measure only the costs they print.
  const reports = analyseFiles(files, io, { quiet: values.quiet === true, withFixes: format === 'json' || format === 'sarif' });
  const output = formatReports(reports, format as (typeof formats)[number], io, values.quiet === true);
  if (typeof values.output === 'string') writeOutput(io, values.output, output, files);
  else io.stdout(output);
  return decideExit(reports, failOn as Set<FailOn>);
}

export function analyseFiles(files: readonly string[], io: CliIo, { quiet, withFixes }: { quiet: boolean; withFixes: boolean }): FileReport[] {
  const validator = createPackageValidator();
  return files.map((path) => {
    let text: string;
    try {
      text = io.readFile(path);
    } catch (error) {
      throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
    // The report has no figures of components: they are not computed.
    // Without fixes, services list none; every diagnostic and every other figure is the same.
    const analysis = { ...defaultAnalysisOptions, componentFigures: false, ...(withFixes ? {} : { maxFixes: 0 }) };
    const report = toFileReport(path, text, analyseDocument(text, { validator, clock: Date.now, analysis }));
    return quiet ? { ...report, diagnostics: report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning') } : report;
  });
}

function formatReports(reports: readonly FileReport[], format: (typeof formats)[number], io: CliIo, quiet: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ files: reports }, null, 2)}\n`;
    case 'sarif':
      return formatSarif(reports, readPackageVersion(), pathToFileURL(io.cwd).toString());
    case 'markdown':
      return formatMarkdown(reports);
    case 'text':
      return formatText(reports, { table: !quiet });
  }
}

/**
 * The exit code: 1 when a file has an error, or when what `--fail-on` names is found
 * (warnings; services with a single point of failure; services below their SLA).
 */
function decideExit(reports: readonly FileReport[], failOn: ReadonlySet<FailOn>): number {
  const diagnostics = reports.flatMap((r) => r.diagnostics);
  const services = reports.flatMap((r) => r.services);
  const failed =
    diagnostics.some((d) => d.severity === 'error') ||
    (failOn.has('warning') && diagnostics.some((d) => d.severity === 'warning')) ||
    (failOn.has('spof') && services.some((s) => s.spofs.length > 0)) ||
    (failOn.has('sla') && services.some((s) => s.meetsSla === false));
  return failed ? 1 : 0;
}

