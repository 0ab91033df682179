import type { Diagnostic, RelatedInformation } from '../diagnostics';
import { countNeeded, formatAmount } from '../model/readLoad';
import { forEachGroup, forEachStructuralReference, type Load, type Topology } from '../model/types';
import type { Span } from '../text/span';
import { collectReachable } from '../util/collectReachable';
import { groupServicesByCause, locateCause } from './describeSinglePoints';
import type { ServiceFigures } from './results';

/** A demand that needs every instance or member in its first phase: no spare. */
interface TightLoad {
  readonly load: Load;
  readonly count: number;
  readonly names: string;
  /** The entity whose requires hold the group, or the replicated component itself. */
  readonly owner: string;
}

/**
 * Reports each demand with no spare (N+0) once, at its `load` key. With load phases, the
 * single points of failure that exist only at peak all come from such demands: each is
 * related information on the N+0 warning of a demand its services depend on ("at peak,
 * host-1 takes down web-hosting"), not a warning of its own. Returns the causes it absorbed.
 */
export function describeLoadFindings(
  topology: Topology,
  services: readonly ServiceFigures[],
  offPeakSpofs: ReadonlyMap<string, readonly string[]> | undefined,
): { diagnostics: Diagnostic[]; absorbed: Set<string>; peakOnly: Set<string> } {
  const atPeak = topology.peakShare > 0;
  const phase = atPeak ? 'peak' : 'normal';
  const tight = listLoads(topology).filter(({ load, count }) => count > 0 && countNeeded(load[phase], load.capacity) === count);
  const absorbed = new Set<string>();
  const peakOnly = offPeakSpofs ? findPeakOnlyCauses(services, offPeakSpofs) : new Map<string, string[]>();
  if (tight.length === 0) return { diagnostics: [], absorbed, peakOnly: new Set(peakOnly.keys()) };
  const dependants = listDependants(topology);
  const diagnostics: Diagnostic[] = [];
  for (const { load, count, names, owner } of tight) {
    const affected = dependants(owner);
    const related: RelatedInformation[] = [];
    const causes: string[] = [];
    for (const [cause, serviceIds] of peakOnly) {
      const hit = serviceIds.filter((id) => affected.has(id));
      const place = hit.length > 0 ? locateCause(topology, cause) : undefined;
      if (!place) continue;
      absorbed.add(cause);
      causes.push(cause);
      related.push({ span: place.span, message: `at peak, "${cause}" alone takes down ${hit.join(', ')}` });
    }
    const listed = causes.length > 6 ? `${causes.slice(0, 6).join(', ')} and ${causes.length - 6} more` : causes.join(', ');
    const more = causes.length > 0 ? ` At peak it makes ${causes.length === 1 ? 'one part a single point of failure' : `${causes.length} parts single points of failure`}: ${listed} (see related information).` : '';
    diagnostics.push({
      code: 'no-spare-at-peak',
      severity: 'warning',
      message: `N+0 ${atPeak ? 'at peak' : 'off-peak'}: any one of ${names} failing drops "${owner}"${atPeak ? ' during the peak' : ''} (needs ${count} of ${count}: ${formatAmount(load[phase])} / ${formatAmount(load.capacity)}).${more}`,
      span: load.span,
      related,
    });
  }
  return { diagnostics, absorbed, peakOnly: new Set(peakOnly.keys()) };
}

/** Every demand in the file, on replicated components and on `of` groups, in file order. */
function listLoads(topology: Topology): TightLoad[] {
  const loads: TightLoad[] = [];
  const visit = (owner: string, requires: Parameters<typeof forEachGroup>[0]) =>
    forEachGroup(requires, (group) => {
      if (!group.load) return;
      const names = group.members.map((m) => (m.kind === 'ref' ? m.id : `{${m.kind}: …}`));
      loads.push({ load: group.load, count: group.members.length, names: names.length > 4 ? `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1]}` : names.join(', '), owner });
    });
  for (const component of topology.components.values()) {
    if (component.load) {
      const names = component.replicas > 1 ? `${component.id}#1..${component.id}#${component.replicas}` : component.id;
      loads.push({ load: component.load, count: component.replicas, names, owner: component.id });
    }
    visit(component.id, component.requires);
  }
  for (const service of topology.services.values()) visit(service.id, service.requires);
  return loads.sort((a, b) => spanStart(a.load.span) - spanStart(b.load.span));
}

function spanStart(span: Span): number {
  return span.start;
}

/** The causes that are single points of failure at peak for some services and off-peak for none of them. */
function findPeakOnlyCauses(services: readonly ServiceFigures[], offPeakSpofs: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const offPeak = groupServicesByCause([...offPeakSpofs].map(([id, spofs]) => ({ id, spofs })));
  const peakOnly = new Map<string, string[]>();
  for (const [cause, serviceIds] of groupServicesByCause(services)) {
    const offPeakIds = new Set(offPeak.get(cause) ?? []);
    if (serviceIds.every((id) => !offPeakIds.has(id))) peakOnly.set(cause, serviceIds);
  }
  return peakOnly;
}

/** The services that depend, through structural references, on an entity: one reverse walk per entity asked. */
function listDependants(topology: Topology): (id: string) => Set<string> {
  const requiredBy = new Map<string, string[]>();
  for (const entity of [...topology.components.values(), ...topology.services.values()]) {
    forEachStructuralReference(entity.requires, (ref) => {
      let list = requiredBy.get(ref.id);
      if (!list) requiredBy.set(ref.id, (list = []));
      list.push(entity.id);
    });
  }
  return (id) => new Set([...collectReachable(id, requiredBy)].filter((entity) => topology.services.has(entity)));
}
