/*
 * The rules for plain (unquoted) scalars that the fast reader of common YAML needs: where one
 * may start, and what value it has under YAML 1.2's core schema.
 */
import type { ScalarValue } from './syntax';

const SPACE = 32;
const DASH = 45;

/**
 * Whether a plain scalar may start here: not at an indicator that gives the text another
 * meaning (anchors, aliases, tags, block scalars, directives, merge keys, mapping keys).
 */
export function startsPlain(text: string, at: number, end: number): boolean {
  if (at >= end) return false;
  const c = text.charAt(at);
  if ('&*!|>%@`?:,[]{}#\'"<'.includes(c)) return false;
  if (c === '-') {
    const next = text.charCodeAt(at + 1);
    return at + 1 < end && next !== SPACE && next !== DASH;
  }
  return true;
}

/** A plain scalar's value by the YAML 1.2 core schema, as the `yaml` package resolves it. */
export function resolvePlain(source: string): ScalarValue {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(source)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(source)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(source)) return false;
  if (/^[-+]?[0-9]+$/.test(source)) return Number(source);
  if (/^0o[0-7]+$/.test(source)) return parseInt(source.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return parseInt(source.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF))$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (/^(?:\.nan|\.NaN|\.NAN)$/.test(source)) return NaN;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(source) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(source)) return parseFloat(source);
  return source;
}
