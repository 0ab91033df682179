import type { ComponentFigures, ServiceFigures } from '../analysis/results';
import { labelSite } from './describeSite';
import type { EditorIndex, EntityInfo } from './editorIndex';
import { formatAvailability, formatDowntime, plural, type DowntimeUnit } from './format';

export interface InlineFigure {
  readonly id: string;
  /** Where the hint goes: the end of the line that defines the id. */
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

/**
 * One short label per service and component: availability, downtime a year and how many
 * single points of failure it has, e.g. "99.978% · 113 min/y · 1 SPOF"; and one after each
 * failover, common cause and maintenance, saying what it costs.
 */
export function listInlineFigures(index: EditorIndex, text: string, unit: DowntimeUnit): InlineFigure[] {
  const figures: InlineFigure[] = [];
  const services = new Map(index.services.map((s) => [s.id, s]));
  const components = new Map(index.components.map((c) => [c.id, c]));
  for (const entity of index.entities) {
    const label = labelEntity(entity, services, components, unit);
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
  unit: DowntimeUnit,
): { label: string; tooltip: string } | undefined {
  if (entity.type === 'service') {
    const s = services.get(entity.id);
    if (!s) return undefined;
    const sla = s.meetsSla === false ? ' · below SLA' : '';
    return {
      label: `${s.exact ? '' : '≈'}${formatAvailability(s.availability, s.unavailability)} · ${formatDowntime(s.downtimeMinutesPerYear, unit)}/y · ${plural(s.spofs.length, 'SPOF')}${sla}`,
      tooltip: `Predicted availability of ${s.id}; downtime per year; single points of failure.`,
    };
  }
  const c = components.get(entity.id);
  if (!c || c.availability === null || c.unavailability === null) return undefined;
  const own = c.spofs.filter((s) => s === entity.id || s.startsWith(`${entity.id}#`)).length;
  const others = c.spofCount - own;
  return {
    label: `${formatAvailability(c.availability, c.unavailability)} · ${formatDowntime(c.downtimeMinutesPerYear ?? 0, unit)}/y · ${plural(others, 'SPOF')}`,
    tooltip: `Availability of ${c.id} with everything it requires; downtime per year; single points of failure below it.`,
  };
}
