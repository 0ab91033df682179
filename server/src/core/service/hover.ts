import { describeSlaRisk, periodsPerYear } from '../analysis/describeRisk';
import { hoursPerYear } from '../model/quantities';
import type { EditorIndex, EntityInfo } from './editorIndex';
import { describeFailure, formatAvailability, formatDowntime, formatHours, formatServiceAvailability, formatTarget, formatTimes, plural, type DowntimeUnit } from './format';

/**
 * The hover of an id, leading with the answer: what it is and its figures (availability,
 * downtime a year, the SLA verdict with its margin), then what it requires as the expressions
 * it is written with, then what it takes down, then the fixes in plain words, then how the
 * figures were computed.
 */
export function describeEntity(index: EditorIndex, entity: EntityInfo, unit: DowntimeUnit): string {
  const lines: string[] = [];
  const title = entity.type === 'service' ? 'service' : (entity.kind ?? 'component');
  const replicas = entity.replicas > 1 ? ` · ${entity.replicas} replicas, quorum ${entity.quorum}` : '';
  if (entity.type === 'service') {
    const figures = index.services.find((s) => s.id === entity.id);
    if (!figures) {
      lines.push(`**${entity.id}** · ${title}`);
    } else {
      const verdict =
        figures.sla === null
          ? ''
          : figures.meetsSla
            ? ` · SLA ${formatTarget(figures.sla)} met, ${formatDowntime(Math.max(0, (1 - figures.sla - figures.unavailability) * hoursPerYear * 60), unit)} a year to spare`
            : ` · **Misses its SLA** of ${formatTarget(figures.sla)} by ${formatDowntime(figures.slaGapMinutesPerYear ?? 0, unit)} a year`;
      lines.push(
        `**${entity.id}** · ${title} · Predicted availability **${formatServiceAvailability(figures)}**${figures.exact ? '' : ' (Monte Carlo estimate)'}, down ${formatDowntime(figures.downtimeMinutesPerYear, unit)} a year${verdict}`,
      );
      const risk = figures.sla === null ? undefined : describeSlaRisk(figures, formatTarget(figures.sla));
      if (risk && figures.slaPeriod) lines.push('', `Per ${figures.slaPeriod}: ${risk} (about ${formatBreachesAYear(figures.breachProbability! * periodsPerYear(figures.slaPeriod))} a year).`);
      if (figures.availabilityByPhase) {
        const { peak, normal } = figures.availabilityByPhase;
        lines.push('', `At peak ${formatAvailability(peak, 1 - peak)}, off-peak ${formatAvailability(normal, 1 - normal)}.`);
      }
      if (entity.description) lines.push('', entity.description);
      if (entity.requiresText) lines.push('', `Requires: ${entity.requiresText}.`);
      lines.push('', figures.spofs.length ? `Single points of failure${figures.availabilityByPhase ? ' at peak' : ''}: ${figures.spofs.map((s) => `\`${s}\``).join(', ')}.` : 'No single point of failure.');
      const fixes = figures.fixes.slice(0, 3);
      if (fixes.length > 0) {
        lines.push('', 'What to fix first:');
        fixes.forEach((fix, i) => lines.push(`${i + 1}. ${describeFix(fix.id)}: saves ${formatDowntime(fix.savesMinutesPerYear, unit)} a year`));
      }
      if (figures.failuresPerYear !== null) {
        lines.push(
          '',
          `${formatTimes(figures.failuresPerYear)} a year${figures.frequencyPartial ? ' at least (some parts give only an availability)' : ''}` +
            (figures.meanOutageHours !== null ? `, lasting ${formatHours(figures.meanOutageHours)} on average` : '') +
            (figures.nines !== null ? `; ${figures.nines.toFixed(2)} nines` : '') +
            '.',
        );
      }
      lines.push(
        '',
        `*How:* the exact probability that every requirement holds, over ${figures.exact ? `a decision diagram of ${figures.bddNodes} nodes` : 'a seeded simulation'} in which each failing part is an independent event with availability MTBF / (MTBF + MTTR); shared dependencies count once. Outages a year add up each event's failure rate weighted by how often its failure alone decides the outcome (Birnbaum importance).`,
      );
    }
  } else {
    const figures = index.components.find((c) => c.id === entity.id);
    const known = figures && figures.availability !== null && figures.unavailability !== null;
    lines.push(
      `**${entity.id}** · ${title}${replicas}` +
        (known ? ` · **${formatAvailability(figures.availability!, figures.unavailability!)}** with what it requires, down ${formatDowntime(figures.downtimeMinutesPerYear ?? 0, unit)} a year` : ''),
    );
    const dependants = index.services.filter((s) => s.spofs.some((spof) => spof === entity.id || spof.startsWith(`${entity.id}#`)));
    if (dependants.length > 0) lines.push('', `**Single point of failure** for ${dependants.map((s) => `\`${s.id}\``).join(', ')}.`);
    if (entity.description) lines.push('', entity.description);
    if (entity.requiresText) lines.push('', `Requires: ${entity.requiresText}.`);
    lines.push('', `Own failures: ${describeFailure(entity.failure)}.`);
    if (known) {
      const others = figures.spofs.filter((s) => s !== entity.id && !s.startsWith(`${entity.id}#`));
      if (others.length) lines.push('', `Goes down with any one of: ${others.map((s) => `\`${s}\``).join(', ')}.`);
    }
    const savings = index.services.flatMap((s) => s.fixes.filter((f) => f.id === entity.id || f.id.startsWith(`${entity.id}#`)).map((f) => ({ service: s.id, minutes: f.savesMinutesPerYear })));
    if (savings.length > 0) {
      savings.sort((a, b) => b.minutes - a.minutes);
      lines.push('', `Making it never fail would save ${savings.slice(0, 3).map((s) => `${formatDowntime(s.minutes, unit)} a year of \`${s.service}\``).join(', ')}.`);
    }
    if (entity.failure.kind === 'rates') {
      lines.push('', `*How:* a = MTBF / (MTBF + MTTR) = ${entity.failure.mtbfHours} h / ${entity.failure.mtbfHours + entity.failure.mttrHours} h; it fails 1 / (MTBF + MTTR) = ${formatTimes(hoursPerYear / (entity.failure.mtbfHours + entity.failure.mttrHours))} a year.`);
    }
  }
  const referencedBy = index.references.filter((r) => r.id === entity.id).map((r) => r.owner);
  if (referencedBy.length > 0) lines.push('', `Required by ${plural(new Set(referencedBy).size, 'part')}: ${[...new Set(referencedBy)].map((id) => `\`${id}\``).join(', ')}.`);
  return lines.join('\n');
}

/** "1.8 breaches", "0.05 breaches", "one breach". */
function formatBreachesAYear(count: number): string {
  const rounded = count >= 0.1 ? count.toFixed(1) : count.toFixed(2);
  return rounded === '1.0' ? 'one breach' : `${rounded} breaches`;
}

/** A fix in plain words, from the event it removes. */
function describeFix(event: string): string {
  const failover = /^failover of (.+) \((.+)\)( #\d+)?$/.exec(event);
  if (failover) return `make the failover of \`${failover[1]}\` in \`${failover[2]}\` instant and sure`;
  const maintenance = /^(.+) \(maintenance\)$/.exec(event);
  if (maintenance) return `take \`${maintenance[1]}\` down for maintenance without an outage`;
  if (event.startsWith('common:')) return `remove the common cause of \`${event.slice('common:'.length)}\``;
  return `make \`${event}\` never fail`;
}
