import type { ComponentFigures, ServiceFigures } from '../analysis/results';
import { formatLowerBound, periodsWord } from '../analysis/describeRisk';
import { groupServicesByCause } from '../analysis/describeSinglePoints';
import { labelSite } from './describeSite';
import type { EditorIndex, EntityInfo } from './editorIndex';
import { hoursPerYear } from '../model/quantities';
import { formatAvailability, formatDowntime, formatServiceAvailability, formatTarget, plural, type DowntimeUnit } from './format';

export interface InlineFigure {
  readonly id: string;
  /** Where the hint goes: the end of the line that defines the id. */
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

/**
 * One short label per service and component, saying what matters for that line: a service's
 * availability, downtime a year, single points of failure and SLA margin ("99.978% · 117 min
 * a year · 2 SPOFs · SLA 99.95% met, 2.3 h to spare"); a component's availability and, when
 * it is one, how many services it can take down alone ("SPOF of 6 services"); and after each
 * failover, common cause and maintenance, what it costs.
 */
export function listInlineFigures(index: EditorIndex, text: string, unit: DowntimeUnit): InlineFigure[] {
  const figures: InlineFigure[] = [];
  const services = new Map(index.services.map((s) => [s.id, s]));
  const components = new Map(index.components.map((c) => [c.id, c]));
  // The services each component takes down alone (any of its instances counts).
  const spofOf = groupServicesByCause(index.services);
  for (const entity of index.entities) {
    const label = labelEntity(entity, services, components, spofOf, unit);
    if (!label) continue;
    const lineEnd = text.indexOf('\n', entity.idSpan.end);
    const end = lineEnd < 0 ? text.length : lineEnd;
    figures.push({ id: entity.id, offset: text.charAt(end - 1) === '\r' ? end - 1 : end, label: label.label, tooltip: label.tooltip });
  }
  for (const site of index.sites) {
    const label = labelSite(index, site, unit);
    if (!label) continue;
    // After a value on the key's own line (a flow map, a duration); after the key's line for a block.
    const lineEnd = text.indexOf('\n', site.span.end);
    const sameLine = lineEnd < 0 || site.valueEnd <= lineEnd;
    const end = sameLine ? site.valueEnd : text.charAt(lineEnd - 1) === '\r' ? lineEnd - 1 : lineEnd;
    figures.push({ id: site.name, offset: end, label: label.label, tooltip: label.tooltip });
  }
  return figures.sort((a, b) => a.offset - b.offset);
}

function labelEntity(
  entity: EntityInfo,
  services: ReadonlyMap<string, ServiceFigures>,
  components: ReadonlyMap<string, ComponentFigures>,
  spofOf: ReadonlyMap<string, readonly string[]>,
  unit: DowntimeUnit,
): { label: string; tooltip: string } | undefined {
  if (entity.type === 'service') {
    const s = services.get(entity.id);
    if (!s) return undefined;
    const parts = [`${s.exact ? '' : '≈'}${formatServiceAvailability(s)}`, `${formatDowntime(s.downtimeMinutesPerYear, unit)} a year`];
    if (s.spofs.length > 0) parts.push(plural(s.spofs.length, 'SPOF'));
    if (s.sla !== null) {
      const spare = ((1 - s.sla) - s.unavailability) * hoursPerYear * 60;
      parts.push(s.meetsSla === false ? `misses SLA ${formatTarget(s.sla)} by ${formatDowntime(s.slaGapMinutesPerYear ?? 0, unit)}` : `SLA ${formatTarget(s.sla)} met, ${formatDowntime(Math.max(0, spare), unit)} to spare`);
      // Below one period in a thousand the risk is noise on a line that already says a lot.
      if (s.breachProbability !== null && s.slaPeriod !== null && s.breachProbability >= 0.001) parts.push(`breached in ${formatLowerBound(s.breachProbability, s.frequencyPartial)} of ${periodsWord(s.slaPeriod)}`);
    }
    return { label: parts.join(' · '), tooltip: `Predicted availability of ${s.id}, its downtime a year, its single points of failure, its margin against the SLA and how often a period breaches it.` };
  }
  if (entity.failure.kind === 'never') return { label: 'no failure data: counted as never failing', tooltip: `Give ${entity.id} mtbf and mttr, an availability, or defaults for its kind.` };
  const c = components.get(entity.id);
  if (!c || c.availability === null || c.unavailability === null) return undefined;
  const parts = [formatAvailability(c.availability, c.unavailability), `${formatDowntime(c.downtimeMinutesPerYear ?? 0, unit)} a year`];
  const takesDown = spofOf.get(entity.id)?.length ?? 0;
  if (takesDown > 0) parts.push(`SPOF of ${plural(takesDown, 'service')}`);
  return { label: parts.join(' · '), tooltip: `Availability of ${c.id} with everything it requires, its downtime a year, and how many services it takes down alone.` };
}
