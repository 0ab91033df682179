import type { CauseFigures, FailoverFigures, ServiceFigures } from '../analysis/results';
import type { EditorIndex, SiteInfo } from './editorIndex';
import { describeLoadSite, labelLoad } from './describeLoad';
import { formatAvailability, formatDowntime, type DowntimeUnit } from './format';

/** What one service pays for a site: its failover figures, or its cause figures. */
interface Cost<T> {
  readonly service: string;
  readonly figures: T;
  readonly minutes: number;
}

/** Each service's figures for the site, the one that pays most first. */
function costsOf(index: EditorIndex, site: SiteInfo): Cost<FailoverFigures | CauseFigures>[] {
  const costs: Cost<FailoverFigures | CauseFigures>[] = [];
  for (const service of index.services) {
    const figures = findFigures(service, site);
    if (figures) costs.push({ service: service.id, figures, minutes: 'outageMinutesPerYear' in figures ? figures.outageMinutesPerYear : figures.minutesPerYear });
  }
  return costs.sort((a, b) => b.minutes - a.minutes || a.service.localeCompare(b.service));
}

function findFigures(service: ServiceFigures, site: SiteInfo): FailoverFigures | CauseFigures | undefined {
  if (site.kind === 'failover') return service.failovers.find((f) => f.name === site.name);
  return service.causes.find((c) => c.kind === site.kind && c.id === site.name);
}

/** A probability as a percentage with one digit more than its nines need: 99.0%, 99.95%. */
function formatProbability(p: number): string {
  return formatAvailability(p, 1 - p);
}

/** Who pays: "web" or "web (and 2 more services)". */
function naming(costs: readonly Cost<unknown>[]): string {
  return `${costs[0]!.service}${more(costs)}`;
}

function more(costs: readonly Cost<unknown>[]): string {
  const others = costs.length - 1;
  return others > 0 ? ` (and ${others} more service${others === 1 ? '' : 's'})` : '';
}

/**
 * The inline label of a failover, common cause or maintenance: what it costs the service
 * that pays most, e.g. "switch works 98.0% · 4.2 min per switchover · 12 min a year of web".
 * Undefined where no service depends on it.
 */
export function labelSite(index: EditorIndex, site: SiteInfo, unit: DowntimeUnit): { label: string; tooltip: string } | undefined {
  if (site.load) return labelLoad(site.load);
  const costs = costsOf(index, site);
  if (costs.length === 0) return undefined;
  const top = costs[0]!;
  if (site.kind === 'failover') {
    const f = top.figures as FailoverFigures;
    return {
      label: `switch works ${formatProbability(f.switchSuccess)} · ${formatDowntime(f.minutesPerSwitchover, unit)} per switchover · ${formatDowntime(top.minutes, unit)} a year of ${naming(costs)}`,
      tooltip: `How often a switchover works, the outage each one costs on average, and the downtime a year switchovers cost ${top.service}.`,
    };
  }
  const c = top.figures as CauseFigures;
  if (site.kind === 'common-cause') {
    return {
      label: `${formatShare(c.share)} of ${top.service}'s downtime${more(costs)} · ${formatDowntime(top.minutes, unit)} a year`,
      tooltip: `The share of ${top.service}'s predicted downtime that comes from these parts failing together.`,
    };
  }
  return {
    label: `costs ${formatDowntime(top.minutes, unit)} a year of ${naming(costs)}`,
    tooltip: `Downtime a year that this planned maintenance costs ${top.service}: it would be saved if the work never took the part down.`,
  };
}

/** The hover of a failover, common cause or maintenance key: the answer first, then each service. */
export function describeSite(index: EditorIndex, site: SiteInfo, unit: DowntimeUnit): string {
  if (site.load) return describeLoadSite(site.load);
  const costs = costsOf(index, site);
  const lines: string[] = [];
  if (costs.length === 0) return `No service depends on this ${site.kind === 'failover' ? 'failover' : site.kind === 'common-cause' ? 'common cause' : 'maintenance'}.`;
  if (site.kind === 'failover') {
    const f = costs[0]!.figures as FailoverFigures;
    lines.push(`**Switchovers cost ${costs[0]!.service} ${formatDowntime(costs[0]!.minutes, unit)} a year**`, '');
    lines.push(
      `\`${site.name}\`: about ${f.switchoversPerYear.toFixed(2)} switchovers a year (failures of ${f.primary} with the rest able to take over).` +
        ` A switchover works ${formatProbability(f.switchSuccess)} of the time` +
        (f.requiresHold < 1 ? ` (what the switch requires holds at ${formatProbability(f.requiresHold)} of them)` : '') +
        `; each costs ${formatDowntime(f.minutesPerSwitchover, unit)} on average.`,
    );
  } else {
    const what = site.kind === 'common-cause' ? `Common cause \`${site.name}\`` : `Maintenance of \`${site.name}\``;
    lines.push(`**${what} costs ${costs[0]!.service} ${formatDowntime(costs[0]!.minutes, unit)} a year**`);
  }
  lines.push('', 'Per service (downtime a year it would save if this cost nothing):');
  for (const cost of costs.slice(0, 10)) {
    const share = 'share' in cost.figures ? `, ${formatShare(cost.figures.share)} of its downtime` : '';
    lines.push(`- \`${cost.service}\`: ${formatDowntime(cost.minutes, unit)}${share}`);
  }
  if (costs.length > 10) lines.push(`- and ${costs.length - 10} more`);
  if (site.kind === 'failover') {
    lines.push('', `*How:* a switchover is counted when the primary fails and the rest of the group can carry the load; it works with the given success times the probability that what the switch requires holds right then; one that fails costs the manual takeover time (by default the primary's own mean outage).`);
  }
  return lines.join('\n');
}

/** A share of downtime: 42%, 0.5%, <0.1%. */
function formatShare(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${share >= 0.1 ? Math.round(share * 100) : Math.round(share * 1000) / 10}%`;
}

/** The site whose key holds the offset, if any. */
export function findSiteAt(index: EditorIndex, offset: number): SiteInfo | undefined {
  return index.sites.find((site) => offset >= site.span.start && offset <= site.span.end);
}
