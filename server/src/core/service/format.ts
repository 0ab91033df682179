import { formatAgainstTarget, formatPercent } from '../analysis/analyseTopology';
import type { ServiceFigures } from '../analysis/results';
import { formatHours, hoursPerYear, trim } from '../model/quantities';

export { formatHours };
import type { Failure } from '../model/types';

export type DowntimeUnit = 'auto' | 'seconds' | 'minutes' | 'hours';

/** Formats minutes of downtime per year in the unit the user chose, or the most readable one. */
export function formatDowntime(minutes: number, unit: DowntimeUnit = 'auto'): string {
  const chosen = unit !== 'auto' ? unit : minutes < 1 ? 'seconds' : minutes < 120 ? 'minutes' : 'hours';
  // Below a hundredth of a second the digits say nothing a person can use.
  if (unit === 'auto' && minutes > 0 && minutes * 60 < 0.01) return 'less than 0.01 s';
  if (chosen === 'seconds') return `${trim(minutes * 60)} s`;
  if (chosen === 'minutes') return `${trim(minutes)} min`;
  return `${trim(minutes / 60)} h`;
}

/** Three significant digits at most, without trailing zeros: 2.28, 8, 0.438, 1234. */

/** A predicted availability: one digit more than its nines need. */
export function formatAvailability(availability: number, unavailability: number): string {
  return formatPercent(availability, unavailability, 1);
}

/** A service's availability, with the digits its SLA verdict needs to read right (see formatAgainstTarget). */
export function formatServiceAvailability(s: Pick<ServiceFigures, 'availability' | 'unavailability' | 'sla' | 'meetsSla'>): string {
  return s.sla === null || s.meetsSla === null ? formatAvailability(s.availability, s.unavailability) : formatAgainstTarget(s.availability, s.unavailability, s.sla, s.meetsSla);
}

/** A target as people write it: 99.9%, 99.95%. */
export function formatTarget(availability: number): string {
  return formatPercent(availability, 1 - availability, 0);
}


/** Describes failure data in words, for hovers. */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'rates':
      return `MTBF ${formatHours(failure.mtbfHours)}, MTTR ${formatHours(failure.mttrHours)}${failure.source === 'defaults' ? ' (from defaults)' : ''}: on its own ${formatAvailability(failure.availability, failure.unavailability)}, failing ${formatTimes(failure.frequency * hoursPerYear)} a year`;
    case 'availability':
      return `availability ${formatAvailability(failure.availability, failure.unavailability)}${failure.source === 'defaults' ? ' (from defaults)' : ''}, failure frequency unknown`;
    case 'never':
      return 'no failure data: treated as never failing';
  }
}

/** A count of times in words that agree with it: "once", "2 times", "0.44 times". */
export function formatTimes(count: number): string {
  if (count === 1) return 'once';
  return `${count >= 10 ? Math.round(count).toString() : trim(count)} times`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
