import type { EditorIndex } from './editorIndex';
import { formatLowerBound, periodsWord } from '../analysis/describeRisk';
import type { ServiceFigures } from '../analysis/results';
import { formatDowntime, formatServiceAvailability, formatTarget, plural, type DowntimeUnit } from './format';

export interface Status {
  /** The service that decides the verdict: the worst miss, or the tightest margin. */
  readonly text: string;
  /** Every service, one line each, with its SLA verdict. */
  readonly tooltip: string;
  /** Warning when a service misses its SLA; errors in the file do not colour the verdict. */
  readonly level: 'ok' | 'warning' | 'none';
  /** Errors in the file, for an item of their own; undefined when there are none. */
  readonly errors?: string;
}

/**
 * The status bar's verdict: the service with the worst miss of its SLA ("Worst: mysql
 * 99.979% / SLA 99.99%"), or, when all meet theirs, the one with the smallest margin
 * ("Tightest: web-hosting 99.978% / SLA 99.95%"), or without targets the least available.
 */
export function summariseStatus(index: EditorIndex, unit: DowntimeUnit): Status {
  const errorCount = index.diagnostics.filter((d) => d.severity === 'error').length;
  const errors = errorCount > 0 ? `$(error) ${plural(errorCount, 'error')} in the topology` : undefined;
  if (index.services.length === 0) return { text: 'HA: no services analysed', tooltip: 'No service could be analysed.', level: 'none', ...(errors ? { errors } : {}) };
  const withTarget = index.services.filter((s) => s.sla !== null);
  // How far each service uses its allowed downtime: above 1 it misses its SLA.
  const used = (s: ServiceFigures) => (s.sla === null ? s.unavailability : s.unavailability / (1 - s.sla));
  const decisive = [...(withTarget.length ? withTarget : index.services)].sort((a, b) => used(b) - used(a))[0]!;
  const missed = index.services.filter((s) => s.meetsSla === false);
  const availability = formatServiceAvailability(decisive);
  const target = decisive.sla !== null ? ` / SLA ${formatTarget(decisive.sla)}` : '';
  const text = missed.length
    ? `$(warning) Worst: ${decisive.id} ${availability}${target}`
    : `$(pass) ${decisive.sla !== null ? 'Tightest' : 'Lowest'}: ${decisive.id} ${availability}${target}`;
  const lines = index.services.map(
    (s) =>
      `${s.meetsSla === false ? '✗' : s.meetsSla ? '✓' : '·'} ${s.id}: ${formatServiceAvailability(s)}, ${formatDowntime(s.downtimeMinutesPerYear, unit)} a year${s.sla !== null ? ` (SLA ${formatTarget(s.sla)})` : ''}` +
      (s.breachProbability !== null && s.slaPeriod !== null ? `, misses it in ${formatLowerBound(s.breachProbability, s.frequencyPartial)} of ${periodsWord(s.slaPeriod)}` : ''),
  );
  const verdict = missed.length ? `${missed.length} of ${plural(index.services.length, 'service')} miss their SLA` : withTarget.length ? 'Every service meets its SLA' : 'No service has an SLA';
  return { text, tooltip: `${verdict}\n${lines.join('\n')}`, level: missed.length ? 'warning' : 'ok', ...(errors ? { errors } : {}) };
}
