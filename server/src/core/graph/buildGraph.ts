import type { DocumentAnalysis } from '../analyseDocument';
import { formatPercent } from '../analysis/analyseTopology';
import { forEachStructuralReference, type Entity, type Group, type Requirement } from '../model/types';
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
}

const hostKinds = new Set(['server', 'hypervisor']);
const guestKinds = new Set(['vm', 'container', 'application']);

/** Builds the graph of an analysed document: services, components and redundancy groups. */
export function buildGraph(analysis: DocumentAnalysis): GraphModel {
  const { topology } = analysis;
  const services = new Map((analysis.services ?? []).map((s) => [s.id, s]));
  const components = new Map((analysis.components ?? []).map((c) => [c.id, c]));
  const spofFor = new Map<string, string[]>();
  for (const s of analysis.services ?? []) {
    for (const spof of s.spofs) {
      const id = spof.replace(/#\d+$/, '');
      spofFor.set(id, [...(spofFor.get(id) ?? []), s.id]);
    }
  }
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const addEdge = (source: string, target: string) => edges.push({ id: `${source}->${target}`, source, target });

  const addGroup = (owner: string, group: Group, path: string): string => {
    const id = `${owner}/${path}`;
    const failover = group.failover ? ` · failover ${formatDuration(group.failover.hours)}${group.failover.success < 1 ? ` (${Number((group.failover.success * 100).toPrecision(4))}% automatic)` : ''}` : '';
    const rule = group.kind === 'all' ? `all ${group.members.length}` : group.kind === 'any' ? `any 1 of ${group.members.length}` : `${group.threshold} of ${group.members.length}`;
    nodes.push({
      id,
      type: 'group',
      label: rule,
      kind: group.kind,
      caption: `${rule}${failover}`,
      availability: null,
      unavailability: null,
      downtimeMinutesPerYear: null,
      spofFor: [],
      meetsSla: null,
      replicas: 1,
      quorum: 1,
      span: group.span,
      selectionSpan: group.keySpan,
    });
    group.members.forEach((member, i) => addRequirement(owner, id, member, `${path}.${i}`));
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
    const caption =
      availability !== null && unavailability !== null
        ? `${formatPercent(availability, unavailability, 1)}${spofs ? ` · ${spofs} SPOF${spofs === 1 ? '' : 's'}` : ''}`
        : entity.type === 'component' && entity.failure.kind === 'never'
          ? 'never fails'
          : '';
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
      quorum: entity.type === 'component' ? entity.quorum : 1,
      span: entity.span,
      selectionSpan: entity.idSpan,
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
  return {
    title: topology.name ?? 'Topology',
    nodes,
    edges,
    hasErrors: analysis.diagnostics.some((d) => d.severity === 'error'),
  };
}

function formatDuration(hours: number): string {
  if (hours < 1 / 60) return `${Math.round(hours * 3600)}s`;
  if (hours < 1) return `${Number((hours * 60).toPrecision(3))}m`;
  return `${Number(hours.toPrecision(3))}h`;
}
