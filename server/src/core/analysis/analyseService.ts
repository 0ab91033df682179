import { hoursPerMonth, hoursPerYear } from '../model/quantities';
import type { Service } from '../model/types';
import { BddBudgetExceeded } from './bdd';
import type { BasicEvent, Circuit } from './circuit';
import { measureFunction } from './measures';
import { estimateByMonteCarlo } from './montecarlo';
import type { AnalysisOptions, Fix, ServiceFigures } from './results';
import { SinglePointIndex } from './singlePoints';
import { compileToBdd } from './toBdd';

/** Computes a service's figures exactly, or estimates them when the diagram is too large. */
export function analyseService(circuit: Circuit, service: Service, options: AnalysisOptions): ServiceFigures {
  const gate = circuit.entityGates.get(service.id) ?? 1;
  const isReportedSpof = (event: BasicEvent) =>
    event.kind !== 'failover' && !(event.kind === 'service' && event.entityId === service.id);
  try {
    const compiled = compileToBdd(circuit, gate, options.maxBddNodes);
    const measures = measureFunction(compiled, circuit.events);
    const eventAt = (level: number) => circuit.events[compiled.events[level]!]!;
    const fixes: Fix[] = [];
    let frequencyPartial = false;
    compiled.events.forEach((_, level) => {
      const event = eventAt(level);
      const importance = measures.birnbaum[level]!;
      if (importance > 0 && !event.frequencyKnown) frequencyPartial = true;
      const saves = importance * event.unavailability * hoursPerYear * 60;
      if (saves > 0) fixes.push({ id: event.name, savesMinutesPerYear: saves });
    });
    fixes.sort((a, b) => b.savesMinutesPerYear - a.savesMinutesPerYear || a.id.localeCompare(b.id));
    const spofs = measures.singlePoints.map(eventAt).filter(isReportedSpof).map((e) => e.name);
    return describe(service, {
      availability: measures.availability,
      unavailability: measures.unavailability,
      frequency: measures.frequency,
      frequencyPartial,
      spofs,
      fixes: fixes.slice(0, options.maxFixes),
      exact: true,
      confidence95: null,
      bddNodes: compiled.bdd.nodeCount,
    });
  } catch (error) {
    if (!(error instanceof BddBudgetExceeded)) throw error;
    const estimate = estimateByMonteCarlo(circuit, gate, options.seed);
    return describe(service, {
      availability: 1 - estimate.unavailability,
      unavailability: estimate.unavailability,
      frequency: null,
      frequencyPartial: true,
      // Single points of failure stay exact: they need no diagram.
      spofs: [...new SinglePointIndex(circuit).of(gate)].map((e) => circuit.events[e]!).filter(isReportedSpof).map((e) => e.name),
      fixes: [],
      exact: false,
      confidence95: { low: estimate.low, high: estimate.high },
      bddNodes: 0,
    });
  }
}

interface CoreFigures {
  readonly availability: number;
  readonly unavailability: number;
  readonly frequency: number | null;
  readonly frequencyPartial: boolean;
  readonly spofs: string[];
  readonly fixes: Fix[];
  readonly exact: boolean;
  readonly confidence95: { low: number; high: number } | null;
  readonly bddNodes: number;
}

function describe(service: Service, core: CoreFigures): ServiceFigures {
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
    bddNodes: core.bddNodes,
  };
}
