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
  if (isPlainText(source)) return source;
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

/**
 * Whether a plain scalar is text without trying the core schema's patterns: most are names
 * (`web-1`, `requires`) or quantities (`8760h`, `99.9%`). Every other type starts with a
 * digit, a sign, a dot, `~` or the first letter of null, true or false, and a number
 * starting with a digit ends with a digit, a dot or a hexadecimal digit.
 */
function isPlainText(source: string): boolean {
  if (source.length === 0) return false;
  const first = source.charCodeAt(0);
  const isDigit = (code: number) => code >= 48 && code <= 57;
  if (isDigit(first)) {
    const last = source.charCodeAt(source.length - 1);
    const isHex = isDigit(last) || (last >= 97 && last <= 102) || (last >= 65 && last <= 70);
    return !isHex && last !== 46;
  }
  return !'-+.~nNtTfF'.includes(source.charAt(0));
}
