import { hoursPerYear } from '../model/quantities';
import type { EditorIndex, EntityInfo } from './editorIndex';
import { describeFailure, formatAvailability, formatDowntime, formatHours, formatTarget, plural, type DowntimeUnit } from './format';

/**
 * The hover of an id: what it is, its failure data, its computed figures and how they
 * were computed, and the three fixes that would save the most downtime.
 */
export function describeEntity(index: EditorIndex, entity: EntityInfo, unit: DowntimeUnit): string {
  const lines: string[] = [];
  const title = entity.type === 'service' ? 'service' : (entity.kind ?? 'component');
  lines.push(`**${entity.id}** · ${title}${entity.replicas > 1 ? ` · ${entity.replicas} replicas, quorum ${entity.quorum}` : ''}`);
  if (entity.description) lines.push('', entity.description);
  lines.push('', `Own failures: ${describeFailure(entity.failure)}.`);
  if (entity.requires.length > 0) lines.push('', `Requires: ${entity.requires.map((id) => `\`${id}\``).join(', ')}.`);
  if (entity.type === 'service') {
    const figures = index.services.find((s) => s.id === entity.id);
    if (figures) {
      lines.push(
        '',
        `**Predicted availability ${formatAvailability(figures.availability, figures.unavailability)}**${figures.exact ? '' : ' (Monte Carlo estimate)'}` +
          ` · down ${formatDowntime(figures.downtimeMinutesPerYear, unit)} a year, ${formatDowntime(figures.downtimeMinutesPerMonth, unit)} a month` +
          (figures.nines !== null ? ` · ${figures.nines.toFixed(2)} nines` : ''),
      );
      if (figures.failuresPerYear !== null) {
        lines.push(
          '',
          `${figures.failuresPerYear.toFixed(2)} outages a year${figures.frequencyPartial ? ' (at least: some parts give only an availability)' : ''}` +
            (figures.meanOutageHours !== null ? `, lasting ${formatHours(figures.meanOutageHours)} on average` : '') +
            (figures.mtbfHours !== null ? `; predicted MTBF ${formatHours(figures.mtbfHours)}` : '') +
            '.',
        );
      }
      if (figures.sla !== null) {
        lines.push(
          '',
          figures.meetsSla
            ? `Meets its SLA of ${formatTarget(figures.sla)}.`
            : `**Misses its SLA** of ${formatTarget(figures.sla)} by ${formatDowntime(figures.slaGapMinutesPerYear ?? 0, unit)} a year.`,
        );
      }
      lines.push('', figures.spofs.length ? `Single points of failure: ${figures.spofs.map((s) => `\`${s}\``).join(', ')}.` : 'No single point of failure.');
      const fixes = figures.fixes.slice(0, 3);
      if (fixes.length > 0) {
        lines.push('', 'What to fix first (downtime saved if it never failed):');
        fixes.forEach((fix, i) => lines.push(`${i + 1}. \`${fix.id}\`: ${formatDowntime(fix.savesMinutesPerYear, unit)} a year`));
      }
      lines.push(
        '',
        `*How:* the exact probability that every requirement holds, over ${figures.exact ? `a decision diagram of ${figures.bddNodes} nodes` : 'a seeded simulation'} in which each failing part is an independent event with availability MTBF / (MTBF + MTTR); shared dependencies count once. Outages a year add up each event's failure rate weighted by how often its failure alone decides the outcome (Birnbaum importance).`,
      );
    }
  } else {
    const figures = index.components.find((c) => c.id === entity.id);
    if (figures && figures.availability !== null && figures.unavailability !== null) {
      lines.push(
        '',
        `**With what it requires: ${formatAvailability(figures.availability, figures.unavailability)}** · down ${formatDowntime(figures.downtimeMinutesPerYear ?? 0, unit)} a year` +
          (figures.failuresPerYear !== null ? ` · ${figures.failuresPerYear.toFixed(2)} outages a year` : ''),
      );
      const others = figures.spofs.filter((s) => s !== entity.id && !s.startsWith(`${entity.id}#`));
      if (others.length) lines.push('', `Goes down with any one of: ${others.map((s) => `\`${s}\``).join(', ')}.`);
    }
    const dependants = index.services.filter((s) => s.spofs.some((spof) => spof === entity.id || spof.startsWith(`${entity.id}#`)));
    if (dependants.length > 0) {
      lines.push('', `**Single point of failure** for ${dependants.map((s) => `\`${s.id}\``).join(', ')}.`);
    }
    const savings = index.services.flatMap((s) => s.fixes.filter((f) => f.id === entity.id || f.id.startsWith(`${entity.id}#`)).map((f) => ({ service: s.id, minutes: f.savesMinutesPerYear })));
    if (savings.length > 0) {
      savings.sort((a, b) => b.minutes - a.minutes);
      lines.push('', `Making it never fail would save ${savings.slice(0, 3).map((s) => `${formatDowntime(s.minutes, unit)} a year of \`${s.service}\``).join(', ')}.`);
    }
    if (entity.failure.kind === 'rates') {
      lines.push('', `*How:* a = MTBF / (MTBF + MTTR) = ${entity.failure.mtbfHours} h / ${entity.failure.mtbfHours + entity.failure.mttrHours} h; it fails 1 / (MTBF + MTTR) = ${(hoursPerYear / (entity.failure.mtbfHours + entity.failure.mttrHours)).toFixed(3)} times a year.`);
    }
  }
  const referencedBy = index.references.filter((r) => r.id === entity.id).map((r) => r.owner);
  if (referencedBy.length > 0) lines.push('', `Required by ${plural(new Set(referencedBy).size, 'part')}: ${[...new Set(referencedBy)].map((id) => `\`${id}\``).join(', ')}.`);
  return lines.join('\n');
}
