import type { Budget } from '../budget';
import type { Phase, Topology } from '../model/types';
import { BddBudgetExceeded } from './bdd';
import { compileCircuit, type Circuit } from './circuit';
import { Diagram } from './diagram';
import { assignFailoverFigures } from './failoverEvents';
import { FixRecomputer } from './recomputeFixes';
import type { AnalysisOptions } from './results';

/**
 * One load phase, ready to measure: its circuit (the phase's thresholds), the diagram shared
 * by every entity when it fits, its switchover figures and its fix recomputer.
 */
export interface PreparedPhase {
  readonly phase: Phase;
  /** The share of the time the phase holds. */
  readonly weight: number;
  readonly circuit: Circuit;
  readonly shared: Diagram | undefined;
  /** A diagram of the gates on their own, or undefined past a budget (see `stops`). */
  readonly build: (gates: readonly number[]) => Diagram | undefined;
  readonly fixes: FixRecomputer;
  readonly failover: ReturnType<typeof assignFailoverFigures>;
  /** Why a diagram could not be built, if one could not. */
  readonly stops: ReadonlySet<'nodes' | 'time'>;
}

export function preparePhase(topology: Topology, phase: Phase, weight: number, options: AnalysisOptions, budget: Budget): PreparedPhase {
  const circuit = compileCircuit(topology, phase);
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
  const shared = build([...circuit.entityGates.values(), ...failoverGates]);
  const diagramFor = (gates: readonly number[]) => (shared && gates.every((g) => shared.has(g)) ? shared : build(gates));
  const failover = assignFailoverFigures(circuit, diagramFor);
  const fixes = new FixRecomputer(circuit, diagramFor, budget);
  return { phase, weight, circuit, shared, build, fixes, failover, stops };
}
