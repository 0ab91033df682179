import { Budget, OperationCancelled } from '../budget';
import type { Diagnostic } from '../diagnostics';
import { firstEntitySpan, phasesOf, type Load, type Service, type Topology } from '../model/types';
import type { AnalysisMemo, RememberedService, ResultKey } from './analysisMemo';
import { compileCircuit, gateOfEntity } from './circuit';
import { addFixes, describeEstimatedService, describeExactService, nameSinglePoints, weighFailoverFigure, type PhaseMeasures } from './describeFigures';
import { measureComponents } from './measureComponents';
import type { Diagram } from './diagram';
import { findDefeatedFailovers } from './findDefeatedFailovers';
import { preparePhase, type PreparedPhase } from './preparePhase';
import { reuseCircuit } from './reuseCircuit';
import { findStructuralFindings } from './reuseFindings';
import { describeSinglePoints } from './describeSinglePoints';
import { findDefeatedRedundancy } from './findDefeatedRedundancy';
import { describeLoadFindings } from './describeLoadFindings';
import { breachWarningShare, describeSlaRisk } from './describeRisk';
import { countNeeded } from '../model/readLoad';
import { estimateByMonteCarlo, type Estimate } from './montecarlo';
import type { AnalysisOptions, ComponentFigures, FigureSite, LoadFigures, ServiceFigures } from './results';
import { SinglePointBudgetExceeded } from './singlePoints';

export interface TopologyAnalysis {
  readonly services: readonly ServiceFigures[];
  /**
   * Without figures when the topology was too large for one shared diagram. Empty with
   * `diagnosticsFirst`: `measureComponents` and `complete` give them.
   */
  readonly components: readonly ComponentFigures[];
  readonly diagnostics: readonly Diagnostic[];
  /** Where the text writes a failover, a common cause or a maintenance, to show its figures there. */
  readonly sites: readonly FigureSite[];
  /**
   * With `diagnosticsFirst`, the components' figures are left out (no diagnostic depends on
   * them); this measures them, once however often it is called.
   */
  readonly measureComponents?: () => readonly ComponentFigures[];
  /**
   * With `diagnosticsFirst`, the services' fixes, causes and switchovers are left out too (no
   * diagnostic depends on them, and the fixes are most of the work); this ranks the fixes,
   * fills in what depends on them and measures the components.
   */
  readonly complete?: () => { readonly services: readonly ServiceFigures[]; readonly components: readonly ComponentFigures[] };
}

/**
 * Runs the availability analysis of every service and component.
 *
 * First everything goes into one shared diagram, so shared dependencies are built once.
 * Past the node budget, each service gets a diagram of its own, and a service too large even
 * for that is estimated by Monte Carlo; past the time budget, the same. Single points of
 * failure come from the circuit, bounded by work rather than time, and stay exact.
 */
export function analyseTopology(topology: Topology, options: AnalysisOptions, budget: Budget = Budget.unlimited(), memo?: AnalysisMemo, diagnosticsFirst = false): TopologyAnalysis {
  // One circuit per load phase; the first (the peak, when there is one) decides single points
  // of failure and the structural findings, and every figure is the phase-weighted sum.
  // With the structure of the version before, its circuits are reused with new figures.
  const phaseList = phasesOf(topology);
  const before = memo?.circuits() ?? [];
  const plans = phaseList.map(({ phase, weight }, i) => {
    const previous = before.length === phaseList.length ? before[i] : undefined;
    return { phase, weight, circuit: (previous && reuseCircuit(topology, phase, previous)) ?? compileCircuit(topology, phase) };
  });
  const weights = plans.map((plan) => plan.weight);
  // With a memo, results whose inputs did not change are looked up before anything is built,
  // so that diagrams are built only for what is missing.
  const run = memo?.begin(options, plans.map((plan) => plan.circuit));
  // Each entity's key, with its remembered result where one can be used (see MemoRun.findService);
  // only what none is found for is analysed. Kept in arrays in the order the entities come.
  const analysed = options.componentFigures === false ? [] : [...topology.components.values()];
  const serviceKeys: { key: ResultKey; remembered: RememberedService | undefined }[] = [];
  const componentKeys: { key: ResultKey; remembered: ComponentFigures | undefined }[] = [];
  const toCompute: string[] = [];
  if (run) {
    for (const service of topology.services.values()) {
      const key = run.keyOf(service.id, describeOwnSettings(service), weights);
      const remembered = run.findService(key);
      serviceKeys.push({ key, remembered });
      if (!remembered) toCompute.push(service.id);
    }
  }
  const keyComponents = () => {
    if (!run || componentKeys.length > 0) return;
    for (const component of analysed) {
      const key = run.keyOf(component.id, '', weights);
      const remembered = run.findComponent(key);
      componentKeys.push({ key, remembered });
      if (!remembered) toCompute.push(component.id);
    }
  };
  // Components are looked up before the diagrams only where those are to be built: kept
  // diagrams (the structure did not change) hold every gate already, and with
  // `diagnosticsFirst` the components' figures wait, and so can their keys.
  if (!diagnosticsFirst || !run?.phases.every((phase) => phase.same?.shared !== undefined)) keyComponents();
  // The shared diagram holds what is to be analysed: everything, or without components'
  // figures the services alone, or with a memo only what it has no results for.
  const roots = run ? toCompute : options.componentFigures === false ? [...topology.services.keys()] : undefined;
  const phases = plans.map((plan, i) =>
    preparePhase(plan.circuit, plan.phase, plan.weight, options, budget, {
      ...(run ? { same: run.phases[i]!.same, switchovers: run.switchovers(i) } : {}),
      ...(roots ? { entityGates: roots.map((id) => gateOfEntity(plan.circuit, id)) } : {}),
    }),
  );
  const main = phases[0]!;
  const circuit = main.circuit;
  const singlePoints = main.singlePoints;
  const limits: string[] = [];
  const stopped = (reason: 'nodes' | 'time') => phases.some((p) => p.stops.has(reason));
  // Single points of failure come from the circuit; past its work budget, from a diagram.
  let spofsFromDiagram = false;
  const findSinglePoints = (gate: number, diagramOf: () => Diagram | undefined): Iterable<number> | undefined => {
    try {
      return singlePoints.of(gate);
    } catch (error) {
      if (!(error instanceof SinglePointBudgetExceeded)) throw error;
      spofsFromDiagram = true;
      return diagramOf()?.singlePointsOf(gate);
    }
  };
  // Past the time limit, estimates take a tenth of the usual work, so the overrun stays small.
  const estimate = (phase: PreparedPhase, gate: number) =>
    budget.wasExceeded ? estimateByMonteCarlo(phase.circuit, gate, options.seed, 1_000_000, 200) : estimateByMonteCarlo(phase.circuit, gate, options.seed);
  const services: ServiceFigures[] = [];
  // Services whose results are to be remembered, with their keys and remembered off-peak single points.
  const toKeep: { key: ResultKey; figures: ServiceFigures; offPeak: readonly string[] | undefined }[] = [];
  // With fixes later: each exact service still to rank, with what ranking needs.
  const unranked: { at: number; views: PhaseMeasures[] }[] = [];
  // Switchovers capped at 100% are reported once, as the peak sees them.
  const diagnostics: Diagnostic[] = [...main.failover.diagnostics];
  // A service whose analysis fails has no figures, so `services` is no index into the keys.
  let serviceIndex = -1;
  for (const service of topology.services.values()) {
    let figures: ServiceFigures;
    let estimatedBecause: 'nodes' | 'time' | undefined;
    let toRank: PhaseMeasures[] | undefined;
    const key = serviceKeys[++serviceIndex];
    const remembered = key?.remembered;
    try {
      if (remembered) {
        figures = remembered.figures;
      } else {
        const measured = phases.map((phase) => measureService(phase, service.id));
        const mainGate = gateOfEntity(circuit, service.id);
        const spofs = nameSinglePoints(circuit, findSinglePoints(mainGate, () => measured[0]?.diagram) ?? [], service.id);
        const exact = measured.every((m) => m !== undefined);
        if (!exact) estimatedBecause = stopped('time') ? 'time' : 'nodes';
        if (exact && diagnosticsFirst) toRank = measured.map((m) => m!.view);
        figures = exact
          ? describeExactService(service, measured.map((m) => m!.view), spofs, options.maxFixes, !diagnosticsFirst)
          : describeEstimatedService(service, combineEstimates(phases.map((phase) => ({ weight: phase.weight, estimate: estimate(phase, gateOfEntity(phase.circuit, service.id)) }))), spofs);
      }
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
    if (phases.some((p) => !p.failover.exact)) figures = { ...figures, exact: false };
    if (key && figures.exact) toKeep.push({ key: key.key, figures, offPeak: remembered?.offPeakSpofs });
    if (toRank) unranked.push({ at: services.length, views: toRank });
    services.push(figures);
    diagnostics.push(...describeServiceFindings(figures, service.idSpan, service.sla?.span, estimatedBecause, budget.limitMs));
  }
  // Components' figures serve hovers, hints and the preview, never a diagnostic: with
  // `diagnosticsFirst` they wait until asked for, unless the time limit is past already (then
  // they are left out now, and the limit's message says so). The limit still counts from the
  // start: past it later, they are left out as they would be now, but no diagnostic can say so.
  const componentInputs = { components: analysed, keys: componentKeys, run, phases, budget, findSinglePoints };
  let components: readonly ComponentFigures[] | undefined;
  if (!diagnosticsFirst || budget.exceeded()) {
    keyComponents();
    const measured = measureComponents(componentInputs);
    components = measured.figures;
    if (measured.skipped > 0) limits.push(`figures of ${measured.skipped} component${measured.skipped === 1 ? '' : 's'} were left out`);
  }
  // Measured later, their single points of failure also come too late for the limit's
  // message below, should one need more steps than its limit (fifty million).
  const measureLater = () => {
    keyComponents();
    return (components ??= measureComponents(componentInputs).figures);
  };
  let offPeakSpofs: Map<string, readonly string[]> | undefined;
  try {
    if (phases.length > 1) {
      const remembered = new Map(toKeep.map((kept) => [kept.figures.id, kept.offPeak]));
      offPeakSpofs = new Map([...topology.services.keys()].map((id) => [id, remembered.get(id) ?? listOffPeakSpofs(phases[1]!, id)]));
    }
    // Taken over from the previous version when found from the same inputs (see reuseFindings).
    const inputs = { topology, circuits: phases.map((phase) => phase.circuit), services, offPeakSpofs };
    const { findings, reused } = findStructuralFindings(inputs, memo?.structuralFindings, () => {
      const load = describeLoadFindings(topology, services, offPeakSpofs);
      return [...describeSinglePoints(topology, services, findDefeatedRedundancy(topology, circuit, singlePoints), load), ...load.diagnostics];
    });
    if (run) run.findingsReused = reused;
    if (memo) memo.structuralFindings = findings;
    // A defeated failover's message gives the primary's repair time, which is failure data.
    diagnostics.push(...findings.diagnostics, ...findDefeatedFailovers(topology, circuit, singlePoints));
  } catch (error) {
    if (!(error instanceof SinglePointBudgetExceeded)) throw error;
    limits.push('defeated redundancy was not checked: it needs more steps than the limit');
  }
  if (spofsFromDiagram) limits.push('some single points of failure needed more steps than the limit and come from the decision diagram');
  const first = firstEntitySpan(topology);
  if (limits.length > 0 && first) {
    const which = stopped('time') || budget.wasExceeded ? `the time limit (${budget.limitMs.toLocaleString('en')} ms)` : 'a size limit';
    const exactness = spofsFromDiagram ? '' : ' Single points of failure are still exact.';
    diagnostics.push({ code: 'analysis-limit', severity: 'information', message: `The analysis stopped at ${which}: ${limits.join('; ')}.${exactness}`, span: first });
  }
  // Only a complete analysis is remembered: one cut short is redone from scratch next time.
  // Services whose fixes are not ranked yet (`unrankedIds`) are not kept: a kept result is final.
  const remember = (final: readonly ServiceFigures[], unrankedIds?: ReadonlySet<string>) => {
    if (!run) return;
    const byId = new Map(final.map((figures) => [figures.id, figures]));
    for (const { key, figures } of toKeep) {
      if (!unrankedIds?.has(figures.id)) run.keepService(key, { figures: byId.get(figures.id) ?? figures, offPeakSpofs: offPeakSpofs?.get(figures.id) });
    }
    const whole = limits.length === 0 && !budget.wasExceeded && phases.every((p) => p.failover.exact && p.stops.size === 0);
    if (whole) run.memo.commit(run, phases.map((p, i) => ({ circuit: p.circuit, shapes: run.phases[i]!.shapes, unkeyed: run.phases[i]!.unkeyed, shared: p.shared, singlePoints: p.singlePoints })));
    else run.memo.forgetResults();
  };
  const sites = listFigureSites(topology, phases);
  if (!diagnosticsFirst) {
    remember(services);
    return { services, components: components!, diagnostics, sites };
  }
  const complete = () => {
    const ranked = [...services];
    const unrankedIds = new Set(unranked.map(({ at }) => services[at]!.id));
    try {
      for (const { at, views } of unranked) {
        // A newer version waiting stops the ranking (on 10,000 components it takes a few
        // hundred milliseconds, which the newer version's diagnostics would wait for).
        budget.throwIfCancelled();
        ranked[at] = addFixes(services[at]!, views, options.maxFixes);
        unrankedIds.delete(services[at]!.id);
      }
    } catch (error) {
      // What is ranked is remembered, with this version's diagrams: the newer version starts from them.
      if (error instanceof OperationCancelled) remember(ranked, unrankedIds);
      throw error;
    }
    // Measured after the ranking, so that a newer version that cancels this keeps what is ranked.
    const measured = measureLater();
    remember(ranked);
    return { services: ranked, components: measured };
  };
  return { services, components: components ?? [], diagnostics, sites, measureComponents: measureLater, complete };
}

/** What a service's figures depend on besides its gate: its SLA terms. */
function describeOwnSettings(service: Service): string {
  const target = service.sla;
  return target ? `${target.unavailability}/${target.period}/${target.maxOutageHours}` : 'no target';
}

/** A service's single points of failure off-peak, to tell those that exist only at peak. */
function listOffPeakSpofs(offPeak: PreparedPhase, id: string): string[] {
  return nameSinglePoints(offPeak.circuit, offPeak.singlePoints.of(gateOfEntity(offPeak.circuit, id)), id);
}

/** A service's measures in one phase, with the diagram they come from; undefined past a budget. */
function measureService(phase: PreparedPhase, id: string): { diagram: Diagram; view: PhaseMeasures } | undefined {
  const gate = gateOfEntity(phase.circuit, id);
  const diagram = phase.diagramFor([gate]);
  const measures = diagram?.measure(gate);
  if (!diagram || !measures) return undefined;
  const recompute = { slack: (event: number) => phase.fixes.slack(measures, event), saving: (event: number) => phase.fixes.saving(diagram, gate, measures, event) };
  return { diagram, view: { weight: phase.weight, circuit: phase.circuit, measures, recompute } };
}

/** Phase estimates combined as a weighted sum, with their intervals combined the same way. */
function combineEstimates(parts: readonly { weight: number; estimate: Estimate }[]): Estimate {
  if (parts.length === 1) return parts[0]!.estimate;
  const sum = (read: (e: Estimate) => number) => parts.reduce((total, p) => total + p.weight * read(p.estimate), 0);
  return { unavailability: sum((e) => e.unavailability), low: sum((e) => e.low), high: sum((e) => e.high), samples: Math.min(...parts.map((p) => p.estimate.samples)) };
}

/**
 * The failover keys (by their switchover's name, with how often the switch works, which the
 * preview shows without waiting for any service's figures), common-cause groups and maintenance keys.
 */
function listFigureSites(topology: Topology, phases: readonly PreparedPhase[]): FigureSite[] {
  const sites: FigureSite[] = [];
  const { circuit } = phases[0]!;
  circuit.events.forEach((event, eventIndex) => {
    const failover = event.failover?.group.failover;
    if (!failover) return;
    const switchSuccess = event.failover!.figures ? weighFailoverFigure(phases, eventIndex, (figures) => figures.switchSuccess) : undefined;
    sites.push({ kind: 'failover', name: event.name, span: failover.span, ...(switchSuccess !== undefined ? { switchSuccess } : {}) });
  });
  for (const group of topology.commonCause) sites.push({ kind: 'common-cause', name: group.id, span: group.span });
  for (const component of topology.components.values()) {
    if (component.maintenance) sites.push({ kind: 'maintenance', name: component.id, span: component.maintenance.span });
    if (component.load) sites.push({ kind: 'load', name: component.id, span: component.load.span, load: describeLoad(component.load, component.replicas, 'instances', topology.peakShare) });
  }
  for (const [group, { owner }] of circuit.groups) {
    if (group.load) sites.push({ kind: 'load', name: owner, span: group.load.span, load: describeLoad(group.load, group.members.length, 'members', topology.peakShare) });
  }
  return sites.sort((a, b) => a.span.start - b.span.start);
}

function describeLoad(load: Load, count: number, unit: LoadFigures['unit'], peakShare: number): LoadFigures {
  // The model keeps a need past the count as count + 1; the figures say what the demand needs.
  const needAtPeak = countNeeded(load.peak, load.capacity);
  const needOffPeak = countNeeded(load.normal, load.capacity);
  return { count, unit, capacity: load.capacity, peak: load.peak, normal: load.normal, needAtPeak, needOffPeak, peakShare };
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
  const risk = describeSlaRisk(figures, formatPercent(figures.sla ?? 1, 1 - (figures.sla ?? 1)));
  if (figures.meetsSla === true && figures.breachProbability !== null && figures.breachProbability > breachWarningShare && risk) {
    diagnostics.push({
      code: 'sla-breach-risk',
      severity: 'warning',
      message: `"${figures.id}" meets ${formatPercent(figures.sla!, 1 - figures.sla!)} on average (${formatAgainstTarget(figures.availability, figures.unavailability, figures.sla!, true)}), but ${risk}.`,
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
