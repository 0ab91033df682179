import type { EditorIndex } from './editorIndex';
import { formatAvailability, formatDowntime, formatTarget, type DowntimeUnit } from './format';

export interface Status {
  readonly text: string;
  readonly tooltip: string;
  readonly level: 'ok' | 'warning' | 'error' | 'none';
}

/** The worst service against its SLA, for the status bar. */
export function summariseStatus(index: EditorIndex, unit: DowntimeUnit): Status {
  const errors = index.diagnostics.filter((d) => d.severity === 'error').length;
  if (index.services.length === 0) {
    return { text: errors ? `HA: ${errors} error${errors === 1 ? '' : 's'}` : 'HA: no services', tooltip: 'No service could be analysed.', level: errors ? 'error' : 'none' };
  }
  const withTarget = index.services.filter((s) => s.sla !== null);
  const worst = [...(withTarget.length ? withTarget : index.services)].sort((a, b) => {
    const gapA = a.sla === null ? a.unavailability : a.unavailability / (1 - a.sla);
    const gapB = b.sla === null ? b.unavailability : b.unavailability / (1 - b.sla);
    return gapB - gapA;
  })[0]!;
  const missed = index.services.filter((s) => s.meetsSla === false);
  const availability = formatAvailability(worst.availability, worst.unavailability);
  const text = missed.length
    ? `$(warning) ${worst.id} ${availability} < SLA`
    : `$(pass) ${worst.id} ${availability}${worst.sla !== null ? ` ≥ SLA` : ''}`;
  const lines = index.services.map(
    (s) => `${s.meetsSla === false ? '✗' : s.meetsSla ? '✓' : '·'} ${s.id}: ${formatAvailability(s.availability, s.unavailability)}, ${formatDowntime(s.downtimeMinutesPerYear, unit)} a year${s.sla !== null ? ` (SLA ${formatTarget(s.sla)})` : ''}`,
  );
  return {
    text,
    tooltip: `${missed.length ? `${missed.length} of ${index.services.length} services miss their SLA` : 'Every service meets its SLA'}${errors ? `; ${errors} error${errors === 1 ? '' : 's'} in the file` : ''}\n${lines.join('\n')}`,
    level: errors ? 'error' : missed.length ? 'warning' : 'ok',
  };
}
