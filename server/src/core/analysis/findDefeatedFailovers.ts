import type { Diagnostic, RelatedInformation } from '../diagnostics';
import { formatHours } from '../model/quantities';
import { forEachStructuralReference, type Topology } from '../model/types';
import { gateOfEntity, type Circuit } from './circuit';
import { findPath } from './describeSinglePoints';
import type { SinglePointIndex } from './singlePoints';

/**
 * Finds switchovers that a shared failure defeats: a basic event (not maintenance) whose
 * failure alone takes the primary down and the switch's requirements with it, while the
 * rest of the group could carry on. "The HA manager runs on host-1, the host it must fail
 * over from." Reported on the `failover` key, with both paths as related information.
 */
export function findDefeatedFailovers(topology: Topology, circuit: Circuit, singlePoints: SinglePointIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const event of circuit.events) {
    const info = event.failover;
    if (!info || !info.group.failover || !singlePoints.holdsAllUp(info.restGate)) continue;
    // What takes the primary and the switch down together; the index keeps it while the
    // structure stays, and for most switchovers it is nothing.
    const both = singlePoints.sharedBy([info.primaryGate, info.switchGate]);
    if (both.length === 0) continue;
    const ofRest = new Set(singlePoints.of(info.restGate));
    const culprits = both.filter((i) => !ofRest.has(i) && circuit.events[i]!.kind !== 'maintenance');
    for (const index of culprits) {
      const culprit = circuit.events[index]!;
      const manual = info.figures?.manualHours;
      const related: RelatedInformation[] = [];
      const primaryRef = info.group.members[0];
      if (primaryRef?.kind === 'ref') {
        related.push({ span: primaryRef.span, message: `the primary ${info.primary} needs ${culprit.name}` });
        for (const step of findPath(topology, primaryRef.id, culprit.entityId)) related.push({ span: step.span, message: `${step.from} requires ${step.to}` });
      }
      forEachStructuralReference(info.group.failover.requires, (ref) => {
        if (!singlePoints.of(gateOfEntity(circuit, ref.id)).includes(index)) return;
        related.push({ span: ref.span, message: `the switch needs ${ref.id}, which needs ${culprit.name}` });
        for (const step of findPath(topology, ref.id, culprit.entityId)) related.push({ span: step.span, message: `${step.from} requires ${step.to}` });
      });
      const cost = manual !== undefined && manual > 0 ? ` Each failure of ${culprit.name} costs ${formatHours(manual)} instead of ${formatHours(info.hours)}.` : '';
      diagnostics.push({
        code: 'defeated-failover',
        severity: 'warning',
        message: `Defeated failover: when ${culprit.name} fails it takes down the primary ${info.primary} and what the switch requires, so the switch cannot happen.${cost}`,
        span: info.group.failover.span,
        related,
        data: { event: culprit.name, failover: event.name },
      });
    }
  }
  return diagnostics;
}
