import { hoursPerMonth, hoursPerYear } from '../model/quantities';
import type { Service } from '../model/types';
import type { BasicEvent, Circuit } from './circuit';
import type { Measures } from './diagram';
import type { Estimate } from './montecarlo';
import type { ComponentFigures, FailoverFigures, Fix, ServiceFigures } from './results';

/** The events the format reports as single points of failure of an entity. */
export function nameSinglePoints(circuit: Circuit, events: Iterable<number>, ownerId: string): string[] {
  const reported = (event: BasicEvent) => event.kind !== 'failover' && !(event.kind === 'service' && event.entityId === ownerId);
  return [...events].map((e) => circuit.events[e]!).filter(reported).map((e) => e.name);
}

/** Turns exact measures of a service into its reported figures. */
export function describeExactService(
  circuit: Circuit,
  service: Service,
  measures: Measures,
  spofs: string[],
  maxFixes: number,
  recompute?: (event: number) => number | undefined,
): ServiceFigures {
  const fixes: Fix[] = [];
  let frequencyPartial = false;
  for (const [eventIndex, importance] of measures.importance) {
    const event = circuit.events[eventIndex]!;
    if (importance > 0 && !event.frequencyKnown) frequencyPartial = true;
    // I_B · u is exact when nothing else depends on the event's figures; where a switchover's
    // figures do, the service is recomputed as if the event never failed.
    const saves = (recompute?.(eventIndex) ?? importance * event.unavailability) * hoursPerYear * 60;
    if (saves > 0) fixes.push({ id: event.name, savesMinutesPerYear: saves });
  }
  const failovers: FailoverFigures[] = [];
  for (const [eventIndex] of measures.importance) {
    const event = circuit.events[eventIndex]!;
    const figures = event.failover?.figures;
    if (!event.failover || !figures) continue;
    failovers.push({
      name: event.name,
      primary: event.failover.primary,
      switchoversPerYear: figures.switchoversPerHour * hoursPerYear,
      switchSuccess: figures.switchSuccess,
      requiresHold: figures.requiresHold,
      outageMinutesPerYear: fixes.find((f) => f.id === event.name)?.savesMinutesPerYear ?? 0,
    });
  }
  failovers.sort((a, b) => a.name.localeCompare(b.name));
  fixes.sort((a, b) => b.savesMinutesPerYear - a.savesMinutesPerYear || a.id.localeCompare(b.id));
  return describeService(service, {
    availability: measures.availability,
    unavailability: measures.unavailability,
    frequency: measures.frequency,
    frequencyPartial,
    spofs,
    fixes: fixes.slice(0, maxFixes),
    failovers,
    exact: true,
    confidence95: null,
    bddNodes: measures.nodes,
  });
}

/** Turns a Monte Carlo estimate of a service into its reported figures. */
export function describeEstimatedService(service: Service, estimate: Estimate, spofs: string[]): ServiceFigures {
  return describeService(service, {
    availability: 1 - estimate.unavailability,
    unavailability: estimate.unavailability,
    frequency: null,
    frequencyPartial: true,
    spofs,
    fixes: [],
    failovers: [],
    exact: false,
    confidence95: { low: estimate.low, high: estimate.high },
    bddNodes: 0,
  });
}

interface CoreFigures {
  readonly availability: number;
  readonly unavailability: number;
  readonly frequency: number | null;
  readonly frequencyPartial: boolean;
  readonly spofs: string[];
  readonly fixes: Fix[];
  readonly failovers: FailoverFigures[];
  readonly exact: boolean;
  readonly confidence95: { low: number; high: number } | null;
  readonly bddNodes: number;
}

function describeService(service: Service, core: CoreFigures): ServiceFigures {
  const { availability, unavailability, frequency } = core;
  const target = service.sla;
  const gap = target ? Math.max(0, unavailability - target.unavailability) * hoursPerYear * 60 : null;
  return {
    id: service.id,
    availability,
    unavailability,
    downtimeMinutesPerYear: unavailability * hoursPerYear * 60,
    downtimeMinutesPerMonth: unavailability * hoursPerMonth * 60,
    nines: unavailability > 0 ? -Math.log10(unavailability) : null,
    failuresPerYear: frequency === null ? null : frequency * hoursPerYear,
    mtbfHours: frequency ? availability / frequency : null,
    meanOutageHours: frequency ? unavailability / frequency : null,
    frequencyPartial: core.frequencyPartial,
    spofs: core.spofs,
    sla: target ? target.availability : null,
    // A relative tolerance keeps a service that sits exactly on its target from missing it by rounding.
    meetsSla: target ? unavailability <= target.unavailability * (1 + 1e-9) : null,
    slaGapMinutesPerYear: gap,
    exact: core.exact,
    confidence95: core.confidence95,
    fixes: core.fixes,
    failovers: core.failovers,
    bddNodes: core.bddNodes,
  };
}

/** A component's own figures, for hints and hovers: its availability including what it requires. */
export function describeComponent(id: string, measures: Measures | undefined, allSpofs: readonly string[]): ComponentFigures {
  // A long chain gives every component thousands of single points; keep a readable few.
  const spofs = allSpofs.slice(0, 20);
  const spofCount = allSpofs.length;
  if (!measures) return { id, availability: null, unavailability: null, downtimeMinutesPerYear: null, failuresPerYear: null, spofs, spofCount };
  return {
    id,
    availability: measures.availability,
    unavailability: measures.unavailability,
    downtimeMinutesPerYear: measures.unavailability * hoursPerYear * 60,
    failuresPerYear: measures.frequency * hoursPerYear,
    spofs,
    spofCount,
  };
}
