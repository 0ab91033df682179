import { parseArgs } from 'node:util';
import { findClosest } from '../core/util/closest';
import { UsageError } from './io';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }>;

/** A command's name, its help text and its options. */
export interface CommandSpec {
  readonly name: string;
  readonly help: string;
  readonly options: OptionSpec;
}

/** Asked for with --help or -h: the command's help goes to standard output. */
export class HelpRequested extends Error {}

/**
 * node:util's parseArgs (strict: unknown options are errors), with its errors as usage errors
 * that name the closest option ("did you mean --format?"). `--help` and `-h` anywhere before
 * `--` ask for the command's help instead.
 */
export function parseCommand(args: readonly string[], spec: CommandSpec): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const end = args.indexOf('--');
  if ((end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h')) throw new HelpRequested(spec.help);
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: spec.options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    const unknown = /Unknown option '(--?[^']+)'/.exec(message)?.[1];
    const names = Object.entries(spec.options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]);
    const closest = unknown?.startsWith('--') ? findClosest(unknown, names.filter((n) => n.startsWith('--'))) : undefined;
    throw new UsageError(`${unknown ? `unknown option ${unknown}.` : message}${closest ? ` Did you mean ${closest}?` : ''}`, spec.help);
  }
}
