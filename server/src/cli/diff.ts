import { execFileSync } from 'node:child_process';
import { basename, dirname, resolve } from 'node:path';
import { analyseDocument, defaultAnalysisOptions, formatPercent, type ServiceFigures } from '../core';
import { createPackageValidator } from '../node/packageFiles';
import { parseCommand, type CommandSpec } from './args';
import { expandInputs } from './files';
import { formatMinutes } from './formatText';
import { InputError, UsageError, type CliIo } from './io';

export interface ServiceChange {
  readonly id: string;
  readonly before: ServiceFigures | undefined;
  readonly after: ServiceFigures | undefined;
  /** Minutes per year; positive when the service is down longer than before. */
  readonly downtimeChange: number;
  readonly spofsAdded: readonly string[];
  readonly spofsRemoved: readonly string[];
  readonly regressed: boolean;
}

export const diffCommand: CommandSpec = {
  name: 'diff',
  options: {
    base: { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
    'fail-on': { type: 'string' },
    'min-change': { type: 'string', default: '1' },
  },
  help: `Usage: ha-topology diff OLD NEW
       ha-topology diff --base GIT-REF FILE

Compares the availability of two versions of a topology: each service's downtime a year
before and after, and the single points of failure added and removed. With --base, the old
version is FILE as committed at GIT-REF.

Options:
      --base GIT-REF         compare FILE with its version at this revision
  -f, --format FORMAT        text (the default), json, markdown
      --fail-on regression   exit 1 when a service got worse or gained a single point of failure
      --min-change SECONDS   downtime changes under this many seconds a year are no change (default 1)
  -h, --help                 show this help`,
};

/**
 * `ha-topology diff OLD NEW`, or `diff --base REF FILE` against a git revision: what a change
 * does to each service's availability, downtime and single points of failure.
 */
export function runDiff(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseCommand(args, diffCommand);
  const minChangeSeconds = Number(values['min-change']);
  if (!Number.isFinite(minChangeSeconds) || minChangeSeconds < 0) throw new UsageError(`--min-change takes seconds of downtime a year (0 or more), not "${values['min-change']}".`);
  if (values['fail-on'] !== undefined && values['fail-on'] !== 'regression') throw new UsageError(`diff's --fail-on takes "regression", not "${values['fail-on']}".`);
  const format = values.format as string;
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`diff's --format must be text, json or markdown, not "${format}".`);
  let oldText: string;
  let newText: string;
  let labels: [string, string];
  if (typeof values.base === 'string') {
    if (positionals.length !== 1) throw new UsageError('diff --base REF takes exactly one topology file.');
    // A revision is never an option: "--base=--output=x" must not reach git as one.
    if (values.base.startsWith('-') || values.base.trim() === '') throw new UsageError(`--base takes a git revision, not "${values.base}".`);
    const [path] = expandInputs(positionals, io);
    newText = read(path!, io);
    oldText = readFromGit(values.base, resolve(io.cwd, path!));
    labels = [`${path} at ${values.base}`, path!];
  } else {
    if (positionals.length !== 2) throw new UsageError('diff takes two topology files (OLD NEW), or --base REF and one file.');
    // Each side on its own: a file may be compared with itself.
    const [oldPath] = expandInputs([positionals[0]!], io);
    const [newPath] = expandInputs([positionals[1]!], io);
    if (!oldPath || !newPath) throw new UsageError('diff takes two topology files.');
    oldText = read(oldPath, io);
    newText = read(newPath, io);
    labels = [oldPath, newPath];
  }
  const validator = createPackageValidator();
  // Only services are compared: components' own figures are not computed.
  const analysis = { ...defaultAnalysisOptions, componentFigures: false };
  const before = analyseDocument(oldText, { validator, clock: Date.now, analysis }).services ?? [];
  const after = analyseDocument(newText, { validator, clock: Date.now, analysis }).services ?? [];
  const changes = compareServices(before, after, minChangeSeconds / 60);
  io.stdout(format === 'json' ? `${JSON.stringify({ before: labels[0], after: labels[1], services: changes }, null, 2)}\n` : formatChanges(changes, labels, format === 'markdown'));
  return values['fail-on'] === 'regression' && changes.some((c) => c.regressed) ? 1 : 0;
}

/**
 * Compares each service before and after. A downtime change smaller than the resolution
 * (`minChangeMinutes` a year, or a relative 1e-9 of the downtime, whichever is larger) is
 * no change: it is rounding, not a design decision.
 */
export function compareServices(before: readonly ServiceFigures[], after: readonly ServiceFigures[], minChangeMinutes = 1 / 60): ServiceChange[] {
  const ids = [...new Set([...before.map((s) => s.id), ...after.map((s) => s.id)])];
  const beforeById = new Map(before.map((s) => [s.id, s]));
  const afterById = new Map(after.map((s) => [s.id, s]));
  return ids.map((id) => {
    const b = beforeById.get(id);
    const a = afterById.get(id);
    const rawChange = (a?.downtimeMinutesPerYear ?? 0) - (b?.downtimeMinutesPerYear ?? 0);
    const resolution = Math.max(minChangeMinutes, 1e-9 * Math.max(a?.downtimeMinutesPerYear ?? 0, b?.downtimeMinutesPerYear ?? 0));
    const downtimeChange = Math.abs(rawChange) < resolution ? 0 : rawChange;
    const spofsAdded = (a?.spofs ?? []).filter((x) => !(b?.spofs ?? []).includes(x));
    const spofsRemoved = (b?.spofs ?? []).filter((x) => !(a?.spofs ?? []).includes(x));
    // Worse: longer downtime (beyond the resolution), a new single point of failure, or a newly missed SLA.
    const regressed = a !== undefined && b !== undefined && (downtimeChange > 0 || spofsAdded.length > 0 || (b.meetsSla !== false && a.meetsSla === false));
    return { id, before: b, after: a, downtimeChange, spofsAdded, spofsRemoved, regressed };
  });
}

function formatChanges(changes: readonly ServiceChange[], labels: [string, string], markdown: boolean): string {
  const lines: string[] = [];
  const availability = (s: ServiceFigures | undefined) => (s ? formatPercent(s.availability, s.unavailability, 1) : '—');
  const change = (c: ServiceChange) => (c.downtimeChange === 0 ? 'unchanged' : `${c.downtimeChange > 0 ? '+' : '−'}${formatMinutes(Math.abs(c.downtimeChange))}/year`);
  const spofs = (c: ServiceChange) => [...c.spofsAdded.map((s) => `+${s}`), ...c.spofsRemoved.map((s) => `−${s}`)].join(' ') || '—';
  const verdict = (c: ServiceChange) => (!c.before ? 'added' : !c.after ? 'removed' : c.regressed ? 'WORSE' : c.downtimeChange < 0 || c.spofsRemoved.length ? 'better' : 'same');
  if (markdown) {
    lines.push(`## Availability change: \`${labels[0]}\` → \`${labels[1]}\``, '', '| Service | Before | After | Downtime change | SPOFs added/removed | Verdict |', '| --- | ---: | ---: | ---: | --- | --- |');
    for (const c of changes) lines.push(`| ${c.id} | ${availability(c.before)} | ${availability(c.after)} | ${change(c)} | ${spofs(c)} | ${verdict(c) === 'WORSE' ? '❌ worse' : verdict(c)} |`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${labels[0]} → ${labels[1]}`);
  const rows = changes.map((c) => [c.id, availability(c.before), availability(c.after), change(c), spofs(c), verdict(c)]);
  const header = ['service', 'before', 'after', 'downtime change', 'SPOFs added/removed', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) lines.push(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  return `${lines.join('\n')}\n`;
}

function read(path: string, io: CliIo): string {
  try {
    return io.readFile(path);
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}

function readFromGit(ref: string, absolutePath: string): string {
  try {
    return execFileSync('git', ['-C', dirname(absolutePath), 'show', '--end-of-options', `${ref}:./${basename(absolutePath)}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr ?? error).trim().split('\n')[0];
    throw new InputError(`cannot read ${basename(absolutePath)} at ${ref} from git: ${detail}`);
  }
}
