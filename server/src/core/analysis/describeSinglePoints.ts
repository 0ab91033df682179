import type { Diagnostic, RelatedInformation } from '../diagnostics';
import { findEntity, forEachStructuralReference, type Topology } from '../model/types';
import type { ServiceFigures } from './results';

/**
 * Reports single points of failure where a person will look for them: on the service
 * ("website goes down if any one of these fails: host-1"), with related information that
 * walks the dependency path from the service down to each one, and on the component
 * itself ("single point of failure for website, email").
 */
const maxPaths = 10;
const maxPathLength = 50;
const maxNames = 20;

export function describeSinglePoints(topology: Topology, services: readonly ServiceFigures[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const servicesOf = new Map<string, string[]>();
  for (const figures of services) {
    const service = topology.services.get(figures.id);
    if (!service || figures.spofs.length === 0) continue;
    const related: RelatedInformation[] = [];
    figures.spofs.forEach((spof, index) => {
      const entityId = spof.replace(/#\d+$/, '');
      const list = servicesOf.get(entityId) ?? [];
      if (!list.includes(figures.id)) list.push(figures.id);
      servicesOf.set(entityId, list);
      // Paths for the first few only: a long chain would otherwise give millions of links.
      if (index >= maxPaths) return;
      findPath(topology, figures.id, entityId)
        .slice(0, maxPathLength)
        .forEach((step, i) => related.push({ span: step.span, message: `${i === 0 ? `${spof}: ` : ''}${step.from} requires ${step.to}` }));
    });
    const named = figures.spofs.slice(0, maxNames).join(', ');
    const more = figures.spofs.length > maxNames ? ` and ${figures.spofs.length - maxNames} more` : '';
    diagnostics.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      message: `"${figures.id}" goes down if any one of these fails: ${named}${more}.`,
      span: service.idSpan,
      related,
      data: { spofs: figures.spofs },
    });
  }
  for (const [entityId, serviceIds] of servicesOf) {
    const component = topology.components.get(entityId);
    if (!component) continue;
    const more = serviceIds.length > maxNames ? ` and ${serviceIds.length - maxNames} more` : '';
    diagnostics.push({
      code: 'single-point-of-failure',
      severity: 'warning',
      message: `"${entityId}" is a single point of failure for ${serviceIds.slice(0, maxNames).join(', ')}${more}.`,
      span: component.idSpan,
      related: serviceIds.slice(0, maxNames).map((id) => ({ span: topology.services.get(id)!.idSpan, message: `${id} goes down when ${entityId} fails` })),
      data: { component: entityId, services: serviceIds },
    });
  }
  return diagnostics;
}

interface Step {
  readonly from: string;
  readonly to: string;
  readonly span: RelatedInformation['span'];
}

/** The shortest chain of requirements from one entity to another, breadth first. */
export function findPath(topology: Topology, from: string, to: string): Step[] {
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
  const path: Step[] = [];
  for (let at = to; previous.has(at); at = previous.get(at)!.from) path.unshift(previous.get(at)!);
  return path;
}
