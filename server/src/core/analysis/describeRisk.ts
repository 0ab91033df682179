import { formatHours } from '../model/quantities';
import { hoursPerPeriod, type SlaPeriod } from '../model/types';
import type { ServiceFigures } from './results';

/** The share of periods past which a service that meets its target on average is warned about. */
export const breachWarningShare = 0.1;

/** A chance as a share of periods: 23%, 4.1%, 0.37%, "less than 0.01%", 0%. */
export function formatChance(p: number): string {
  if (p <= 0) return '0%';
  if (p < 1e-4) return 'less than 0.01%';
  if (p > 1 - 1e-4 && p < 1) return 'more than 99.99%';
  const percent = p * 100;
  return `${percent >= 10 ? Math.round(percent) : Number(percent.toPrecision(2))}%`;
}

/**
 * A chance that may be a lower bound (some frequencies unknown): "at least 23%", but "less
 * than 0.01%" stays as it is, since "at least" would say nothing there.
 */
export function formatLowerBound(p: number, partial: boolean): string {
  const text = formatChance(p);
  return partial && p >= 1e-4 ? `at least ${text}` : text;
}

/** "months", "quarters", "years". */
export function periodsWord(period: SlaPeriod): string {
  return `${period}s`;
}

/** How many SLA periods a year has: 12.2 months of 30 days, 4 quarters, 1 year. */
export function periodsPerYear(period: SlaPeriod): number {
  return 8760 / hoursPerPeriod[period];
}

/**
 * The SLA risks in a reader's words: "misses 99.95% in 23% of months; an outage longer than
 * 30 min in 4% of months". "at least" where some frequency is unknown. Undefined without risks.
 */
export function describeSlaRisk(s: Pick<ServiceFigures, 'breachProbability' | 'longOutageProbability' | 'maxOutageMinutes' | 'slaPeriod' | 'frequencyPartial'>, target: string): string | undefined {
  if (s.breachProbability === null || s.slaPeriod === null) return undefined;
  const periods = periodsWord(s.slaPeriod);
  const parts = [`misses ${target} in ${formatLowerBound(s.breachProbability, s.frequencyPartial)} of ${periods}`];
  if (s.longOutageProbability !== null && s.maxOutageMinutes !== null) {
    parts.push(`an outage longer than ${formatHours(s.maxOutageMinutes / 60)} in ${formatLowerBound(s.longOutageProbability, s.frequencyPartial)} of ${periods}`);
  }
  return parts.join('; ');
}
