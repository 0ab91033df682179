import type { Diagnostic, RelatedInformation } from '../diagnostics';
import { findEntity, forEachStructuralReference, type Topology } from '../model/types';
import type { ServiceFigures } from './results';

/**
 * Reports each single point of failure once, where it lives: on the component (or the
 * common-cause group, or the maintenance), naming the services it takes down, with related
 * information walking the dependency path from each service down to it. A service's own
 * list of single points is in its hover and its figures, not in more warnings. Redundancy
 * that the same cause defeats ("web-1 and web-2 both depend on host-1") is related
 * information on that cause's warning, not a warning of its own; redundancy defeated by
 * something that is no service's single point of failure keeps its own warning.
 */
const maxPaths = 10;
const maxPathLength = 50;
const maxNames = 20;
/** Causes that get dependency paths; past them (a long chain has thousands) only the names. */
const maxCausesWithPaths = 200;

export function describeSinglePoints(topology: Topology, services: readonly ServiceFigures[], defeated: readonly Diagnostic[] = [], load: { readonly peakOnly: ReadonlySet<string>; readonly absorbed: ReadonlySet<string> } = { peakOnly: new Set(), absorbed: new Set() }): Diagnostic[] {
  const causes = groupServicesByCause(services);
  const absorbed = new Map<string, RelatedInformation[]>();
  const kept: Diagnostic[] = [];
  for (const diagnostic of defeated) {
    const shared = Array.isArray(diagnostic.data?.shared) ? (diagnostic.data.shared as string[]).map(causeKey) : [];
    if (shared.length === 0 || !shared.every((name) => causes.has(name))) {
      kept.push(diagnostic);
      continue;
    }
    // Appended in place: a cause shared by every group (a core switch) defeats thousands of them.
    for (const name of shared) {
      let defeats = absorbed.get(name);
      if (!defeats) absorbed.set(name, (defeats = []));
      defeats.push({ span: diagnostic.span, message: `it defeats this redundancy: ${diagnostic.message}` });
    }
  }
  const diagnostics: Diagnostic[] = [];
  // One breadth-first tree per service, shared by all its causes: paths stay linear in the file.
  const trees = new Map<string, Map<string, Step>>();
  let withPaths = 0;
  for (const [name, serviceIds] of causes) {
    // A single point of failure at peak only is reported on the demand that makes it one.
    if (load.absorbed.has(name)) continue;
    const place = locateCause(topology, name);
    if (!place) continue;
    const related: RelatedInformation[] = [];
    // Paths for the first few services of the first causes only: a long chain would otherwise give millions of links.
    if (withPaths++ < maxCausesWithPaths) {
      for (const serviceId of serviceIds.slice(0, maxPaths)) {
        let tree = trees.get(serviceId);
        if (!tree) trees.set(serviceId, (tree = searchFrom(topology, serviceId)));
        pathIn(tree, place.entityId)
          .slice(0, maxPathLength)
          .forEach((step, i) => related.push({ span: step.span, message: `${i === 0 ? `${serviceId} needs ${name}: ` : ''}${step.from} requires ${step.to}` }));
      }
    }
    const defeats = absorbed.get(name) ?? [];
    related.push(...defeats);
    const more = serviceIds.length > maxNames ? ` and ${serviceIds.length - maxNames} more` : '';
    const named = `${serviceIds.length === 1 ? '' : `${serviceIds.length} services: `}${serviceIds.slice(0, maxNames).join(', ')}${more}`;
    const also = defeats.length > 0 ? ` It defeats ${defeats.length === 1 ? 'the redundancy of one group that depends on it' : `the redundancy of ${defeats.length} groups that depend on it`} (see related information).` : '';
    diagnostics.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      // With load phases, single points of failure are those of the peak: say so where off-peak differs.
      message: `"${name}" is a single point of failure${load.peakOnly.has(name) ? ' at peak' : ''} for ${named}.${also}`,
      span: place.span,
      related,
      data: { ...(place.component ? { component: place.component } : {}), services: serviceIds },
    });
  }
  return [...diagnostics, ...kept];
}

/**
 * Each cause with the services it takes down alone, in the order met; the instances of one
 * component are one cause (its id), a common cause or a maintenance keeps its own name.
 */
export function groupServicesByCause(services: readonly Pick<ServiceFigures, 'id' | 'spofs'>[]): Map<string, string[]> {
  const causes = new Map<string, Set<string>>();
  for (const figures of services) {
    for (const spof of figures.spofs) {
      const key = causeKey(spof);
      let cause = causes.get(key);
      if (!cause) causes.set(key, (cause = new Set()));
      cause.add(figures.id);
    }
  }
  return new Map([...causes].map(([key, serviceIds]) => [key, [...serviceIds]]));
}

/** The cause an event name stands for: a component for its instances, else the name itself. */
function causeKey(name: string): string {
  return / \(maintenance\)$/.test(name) ? name.replace(/#\d+ \(maintenance\)$/, ' (maintenance)') : name.replace(/#\d+$/, '');
}

/** Where a cause is written: a component or service's id, a common-cause group, a maintenance key. */
export function locateCause(topology: Topology, name: string): { span: RelatedInformation['span']; entityId: string; component?: string } | undefined {
  const group = topology.commonCause.find((g) => g.id === name);
  if (group) return { span: group.span, entityId: group.members[0]?.id ?? name };
  const maintenance = / \(maintenance\)$/.exec(name) ? topology.components.get(name.replace(/ \(maintenance\)$/, '')) : undefined;
  if (maintenance?.maintenance) return { span: maintenance.maintenance.span, entityId: maintenance.id };
  const entity = findEntity(topology, name);
  if (!entity) return undefined;
  return { span: entity.idSpan, entityId: entity.id, ...(entity.type === 'component' ? { component: entity.id } : {}) };
}

interface Step {
  readonly from: string;
  readonly to: string;
  readonly span: RelatedInformation['span'];
}

/** The shortest chain of requirements from one entity to another, breadth first. */
export function findPath(topology: Topology, from: string, to: string): Step[] {
  return pathIn(searchFrom(topology, from, to), to);
}

/** The breadth-first tree of requirements from an entity (stopping early once `to` is reached): each id's step in. */
function searchFrom(topology: Topology, from: string, to?: string): Map<string, Step> {
  const previous = new Map<string, Step>();
  const queue = [from];
  const seen = new Set([from]);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    if (id === to) break;
    const entity = findEntity(topology, id);
    if (!entity) continue;
    forEachStructuralReference(entity.requires, (ref) => {
      if (seen.has(ref.id)) return;
      seen.add(ref.id);
      previous.set(ref.id, { from: id, to: ref.id, span: ref.span });
      queue.push(ref.id);
    });
  }
  return previous;
}

/** The path to `to` in a search tree, from its root. */
function pathIn(previous: ReadonlyMap<string, Step>, to: string): Step[] {
  const path: Step[] = [];
  for (let at = to; previous.has(at); at = previous.get(at)!.from) path.push(previous.get(at)!);
  return path.reverse();
}
