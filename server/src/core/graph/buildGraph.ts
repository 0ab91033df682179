import type { DocumentAnalysis } from '../analyseDocument';
import { formatPercent } from '../analysis/analyseTopology';
import { groupServicesByCause } from '../analysis/describeSinglePoints';
import { describeSlaRisk } from '../analysis/describeRisk';
import { countNeeded } from '../model/readLoad';
import { forEachStructuralReference, phasesOf, type Entity, type Group, type Load, type Requirement } from '../model/types';
import type { Span } from '../text/span';

/** The redundancy graph the preview and the HTML report draw: plain data, ids from the topology. */
export interface GraphModel {
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** True when the text had errors: the picture is of what could be read. */
  readonly hasErrors: boolean;
}

export interface GraphNode {
  /** A topology id, or `owner/path` for a redundancy group, so layouts stay stable across edits. */
  readonly id: string;
  readonly type: 'service' | 'component' | 'group';
  readonly label: string;
  /** Component kind (drives the icon), or the group's own kind. */
  readonly kind: string;
  /** The second line: figures, or the group's rule ("any 1 of 2 · failover 30s"). */
  readonly caption: string;
  readonly availability: number | null;
  readonly unavailability: number | null;
  readonly downtimeMinutesPerYear: number | null;
  /** Services this node is a single point of failure for. */
  readonly spofFor: readonly string[];
  readonly meetsSla: boolean | null;
  readonly replicas: number;
  readonly quorum: number;
  readonly description?: string;
  /** For a service with SLA terms: how often a period breaches them, in words. */
  readonly risk?: string;
  /** Where the node is defined, for reveal and cursor sync. */
  readonly span: Span;
  readonly selectionSpan: Span;
  /** For collapsing large graphs: the host this node runs on (its first server or hypervisor). */
  readonly host?: string;
}

export interface GraphEdge {
  readonly id: string;
  /** The node that requires … */
  readonly source: string;
  /** … this one. */
  readonly target: string;
  /**
   * Drawn dashed: what a failover's switch requires (needed only at a switchover), or a
   * common-cause group tying its members (they fail together now and then).
   */
  readonly style?: 'switch' | 'common-cause';
}

/** The fields of a node that stands for no one entity (a group, a cluster): no figures, no findings. */
export const withoutFigures = {
  availability: null,
  unavailability: null,
  downtimeMinutesPerYear: null,
  spofFor: [] as readonly string[],
  meetsSla: null,
  replicas: 1,
  quorum: 1,
} as const;

const hostKinds = new Set(['server', 'hypervisor']);
const guestKinds = new Set(['vm', 'container', 'application']);

/** Builds the graph of an analysed document: services, components and redundancy groups, located in text offsets. */
export function buildGraph(analysis: DocumentAnalysis): GraphModel {
  const { topology } = analysis;
  const at = (span: Span) => analysis.placement.spanOf(span);
  const services = new Map((analysis.services ?? []).map((s) => [s.id, s]));
  const components = new Map((analysis.components ?? []).map((c) => [c.id, c]));
  const spofFor = groupServicesByCause(analysis.services ?? []);
  const phased = phasesOf(topology).length > 1;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const addEdge = (source: string, target: string, style?: GraphEdge['style']) =>
    edges.push({ id: `${source}->${target}${style ? `:${style}` : ''}`, source, target, ...(style ? { style } : {}) });
  // How often each failover's switch works, found by where its key is written.
  const switchSuccess = new Map<number, number>();
  for (const site of analysis.sites) {
    if (site.kind === 'failover' && site.switchSuccess !== undefined) switchSuccess.set(site.span.start, site.switchSuccess);
  }

  const addGroup = (owner: string, group: Group, path: string): string => {
    const id = `${owner}/${path}`;
    const works = group.failover ? switchSuccess.get(group.failover.span.start) : undefined;
    const failover = group.failover ? ` · failover ${formatDuration(group.failover.hours)}${works !== undefined && works < 1 ? ` · works ${formatPercent(works, 1 - works, 1)}` : ''}` : '';
    const rule = group.kind === 'all' ? `all ${group.members.length}` : group.kind === 'any' ? `any 1 of ${group.members.length}` : group.load ? describeNeed(group.load, group.members.length, phased) : `${group.threshold} of ${group.members.length}`;
    nodes.push({
      id,
      type: 'group',
      label: rule,
      kind: group.kind,
      caption: `${rule}${failover}`,
      ...withoutFigures,
      span: at(group.span),
      selectionSpan: at(group.keySpan),
    });
    group.members.forEach((member, i) => addRequirement(owner, id, member, `${path}.${i}`));
    // What the switch needs is drawn dashed: it matters only at the moment of a switchover.
    if (group.failover) {
      const needed = new Set<string>();
      forEachStructuralReference(group.failover.requires, (ref) => {
        if (!needed.has(ref.id) && (topology.components.has(ref.id) || topology.services.has(ref.id))) addEdge(id, ref.id, 'switch');
        needed.add(ref.id);
      });
    }
    return id;
  };

  const addRequirement = (owner: string, from: string, requirement: Requirement, path: string) => {
    if (requirement.kind === 'ref') {
      if (topology.components.has(requirement.id) || topology.services.has(requirement.id)) addEdge(from, requirement.id);
      return;
    }
    addEdge(from, addGroup(owner, requirement, path));
  };

  const addEntity = (entity: Entity) => {
    const figures = entity.type === 'service' ? services.get(entity.id) : components.get(entity.id);
    const availability = figures?.availability ?? null;
    const unavailability = figures?.unavailability ?? null;
    const spofs = entity.type === 'service' ? (services.get(entity.id)?.spofs.length ?? 0) : undefined;
    const figuresCaption =
      availability !== null && unavailability !== null
        ? `${formatPercent(availability, unavailability, 1)}${spofs ? ` · ${spofs} SPOF${spofs === 1 ? '' : 's'}` : ''}`
        : entity.type === 'component' && entity.failure.kind === 'never'
          ? 'never fails'
          : '';
    const ownCommon = entity.type === 'component' ? topology.commonCause.find((g) => g.id === `common:${entity.id}`) : undefined;
    const maintenance = entity.type === 'component' ? entity.maintenance : undefined;
    const load = entity.type === 'component' ? entity.load : undefined;
    const serviceFigures = entity.type === 'service' ? services.get(entity.id) : undefined;
    const risk = serviceFigures?.sla != null ? describeSlaRisk(serviceFigures, formatPercent(serviceFigures.sla, 1 - serviceFigures.sla)) : undefined;
    const caption = [
      figuresCaption,
      load && entity.type === 'component' ? `needs ${describeNeed(load, entity.replicas, phased)}` : '',
      ownCommon ? `β ${formatShare(ownCommon.beta)}` : '',
      maintenance ? `maint. ${formatDuration(maintenance.durationHours)}/${formatDuration(maintenance.everyHours)}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    nodes.push({
      id: entity.id,
      type: entity.type,
      label: entity.id,
      kind: entity.type === 'service' ? 'service' : (entity.kind ?? 'other'),
      caption,
      availability,
      unavailability,
      downtimeMinutesPerYear: figures?.downtimeMinutesPerYear ?? null,
      spofFor: spofFor.get(entity.id) ?? [],
      meetsSla: entity.type === 'service' ? (services.get(entity.id)?.meetsSla ?? null) : null,
      replicas: entity.type === 'component' ? entity.replicas : 1,
      // A need worked out from the load is in the caption, per phase; "quorum" would be the peak's only.
      quorum: entity.type === 'component' && !entity.load ? entity.quorum : 1,
      span: at(entity.span),
      ...(risk ? { risk } : {}),
      selectionSpan: at(entity.idSpan),
      ...(entity.description !== undefined ? { description: entity.description } : {}),
      ...(entity.type === 'component' ? findHost(entity) : {}),
    });
    entity.requires.forEach((requirement, i) => {
      // A top-level `all` says no more than listing its members.
      if (requirement.kind === 'all') requirement.members.forEach((m, j) => addRequirement(entity.id, entity.id, m, `${i}.${j}`));
      else addRequirement(entity.id, entity.id, requirement, String(i));
    });
  };

  const findHost = (entity: Entity): { host?: string } => {
    if (entity.type !== 'component' || !guestKinds.has(entity.kind ?? '')) return {};
    let host: string | undefined;
    forEachStructuralReference(entity.requires, (ref) => {
      if (!host && hostKinds.has(topology.components.get(ref.id)?.kind ?? '')) host = ref.id;
    });
    return host ? { host } : {};
  };

  for (const service of topology.services.values()) addEntity(service);
  for (const component of topology.components.values()) addEntity(component);
  // A common-cause group of several components is a node that ties them, by dashed edges.
  for (const group of topology.commonCause) {
    if (group.members.length < 2 && group.id === `common:${group.members[0]?.id}`) continue;
    nodes.push({
      id: `common-cause/${group.id}`,
      type: 'group',
      label: group.id,
      kind: 'common-cause',
      caption: `common cause ${group.id} · β ${formatShare(group.beta)}`,
      availability: null,
      unavailability: null,
      downtimeMinutesPerYear: null,
      spofFor: spofFor.get(group.id) ?? [],
      meetsSla: null,
      replicas: 1,
      quorum: 1,
      span: at(group.span),
      selectionSpan: at(group.span),
    });
    for (const member of group.members) addEdge(member.id, `common-cause/${group.id}`, 'common-cause');
  }
  return {
    title: topology.name ?? 'Topology',
    nodes,
    edges,
    hasErrors: analysis.diagnostics.some((d) => d.severity === 'error'),
  };
}

function formatShare(share: number): string {
  return `${Number((share * 100).toPrecision(3))}%`;
}

function formatDuration(hours: number): string {
  if (hours < 1 / 60) return `${Math.round(hours * 3600)}s`;
  if (hours < 1) return `${Number((hours * 60).toPrecision(3))}m`;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24}d`;
  return `${Number(hours.toPrecision(3))}h`;
}

/** "3 of 4 at peak, 1 off-peak" with load phases, "3 of 4" without. */
function describeNeed(load: Load, count: number, phased: boolean): string {
  // What the demand needs, even past the count (the model keeps only count + 1 there).
  const peak = countNeeded(load.peak, load.capacity);
  return phased ? `${peak} of ${count} at peak, ${countNeeded(load.normal, load.capacity)} off-peak` : `${peak} of ${count}`;
}
