import { walkDepthFirst, type Circuit } from './circuit';

/**
 * Gives each failover pseudo-event its figures: frequency `w` of the group's primary and
 * unavailability `w × t`. Events are numbered as they were compiled, inner groups first,
 * so an outer primary that contains an inner failover sees that event already filled in.
 *
 * `frequencyOf` answers exactly, or undefined when the primary is too large for the
 * diagram budget; then the frequency is bounded from above by the sum of the frequencies
 * of the primary's events, and this returns false to say the figures are not exact.
 */
export function assignFailoverFigures(circuit: Circuit, frequencyOf: (gate: number) => number | undefined): boolean {
  let exact = true;
  for (const event of circuit.events) {
    if (!event.failover) continue;
    let frequency = frequencyOf(event.failover.primaryGate);
    if (frequency === undefined) {
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
