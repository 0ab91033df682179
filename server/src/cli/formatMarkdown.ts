import { formatChance, formatHours, formatPercent, formatServiceAvailability, periodsPerYear, periodsWord } from '../core';
import type { FileReport } from './fileReport';
import { collectSwitchovers, formatMinutes, formatShare } from './formatText';

const icons = { error: '❌', warning: '⚠️', information: 'ℹ️', hint: '💡' } as const;

/** A summary fit for a pull-request comment: one table of services, then the problems. */
export function formatMarkdown(reports: readonly FileReport[]): string {
  const lines: string[] = ['## HA Topology', ''];
  const services = reports.flatMap((r) => r.services.map((s) => ({ file: r.path, ...s })));
  const missed = services.filter((s) => s.meetsSla === false).length;
  const spofs = services.filter((s) => s.spofs.length > 0).length;
  const errors = reports.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error').length;
  lines.push(
    `${services.length} service${services.length === 1 ? '' : 's'} in ${reports.length} file${reports.length === 1 ? '' : 's'}: ` +
      `${missed ? `**${missed} below SLA**` : 'all meet their SLA'}, ${spofs ? `**${spofs} with a single point of failure**` : 'no single point of failure'}` +
      `${errors ? `, **${errors} error${errors === 1 ? '' : 's'}**` : ''}.`,
    '',
  );
  if (services.length > 0) {
    const multi = reports.length > 1;
    lines.push(`| ${multi ? 'File | ' : ''}Service | Availability | Downtime / year | SLA | Single points of failure |`);
    lines.push(`|${multi ? ' --- |' : ''} --- | ---: | ---: | --- | --- |`);
    for (const s of services) {
      const sla = s.sla === null ? '—' : `${s.meetsSla ? '✅' : '❌'} ${formatPercent(s.sla, 1 - s.sla)}${s.meetsSla ? '' : ` (${formatMinutes(s.slaGapMinutesPerYear ?? 0)} over)`}`;
      lines.push(
        `| ${multi ? `${escape(s.file)} | ` : ''}${escape(s.id)} | ${formatServiceAvailability(s)}${s.exact ? '' : ' ≈'} | ${formatMinutes(s.downtimeMinutesPerYear)} | ${sla} | ${s.spofs.length ? s.spofs.map((x) => `\`${escape(x)}\``).join(', ') : 'none'} |`,
      );
    }
    lines.push('');
  }
  const switchovers = reports.flatMap((r) => collectSwitchovers(r.services));
  if (switchovers.length > 0) {
    lines.push('### Switchovers', '', '| Switchover | Per year | Works | Costs a year |', '| --- | ---: | ---: | --- |');
    for (const r of switchovers) {
      lines.push(`| ${escape(r.name)} | ${r.perYear.toFixed(2)} | ${formatShare(r.switchSuccess)} | ${r.costs.map((c) => `${escape(c.service)} ${formatMinutes(c.minutesPerYear)}`).join(', ')} |`);
    }
    lines.push('');
  }
  const causes = reports.flatMap((r) => r.services.flatMap((s) => s.causes.filter((c) => c.minutesPerYear > 0).map((c) => ({ service: s.id, ...c }))));
  if (causes.length > 0) {
    lines.push('### Common causes and maintenance', '', '| Service | Cause | Costs a year | Share of downtime |', '| --- | --- | ---: | ---: |');
    for (const c of causes) {
      lines.push(`| ${escape(c.service)} | ${c.kind === 'maintenance' ? 'maintenance of' : 'common cause'} \`${escape(c.id)}\` | ${formatMinutes(c.minutesPerYear)} | ${formatShare(c.share)} |`);
    }
    lines.push('');
  }
  const risks = services.filter((s) => s.breachProbability !== null && s.sla !== null && s.slaPeriod !== null);
  if (risks.length > 0) {
    lines.push('### SLA risk per period', '', '| Service | SLA | Periods that meet it | Breaches a year | Outage longer than allowed |', '| --- | --- | ---: | ---: | ---: |');
    for (const s of risks) {
      // "+" and "−" mark bounds where some frequencies are unknown.
      const more = s.frequencyPartial ? '+' : '';
      const long = s.longOutageProbability === null ? '—' : `${formatChance(s.longOutageProbability)}${more} of ${periodsWord(s.slaPeriod!)} (> ${formatHours(s.maxOutageMinutes! / 60)})`;
      lines.push(`| ${escape(s.id)} | ${formatPercent(s.sla!, 1 - s.sla!)} per ${s.slaPeriod} | ${formatChance(1 - s.breachProbability!)}${s.frequencyPartial && s.breachProbability! >= 1e-4 ? '−' : ''} | ${(s.breachProbability! * periodsPerYear(s.slaPeriod!)).toFixed(2)}${more} | ${long} |`);
    }
    if (risks.some((s) => s.frequencyPartial)) lines.push('', '+ at least, − at most: some parts give only an availability, so outages are undercounted.');
    lines.push('');
  }
  const problems = reports.flatMap((r) => r.diagnostics.map((d) => ({ file: r.path, ...d })));
  if (problems.length > 0) {
    lines.push('### Problems', '');
    for (const p of problems) {
      lines.push(`- ${icons[p.severity]} \`${escape(p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}\` **${p.code}** ${escape(p.message)}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

/** Keeps text from the file from breaking the table or turning into markup. */
function escape(text: string): string {
  return text.replace(/[\\|*_`<>[\]]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}
