import { formatAvailability, formatChance, formatHours, formatPercent, formatServiceAvailability, periodsPerYear, type ServiceFigures } from '../core';
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
      const switchovers = collectSwitchovers(report.services);
      if (switchovers.length > 0) lines.push(...formatSwitchoverTable(switchovers), '');
      const causes = report.services.flatMap((s) => s.causes.filter((c) => c.minutesPerYear > 0).map((c) => [s.id, `${c.kind === 'maintenance' ? 'maintenance of' : 'common cause'} ${c.id}`, formatMinutes(c.minutesPerYear), formatShare(c.share)]));
      if (causes.length > 0) lines.push(...formatColumns(['service', 'cause', 'costs a year', 'share of downtime'], causes), '');
      const risks = report.services.filter((s) => s.breachProbability !== null);
      if (risks.length > 0) lines.push(...formatRiskTable(risks), '');
      const phased = report.services.filter((s) => s.availabilityByPhase !== null);
      if (phased.length > 0) {
        const rows = phased.map((s) => [s.id, formatAvailability(s.availabilityByPhase!.peak, 1 - s.availabilityByPhase!.peak), formatAvailability(s.availabilityByPhase!.normal, 1 - s.availabilityByPhase!.normal)]);
        lines.push(...formatColumns(['service', 'at peak', 'off-peak'], rows), '');
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function formatTable(services: readonly ServiceFigures[]): string[] {
  const header = ['service', 'availability', 'nines', 'downtime/yr', 'outages/yr', 'SLA', 'SPOFs'];
  const rows = services.map((s) => [
    s.id,
    `${formatServiceAvailability(s)}${s.exact ? '' : ' ~'}`,
    s.nines === null ? '∞' : s.nines.toFixed(2),
    formatMinutes(s.downtimeMinutesPerYear),
    s.failuresPerYear === null ? '?' : `${s.failuresPerYear.toFixed(2)}${s.frequencyPartial ? '+' : ''}`,
    s.sla === null ? '-' : `${formatPercent(s.sla, 1 - s.sla)} ${s.meetsSla ? 'met' : `MISSED by ${formatMinutes(s.slaGapMinutesPerYear ?? 0)}`}`,
    s.spofs.length ? s.spofs.join(', ') : 'none',
  ]);
  const notes: string[] = [];
  if (services.some((s) => !s.exact)) notes.push('~ Monte Carlo estimate');
  if (services.some((s) => s.frequencyPartial)) notes.push('+ partial: some parts give only an availability, so outages are undercounted');
  return [...formatColumns(header, rows), ...notes];
}

/** Per service: how often a period misses its target, how often an outage is too long, and breaches a year. */
function formatRiskTable(services: readonly ServiceFigures[]): string[] {
  const rows = services.map((s) => {
    // "+" marks a lower bound, as in the outages column.
    const least = s.frequencyPartial ? '+' : '';
    const period = s.slaPeriod!;
    return [
      s.id,
      `${formatPercent(s.sla!, 1 - s.sla!)} per ${period}`,
      `${formatChance(s.breachProbability!)}${s.breachProbability! >= 1e-4 ? least : ''}`,
      s.longOutageProbability === null ? '-' : `${formatChance(s.longOutageProbability)}${least} (> ${formatHours(s.maxOutageMinutes! / 60)})`,
      `${(s.breachProbability! * periodsPerYear(period)).toFixed(2)}${least}`,
    ];
  });
  return formatColumns(['service', 'SLA', 'periods missed', 'periods with a long outage', `${services.every((s) => s.slaPeriod === 'month') ? 'months' : 'periods'} a year with a breach`], rows);
}

export function formatMinutes(minutes: number): string {
  if (minutes < 1) return `${(minutes * 60).toFixed(1)} s`;
  if (minutes < 120) return `${minutes.toFixed(1)} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}

/** A failover group's figures once, with what its switchovers cost each service that depends on it. */
export interface SwitchoverRow {
  readonly name: string;
  readonly perYear: number;
  readonly switchSuccess: number;
  readonly requiresHold: number;
  readonly costs: readonly { readonly service: string; readonly minutesPerYear: number }[];
}

export function collectSwitchovers(services: readonly ServiceFigures[]): SwitchoverRow[] {
  const rows = new Map<string, SwitchoverRow & { costs: { service: string; minutesPerYear: number }[] }>();
  for (const service of services) {
    for (const f of service.failovers) {
      const row = rows.get(f.name) ?? { name: f.name, perYear: f.switchoversPerYear, switchSuccess: f.switchSuccess, requiresHold: f.requiresHold, costs: [] };
      row.costs.push({ service: service.id, minutesPerYear: f.outageMinutesPerYear });
      rows.set(f.name, row);
    }
  }
  return [...rows.values()];
}

function formatSwitchoverTable(rows: readonly SwitchoverRow[]): string[] {
  return formatColumns(['switchover', 'per year', 'works', 'costs a year'], rows.map((r) => [
    r.name,
    r.perYear.toFixed(2),
    `${formatShare(r.switchSuccess)}${r.requiresHold < 1 ? ` (needs hold ${formatShare(r.requiresHold)})` : ''}`,
    r.costs.map((c) => `${c.service} ${formatMinutes(c.minutesPerYear)}`).join(', '),
  ]));
}

/** A headed table of text columns, each as wide as its widest cell. */
function formatColumns(header: readonly string[], cells: readonly string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const format = (row: readonly string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...cells.map(format)];
}

export function formatShare(probability: number): string {
  return `${Number((probability * 100).toPrecision(4))}%`;
}
