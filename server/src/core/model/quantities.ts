import type { ScalarValue } from '../parse/syntax';
import { findClosest } from '../util/closest';

/** A parsed value, or why it is not one; `suggestion` is the text the writer most likely meant. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly suggestion?: string };

export const hoursPerYear = 8760;
export const hoursPerMonth = 720;

// A Map, because the unit is user text: "constructor" must be an unknown unit, not a function.
const unitHours: ReadonlyMap<string, number> = new Map(Object.entries({
  s: 1 / 3600, sec: 1 / 3600, secs: 1 / 3600, second: 1 / 3600, seconds: 1 / 3600,
  m: 1 / 60, min: 1 / 60, mins: 1 / 60, minute: 1 / 60, minutes: 1 / 60,
  h: 1, hr: 1, hrs: 1, hour: 1, hours: 1,
  d: 24, day: 24, days: 24,
  w: 168, week: 168, weeks: 168,
  y: hoursPerYear, yr: hoursPerYear, year: hoursPerYear, years: hoursPerYear,
}));

const unitList = 's, m or min, h, d, w, y';

/**
 * Reads a duration and returns hours. A bare number is hours; strings combine numbers
 * with units ("1d 4h", "90s"); ISO 8601 durations ("PT4H", "P1DT2H") are accepted, with a
 * year of 8760 h and a month of a twelfth of that.
 */
export function parseDuration(value: ScalarValue | undefined): Parsed<number> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, message: 'A duration must be a finite number of hours.' };
    if (value <= 0) return { ok: false, message: `A duration must be greater than zero, found ${value}.` };
    return { ok: true, value };
  }
  if (typeof value !== 'string') {
    return { ok: false, message: `Expected a duration such as 4h, 30m or 1d 4h, found ${value === null || value === undefined ? 'nothing' : String(value)}.` };
  }
  const text = value.trim();
  const hours = /^P/i.test(text) ? parseIsoDuration(text) : parseUnitDuration(text);
  if (!hours.ok) return hours;
  if (!(hours.value > 0) || !Number.isFinite(hours.value)) {
    return { ok: false, message: `A duration must be greater than zero, found "${value}".` };
  }
  return hours;
}

function parseUnitDuration(text: string): Parsed<number> {
  const part = /(-?(?:\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?)\s*([A-Za-z]*)\s*/gy;
  let total = 0;
  let count = 0;
  let match: RegExpExecArray | null;
  while (part.lastIndex < text.length && (match = part.exec(text)) !== null) {
    const amount = Number(match[1]);
    const unit = match[2]!.toLowerCase();
    if (unit === '') return { ok: false, message: `"${text}" needs a unit after ${match[1]}: use ${unitList}.` };
    const factor = unitHours.get(unit);
    if (factor === undefined) {
      const closest = findClosest(unit, unitHours.keys());
      const suggestion = closest ? `${text.slice(0, match.index)}${match[0].replace(match[2]!, closest)}${text.slice(part.lastIndex)}` : undefined;
      return { ok: false, message: `Unknown duration unit "${match[2]}" in "${text}"${closest ? ` (did you mean "${closest}"?)` : ''}: use ${unitList}.`, ...(suggestion ? { suggestion } : {}) };
    }
    if (amount < 0) return { ok: false, message: `A duration must be greater than zero, found "${text}".` };
    total += amount * factor;
    count++;
  }
  if (count === 0 || part.lastIndex < text.length) {
    return { ok: false, message: `"${text}" is not a duration: write a number of hours or amounts with units (${unitList}), such as 4h or 1d 4h.` };
  }
  return { ok: true, value: total };
}

function parseIsoDuration(text: string): Parsed<number> {
  const match = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (!match || text.length < 3 || /T$/i.test(text)) {
    return { ok: false, message: `"${text}" is not an ISO 8601 duration such as PT4H or P1DT2H.` };
  }
  const factors = [hoursPerYear, hoursPerYear / 12, 168, 24, 1, 1 / 60, 1 / 3600];
  let total = 0;
  factors.forEach((factor, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) total += Number(amount) * factor;
  });
  return { ok: true, value: total };
}

/** An availability kept together with its complement, each computed without cancellation. */
export interface Availability {
  readonly availability: number;
  readonly unavailability: number;
}

/**
 * Reads "99.95%" or a fraction in (0, 1]. The unavailability is computed from the decimal
 * digits themselves, so "99.9999999%" keeps its precision instead of suffering 1 − a.
 */
export function parseAvailability(value: ScalarValue | undefined, source?: string): Parsed<Availability> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0 || value > 1) {
      const hint = value > 1 && value <= 100 ? ` Did you mean ${value}%?` : '';
      return { ok: false, message: `An availability must be a fraction in (0, 1] or a percentage, found ${value}.${hint}` };
    }
    const digits = source?.trim();
    const unavailability = digits && /^\d*\.?\d+$/.test(digits) ? complementDecimal(digits, 1) : 1 - value;
    return { ok: true, value: { availability: value, unavailability } };
  }
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(value);
    if (!match) return { ok: false, message: `"${value}" is not an availability: write a percentage such as 99.95% or a fraction such as 0.9995.` };
    const percent = Number(match[1]);
    if (percent <= 0 || percent > 100) {
      return { ok: false, message: `An availability must be above 0% and at most 100%, found ${value.trim()}.` };
    }
    return { ok: true, value: { availability: shiftPercent(match[1]!), unavailability: complementDecimal(match[1]!, 100) / 100 } };
  }
  return { ok: false, message: `Expected an availability such as 99.95% or 0.9995, found ${value === null || value === undefined ? 'nothing' : String(value)}.` };
}

/** Turns "99.9" into 0.999 by moving the decimal point in the text, so 99.9% is exactly 0.999. */
function shiftPercent(decimal: string): number {
  const [whole = '', fraction = ''] = decimal.split('.');
  const padded = whole.padStart(3, '0');
  return Number(`${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`);
}

/** Computes `total − decimal` exactly in integers, then divides once. */
function complementDecimal(decimal: string, total: number): number {
  const [whole = '', fraction = ''] = decimal.split('.');
  const scale = 10n ** BigInt(fraction.length);
  const digits = BigInt((whole || '0') + fraction);
  const difference = BigInt(total) * scale - digits;
  return Number(difference) / Number(scale);
}

/** Reads a probability in [0, 1]: `98%` or a fraction such as `0.98`. */
export function parseProbability(value: ScalarValue | undefined): Parsed<number> {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0 && value <= 1) return { ok: true, value };
    const hint = value > 1 && value <= 100 ? ` Did you mean ${value}%?` : '';
    return { ok: false, message: `A probability must be a fraction in [0, 1] or a percentage, found ${value}.${hint}` };
  }
  if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/.exec(value);
    if (match && Number(match[1]) <= 100) return { ok: true, value: Number(match[1]) / 100 };
    return { ok: false, message: `"${value}" is not a probability: write a percentage such as 98% or a fraction such as 0.98.` };
  }
  return { ok: false, message: `Expected a probability such as 98% or 0.98, found ${value === null || value === undefined ? 'nothing' : String(value)}.` };
}

/** Reads a whole number of at least one (replicas, quorum, atLeast). */
export function parsePositiveInteger(value: ScalarValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** Three significant digits, whole numbers from 1,000 on: for figures in sentences. */
export function trim(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  return String(Number(value.toPrecision(3)));
}

/** A duration in the largest unit that keeps it readable. */
export function formatHours(hours: number): string {
  if (hours >= hoursPerYear) return `${trim(hours / hoursPerYear)} y`;
  if (hours >= 48) return `${trim(hours / 24)} d`;
  if (hours >= 1) return `${trim(hours)} h`;
  if (hours >= 1 / 60) return `${trim(hours * 60)} min`;
  return `${trim(hours * 3600)} s`;
}
