import type { Budget } from '../budget';
import type { Phase } from '../model/types';
import type { RememberedPhase } from './analysisMemo';
import { BddBudgetExceeded } from './bdd';
import type { Circuit } from './circuit';
import { Diagram } from './diagram';
import { assignFailoverFigures, shareFailoverStructures, type SwitchoverMemo } from './failoverEvents';
import { FixRecomputer } from './recomputeFixes';
import type { AnalysisOptions } from './results';
import { SinglePointIndex } from './singlePoints';

/**
 * One load phase, ready to measure: its circuit (the phase's thresholds), the diagram shared
 * by every entity when it fits, its switchover figures, its fix recomputer and its single
 * points of failure.
 */
export interface PreparedPhase {
  readonly phase: Phase;
  /** The share of the time the phase holds. */
  readonly weight: number;
  readonly circuit: Circuit;
  readonly shared: Diagram | undefined;
  /** A diagram holding the gates: the shared one when it does, else one of their own, or undefined past a budget (see `stops`). */
  readonly diagramFor: (gates: readonly number[]) => Diagram | undefined;
  readonly fixes: FixRecomputer;
  readonly failover: ReturnType<typeof assignFailoverFigures>;
  readonly singlePoints: SinglePointIndex;
  /** Why a diagram could not be built, if one could not. */
  readonly stops: ReadonlySet<'nodes' | 'time'>;
}

/** What an earlier version of the document lends a phase (see AnalysisMemo). */
export interface PhaseReuse {
  /** The previous version's phase, when its circuit has the same structure: its diagram and single points hold. */
  readonly same?: RememberedPhase;
  /** The entity gates whose figures must be computed; every entity's when absent. */
  readonly entityGates?: readonly number[];
  readonly switchovers?: SwitchoverMemo;
}

export function preparePhase(circuit: Circuit, phase: Phase, weight: number, options: AnalysisOptions, budget: Budget, reuse: PhaseReuse = {}): PreparedPhase {
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
  // Each failover group's primary, rest and switch requirement are roots too: they decide its
  // switchover figures, and the switch requirement is in no service's structure function.
  // (A group that always holds drops out of the circuit, but its pseudo-event still needs
  // the primary's frequency.)
  const failoverGates = circuit.events.flatMap((event) => (event.failover ? [event.failover.primaryGate, event.failover.restGate, event.failover.switchGate] : []));
  // A circuit of the same structure keeps the diagram: only the events' figures changed.
  const kept = reuse.same?.shared?.withCircuit(circuit);
  const shared = kept ?? build([...(reuse.entityGates ?? circuit.entityGates.values()), ...failoverGates]);
  const diagramFor = (gates: readonly number[]) => (shared && gates.every((g) => shared.has(g)) ? shared : build(gates));
  if (reuse.same) shareFailoverStructures(reuse.same.circuit, circuit);
  const failover = assignFailoverFigures(circuit, diagramFor, undefined, reuse.switchovers);
  const fixes = new FixRecomputer(circuit, diagramFor, budget);
  const singlePoints = reuse.same?.singlePoints.restart() ?? new SinglePointIndex(circuit);
  return { phase, weight, circuit, shared, diagramFor, fixes, failover, singlePoints, stops };
}
