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
import { SinglePointBudgetExceeded, SinglePointIndex } from './singlePoints';

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
  const deadline = Date.now() + (options.timeLimitMs ?? Infinity);
  const circuit = compileCircuit(topology);
  const singlePoints = new SinglePointIndex(circuit);
  const limits: string[] = [];
  // Primaries of failover groups are roots too: a group that always holds (one member never
  // fails) drops out of the circuit, but its pseudo-event still needs the primary's frequency.
  const primaries = circuit.events.flatMap((event) => (event.failover ? [event.failover.primaryGate] : []));
  const shared = tryBuild(circuit, [...circuit.entityGates.values(), ...primaries], options.maxBddNodes, deadline);
  const failover = assignFailoverFigures(circuit, (gate) => (shared ?? tryBuild(circuit, [gate], options.maxBddNodes, deadline))?.measure(gate));
  const failoverExact = failover.exact;
  // Single points of failure come from the circuit; past its memory budget, from a diagram.
  const findSinglePoints = (gate: number, diagram: Diagram | undefined): Iterable<number> | undefined => {
    try {
      return singlePoints.of(gate);
    } catch (error) {
      if (!(error instanceof SinglePointBudgetExceeded)) throw error;
      return diagram?.singlePointsOf(gate);
    }
  };
  const services: ServiceFigures[] = [];
  const diagnostics: Diagnostic[] = [...failover.diagnostics];
  for (const service of topology.services.values()) {
    const gate = circuit.entityGates.get(service.id) ?? 1;
    let figures: ServiceFigures;
    try {
      const diagram = shared ?? tryBuild(circuit, [gate], options.maxBddNodes, deadline);
      const spofs = nameSinglePoints(circuit, findSinglePoints(gate, diagram) ?? [], service.id);
      figures = diagram
        ? describeExactService(circuit, service, diagram.measure(gate), spofs, options.maxFixes)
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
  const components: ComponentFigures[] = [];
  let skipped = 0;
  for (const component of topology.components.values()) {
    if (Date.now() > deadline) {
      skipped++;
      components.push(describeComponent(component.id, undefined, []));
      continue;
    }
    const gate = circuit.entityGates.get(component.id) ?? 1;
    const spofs = findSinglePoints(gate, shared);
    components.push(describeComponent(component.id, shared?.measure(gate), spofs ? nameSinglePoints(circuit, spofs, component.id) : []));
  }
  if (skipped > 0) limits.push(`figures of ${skipped} component${skipped === 1 ? '' : 's'} were left out after ${options.timeLimitMs} ms`);
  try {
    diagnostics.push(...describeSinglePoints(topology, services), ...findDefeatedRedundancy(topology, circuit));
  } catch (error) {
    if (!(error instanceof SinglePointBudgetExceeded)) throw error;
    limits.push('defeated redundancy was not checked: the single points of failure of the groups need more memory than the limit');
  }
  const first = [...topology.services.values(), ...topology.components.values()][0];
  if (limits.length > 0 && first) {
    diagnostics.push({ code: 'analysis-limit', severity: 'information', message: `The analysis stopped at a limit: ${limits.join('; ')}.`, span: first.idSpan });
  }
  return { services, components, diagnostics };
}

function tryBuild(circuit: Circuit, gates: readonly number[], maxNodes: number, deadline: number): Diagram | undefined {
  try {
    return Diagram.build(circuit, gates, maxNodes, deadline);
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
