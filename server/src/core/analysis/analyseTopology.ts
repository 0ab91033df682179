import { Budget, OperationCancelled } from '../budget';
import type { Diagnostic } from '../diagnostics';
import { firstEntitySpan, type Topology } from '../model/types';
import { BddBudgetExceeded } from './bdd';
import { compileCircuit } from './circuit';
import { describeComponent, describeEstimatedService, describeExactService, nameSinglePoints } from './describeFigures';
import { Diagram } from './diagram';
import { assignFailoverFigures } from './failoverEvents';
import { findDefeatedFailovers } from './findDefeatedFailovers';
import { FixRecomputer } from './recomputeFixes';
import { describeSinglePoints } from './describeSinglePoints';
import { findDefeatedRedundancy } from './findDefeatedRedundancy';
import { estimateByMonteCarlo } from './montecarlo';
import type { AnalysisOptions, ComponentFigures, FigureSite, ServiceFigures } from './results';
import { SinglePointBudgetExceeded, SinglePointIndex } from './singlePoints';

export interface TopologyAnalysis {
  readonly services: readonly ServiceFigures[];
  /** Empty when the topology was too large for one shared diagram. */
  readonly components: readonly ComponentFigures[];
  readonly diagnostics: readonly Diagnostic[];
  /** Where the text writes a failover, a common cause or a maintenance, to show its figures there. */
  readonly sites: readonly FigureSite[];
}

/**
 * Runs the availability analysis of every service and component.
 *
 * First everything goes into one shared diagram, so shared dependencies are built once.
 * Past the node budget, each service gets a diagram of its own, and a service too large even
 * for that is estimated by Monte Carlo; past the time budget, the same. Single points of
 * failure come from the circuit, bounded by work rather than time, and stay exact.
 */
export function analyseTopology(topology: Topology, options: AnalysisOptions, budget: Budget = Budget.unlimited()): TopologyAnalysis {
  const circuit = compileCircuit(topology);
  const singlePoints = new SinglePointIndex(circuit);
  const limits: string[] = [];
  const stops = new Set<'nodes' | 'time'>();
  const build = (gates: readonly number[]): Diagram | undefined => {
    if (budget.exceeded()) {
      stops.add('time');
      return undefined;
    }
    try {
      return Diagram.build(circuit, gates, options.maxBddNodes, budget);
    } catch (error) {
      if (!(error instanceof BddBudgetExceeded)) throw error;
      stops.add(error.reason);
      return undefined;
    }
  };
  // Primaries of failover groups are roots too: a group that always holds (one member never
  // fails) drops out of the circuit, but its pseudo-event still needs the primary's frequency.
  // Each failover group's primary, rest and switch requirement are roots too: they decide its
  // switchover figures, and the switch requirement is in no service's structure function.
  const failoverGates = circuit.events.flatMap((event) => (event.failover ? [event.failover.primaryGate, event.failover.restGate, event.failover.switchGate] : []));
  const shared = build([...circuit.entityGates.values(), ...failoverGates]);
  const diagramFor = (gates: readonly number[]) => (shared && gates.every((g) => shared.has(g)) ? shared : build(gates));
  const failover = assignFailoverFigures(circuit, diagramFor);
  const fixes = new FixRecomputer(circuit, diagramFor, budget);
  // Single points of failure come from the circuit; past its work budget, from a diagram.
  let spofsFromDiagram = false;
  const findSinglePoints = (gate: number, diagram: Diagram | undefined): Iterable<number> | undefined => {
    try {
      return singlePoints.of(gate);
    } catch (error) {
      if (!(error instanceof SinglePointBudgetExceeded)) throw error;
      spofsFromDiagram = true;
      return diagram?.singlePointsOf(gate);
    }
  };
  // Past the time limit, estimates take a tenth of the usual work, so the overrun stays small.
  const estimate = (gate: number) =>
    budget.wasExceeded ? estimateByMonteCarlo(circuit, gate, options.seed, 1_000_000, 200) : estimateByMonteCarlo(circuit, gate, options.seed);
  const services: ServiceFigures[] = [];
  const diagnostics: Diagnostic[] = [...failover.diagnostics];
  for (const service of topology.services.values()) {
    const gate = circuit.entityGates.get(service.id) ?? 1;
    let figures: ServiceFigures;
    let estimatedBecause: 'nodes' | 'time' | undefined;
    try {
      const diagram = shared ?? build([gate]);
      const spofs = nameSinglePoints(circuit, findSinglePoints(gate, diagram) ?? [], service.id);
      if (!diagram) estimatedBecause = stops.has('time') ? 'time' : 'nodes';
      const measures = diagram?.measure(gate);
      figures = diagram && measures
        ? describeExactService(circuit, service, measures, spofs, options.maxFixes, { slack: (event) => fixes.slack(measures, event), saving: (event) => fixes.saving(diagram, gate, measures, event) })
        : describeEstimatedService(service, estimate(gate), spofs);
    } catch (error) {
      if (error instanceof OperationCancelled) throw error;
      diagnostics.push({
        code: 'analysis-failed',
        severity: 'error',
        message: `The analysis of "${service.id}" failed: ${error instanceof Error ? error.message : String(error)}`,
        span: service.idSpan,
      });
      continue;
    }
    if (!failover.exact) figures = { ...figures, exact: false };
    services.push(figures);
    diagnostics.push(...describeServiceFindings(figures, service.idSpan, service.sla?.span, estimatedBecause, budget.limitMs));
  }
  const components: ComponentFigures[] = [];
  let skipped = 0;
  for (const component of topology.components.values()) {
    if (skipped > 0 || budget.exceeded()) {
      skipped++;
      components.push(describeComponent(component.id, undefined, []));
      continue;
    }
    const gate = circuit.entityGates.get(component.id) ?? 1;
    const spofs = findSinglePoints(gate, shared);
    components.push(describeComponent(component.id, shared?.measure(gate), spofs ? nameSinglePoints(circuit, spofs, component.id) : []));
  }
  if (skipped > 0) limits.push(`figures of ${skipped} component${skipped === 1 ? '' : 's'} were left out`);
  try {
    diagnostics.push(...describeSinglePoints(topology, services, findDefeatedRedundancy(topology, circuit)), ...findDefeatedFailovers(topology, circuit, singlePoints));
  } catch (error) {
    if (!(error instanceof SinglePointBudgetExceeded)) throw error;
    limits.push('defeated redundancy was not checked: it needs more steps than the limit');
  }
  if (spofsFromDiagram) limits.push('some single points of failure needed more steps than the limit and come from the decision diagram');
  const first = firstEntitySpan(topology);
  if (limits.length > 0 && first) {
    const which = stops.has('time') || budget.wasExceeded ? `the time limit (${budget.limitMs.toLocaleString('en')} ms)` : 'a size limit';
    const exactness = spofsFromDiagram ? '' : ' Single points of failure are still exact.';
    diagnostics.push({ code: 'analysis-limit', severity: 'information', message: `The analysis stopped at ${which}: ${limits.join('; ')}.${exactness}`, span: first });
  }
  return { services, components, diagnostics, sites: listFigureSites(topology, circuit) };
}

/** The failover keys (by their switchover's name), common-cause groups and maintenance keys. */
function listFigureSites(topology: Topology, circuit: ReturnType<typeof compileCircuit>): FigureSite[] {
  const sites: FigureSite[] = [];
  for (const event of circuit.events) {
    const failover = event.failover?.group.failover;
    if (failover) sites.push({ kind: 'failover', name: event.name, span: failover.span });
  }
  for (const group of topology.commonCause) sites.push({ kind: 'common-cause', name: group.id, span: group.span });
  for (const component of topology.components.values()) {
    if (component.maintenance) sites.push({ kind: 'maintenance', name: component.id, span: component.maintenance.span });
  }
  return sites.sort((a, b) => a.span.start - b.span.start);
}

function describeServiceFindings(
  figures: ServiceFigures,
  idSpan: Diagnostic['span'],
  slaSpan: Diagnostic['span'] | undefined,
  estimatedBecause: 'nodes' | 'time' | undefined,
  limitMs: number,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (figures.meetsSla === false && figures.sla !== null) {
    diagnostics.push({
      code: 'sla-miss',
      severity: 'warning',
      message: `"${figures.id}" is predicted at ${formatAgainstTarget(figures.availability, figures.unavailability, figures.sla, false)} against an SLA of ${formatPercent(figures.sla, 1 - figures.sla)}: ${figures.slaGapMinutesPerYear!.toFixed(1)} minutes of downtime a year too many.`,
      span: slaSpan ?? idSpan,
    });
  }
  if (!figures.exact) {
    const interval = figures.confidence95;
    diagnostics.push({
      code: 'approximate-analysis',
      severity: 'information',
      message: `"${figures.id}" ${estimatedBecause === 'time' ? `could not be analysed exactly within the time limit (${limitMs.toLocaleString('en')} ms)` : 'is too large to analyse exactly within the node budget'}; its figures are a Monte Carlo estimate${interval ? ` (unavailability between ${interval.low.toExponential(2)} and ${interval.high.toExponential(2)} with 95% confidence)` : ''}.`,
      span: idSpan,
    });
  }
  return diagnostics;
}

/**
 * Formats an availability with as many decimals as its nines need, so that targets read
 * as written (99.95%, 99.9%, 99%) and predictions show one digit more.
 */
/**
 * An availability printed beside its SLA target, with enough digits that the comparison
 * reads the way the verdict goes: a miss prints below the target, never "99.90% against
 * 99.9%"; a met target prints at or above it. One digit more than its nines need, then more
 * only where rounding would blur the verdict.
 */
export function formatAgainstTarget(availability: number, unavailability: number, target: number, meets: boolean): string {
  // The target as it is printed (99.999, not 99.99900000000001).
  const targetPercent = Number((target * 100).toPrecision(12));
  for (let extra = 1; ; extra++) {
    const printed = formatPercent(availability, unavailability, extra);
    const value = Number(printed.slice(0, -1));
    if ((meets ? value >= targetPercent : value < targetPercent) || extra >= 12) return printed;
  }
}

export function formatPercent(availability: number, unavailability: number, extraDigits = 0): string {
  if (unavailability <= 0) return '100%';
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(unavailability) - 1e-9) - 2 + extraDigits));
  return `${(availability * 100).toFixed(decimals)}%`;
}
