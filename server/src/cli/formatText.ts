import { formatPercent, type ServiceFigures } from '../core';
import type { FileReport } from './fileReport';

/** Formats reports like a compiler: `file:line:col severity code message`, then a table. */
export function formatText(reports: readonly FileReport[], options: { table: boolean } = { table: true }): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const d of report.diagnostics) {
      lines.push(`${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
    }
    if (options.table && report.services.length > 0) {
      lines.push('', `${report.path}: ${report.services.length} service${report.services.length === 1 ? '' : 's'}`);
      lines.push(...formatTable(report.services), '');
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatTable(services: readonly ServiceFigures[]): string[] {
  const header = ['service', 'availability', 'nines', 'downtime/yr', 'outages/yr', 'SLA', 'SPOFs'];
  const rows = services.map((s) => [
    s.id,
    `${formatPercent(s.availability, s.unavailability, 1)}${s.exact ? '' : ' ~'}`,
    s.nines === null ? '∞' : s.nines.toFixed(2),
    formatMinutes(s.downtimeMinutesPerYear),
    s.failuresPerYear === null ? '?' : `${s.failuresPerYear.toFixed(2)}${s.frequencyPartial ? '+' : ''}`,
    s.sla === null ? '-' : `${formatPercent(s.sla, 1 - s.sla)} ${s.meetsSla ? 'met' : `MISSED by ${formatMinutes(s.slaGapMinutesPerYear ?? 0)}`}`,
    s.spofs.length ? s.spofs.join(', ') : 'none',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const notes: string[] = [];
  if (services.some((s) => !s.exact)) notes.push('~ Monte Carlo estimate');
  if (services.some((s) => s.frequencyPartial)) notes.push('+ partial: some parts give only an availability, so outages are undercounted');
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format), ...notes];
}

export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${(minutes * 60).toFixed(1)} s`;
  if (minutes < 120) return `${minutes.toFixed(1)} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}
