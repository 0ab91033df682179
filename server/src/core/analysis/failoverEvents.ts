import { BddBudgetExceeded } from './bdd';
import type { Circuit } from './circuit';
import { measureFunction } from './measures';
import { compileToBdd, walkDepthFirst } from './toBdd';

/**
 * Gives each failover pseudo-event its figures: frequency `w` of the group's primary and
 * unavailability `w × t`. Events are numbered as they were compiled, inner groups first,
 * so an outer primary that contains an inner failover sees that event already filled in.
 * Returns false when some primary was too large for the diagram budget and its frequency
 * was bounded from above (the sum of its events' frequencies) instead.
 */
export function assignFailoverFigures(circuit: Circuit, maxBddNodes: number): boolean {
  let exact = true;
  for (const event of circuit.events) {
    if (!event.failover) continue;
    let frequency: number;
    try {
      const compiled = compileToBdd(circuit, event.failover.primaryGate, maxBddNodes);
      frequency = measureFunction(compiled, circuit.events).frequency;
    } catch (error) {
      if (!(error instanceof BddBudgetExceeded)) throw error;
      exact = false;
      frequency = 0;
      for (const g of walkDepthFirst(circuit, [event.failover.primaryGate])) {
        const gate = circuit.gates[g]!;
        if (gate.op === 'event') frequency += circuit.events[gate.event]!.frequency;
      }
    }
    const unavailability = Math.min(1, frequency * event.failover.hours);
    event.frequency = frequency;
    event.unavailability = unavailability;
    event.availability = 1 - unavailability;
  }
  return exact;
}
