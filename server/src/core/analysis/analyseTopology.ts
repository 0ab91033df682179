import type { Diagnostic } from '../diagnostics';
import type { Topology } from '../model/types';
import { BddBudgetExceeded } from './bdd';
import { compileCircuit, type Circuit } from './circuit';
import { describeComponent, describeEstimatedService, describeExactService, nameSinglePoints } from './describeFigures';
import { Diagram } from './diagram';
import { assignFailoverFigures } from './failoverEvents';
import { describeSinglePoints } from './describeSinglePoints';
import { findDefeatedRedundancy } from './findDefeatedRedundancy';
import { estimateByMonteCarlo } from './montecarlo';
import type { AnalysisOptions, ComponentFigures, ServiceFigures } from './results';
import { SinglePointIndex } from './singlePoints';

export interface TopologyAnalysis {
  readonly services: readonly ServiceFigures[];
  /** Empty when the topology was too large for one shared diagram. */
  readonly components: readonly ComponentFigures[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs the availability analysis of every service and component.
 *
 * First everything goes into one shared diagram, so shared dependencies are built once.
 * Past the node budget, each service gets a diagram of its own, and a service too large even
 * for that is estimated by Monte Carlo. Single points of failure come from the circuit and
 * are exact in every case.
 */
export function analyseTopology(topology: Topology, options: AnalysisOptions): TopologyAnalysis {
  const circuit = compileCircuit(topology);
  const singlePoints = new SinglePointIndex(circuit);
  // Primaries of failover groups are roots too: a group that always holds (one member never
  // fails) drops out of the circuit, but its pseudo-event still needs the primary's frequency.
  const primaries = circuit.events.flatMap((event) => (event.failover ? [event.failover.primaryGate] : []));
  const shared = tryBuild(circuit, [...circuit.entityGates.values(), ...primaries], options.maxBddNodes);
  const failoverExact = assignFailoverFigures(circuit, (gate) =>
    shared ? shared.measure(gate).frequency : tryBuild(circuit, [gate], options.maxBddNodes)?.measure(gate).frequency,
  );
  const services: ServiceFigures[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const service of topology.services.values()) {
    const gate = circuit.entityGates.get(service.id) ?? 1;
    const spofs = nameSinglePoints(circuit, singlePoints.of(gate), service.id);
    let figures: ServiceFigures;
    try {
      const diagram = shared ?? tryBuild(circuit, [gate], options.maxBddNodes);
      figures = diagram
        ? describeExactService(circuit, service, diagram.measure(gate), spofs, options.maxFixes, diagram.sizeOf(gate))
        : describeEstimatedService(service, estimateByMonteCarlo(circuit, gate, options.seed), spofs);
    } catch (error) {
      diagnostics.push({
        code: 'analysis-failed',
        severity: 'error',
        message: `The analysis of "${service.id}" failed: ${error instanceof Error ? error.message : String(error)}`,
        span: service.idSpan,
      });
      continue;
    }
    if (!failoverExact) figures = { ...figures, exact: false };
    services.push(figures);
    diagnostics.push(...describeServiceFindings(figures, service.idSpan, service.sla?.span));
  }
  const components = [...topology.components.values()].map((component) => {
    const gate = circuit.entityGates.get(component.id) ?? 1;
    return describeComponent(component.id, shared?.measure(gate), nameSinglePoints(circuit, singlePoints.of(gate), component.id));
  });
  diagnostics.push(...describeSinglePoints(topology, services), ...findDefeatedRedundancy(topology, circuit));
  return { services, components, diagnostics };
}

function tryBuild(circuit: Circuit, gates: readonly number[], maxNodes: number): Diagram | undefined {
  try {
    return Diagram.build(circuit, gates, maxNodes);
  } catch (error) {
    if (error instanceof BddBudgetExceeded) return undefined;
    throw error;
  }
}

function describeServiceFindings(
  figures: ServiceFigures,
  idSpan: Diagnostic['span'],
  slaSpan: Diagnostic['span'] | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (figures.meetsSla === false && figures.sla !== null) {
    diagnostics.push({
      code: 'sla-miss',
      severity: 'warning',
      message: `"${figures.id}" is predicted at ${formatPercent(figures.availability, figures.unavailability, 1)} against an SLA of ${formatPercent(figures.sla, 1 - figures.sla)}: ${figures.slaGapMinutesPerYear!.toFixed(1)} minutes of downtime a year too many.`,
      span: slaSpan ?? idSpan,
    });
  }
  if (!figures.exact) {
    const interval = figures.confidence95;
    diagnostics.push({
      code: 'approximate-analysis',
      severity: 'information',
      message: `"${figures.id}" is too large to analyse exactly within the node budget; its figures are a Monte Carlo estimate${interval ? ` (unavailability between ${interval.low.toExponential(2)} and ${interval.high.toExponential(2)} with 95% confidence)` : ''}.`,
      span: idSpan,
    });
  }
  return diagnostics;
}

/**
 * Formats an availability with as many decimals as its nines need, so that targets read
 * as written (99.95%, 99.9%, 99%) and predictions show one digit more.
 */
export function formatPercent(availability: number, unavailability: number, extraDigits = 0): string {
  if (unavailability <= 0) return '100%';
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(unavailability) - 1e-9) - 2 + extraDigits));
  return `${(availability * 100).toFixed(decimals)}%`;
}
