import type { Diagnostic } from '../diagnostics';
import { formatHours } from '../model/quantities';
import { walkDepthFirst, type Circuit } from './circuit';
import type { Measures } from './diagram';

/**
 * Gives each failover pseudo-event its figures: frequency `w` of the group's primary and
 * unavailability `w × t`. Events are numbered as they were compiled, inner groups first,
 * so an outer primary that contains an inner failover sees that event already filled in.
 *
 * `measure` answers exactly, or undefined when the primary is too large for the diagram
 * budget; then the frequency is bounded from above by the sum of the frequencies of the
 * primary's events, and `exact` is false. A primary whose failures include events of
 * unknown frequency makes the pseudo-event's frequency unknown too, so that every figure
 * built on it says it is partial.
 */
export function assignFailoverFigures(circuit: Circuit, measure: (gate: number) => Measures | undefined): { exact: boolean; diagnostics: Diagnostic[] } {
  let exact = true;
  const diagnostics: Diagnostic[] = [];
  for (const event of circuit.events) {
    if (!event.failover) continue;
    const measures = measure(event.failover.primaryGate);
    let frequency = 0;
    let known = true;
    if (measures) {
      frequency = measures.frequency;
      for (const [index, importance] of measures.importance) if (importance > 0 && !circuit.events[index]!.frequencyKnown) known = false;
    } else {
      exact = false;
      for (const g of walkDepthFirst(circuit, [event.failover.primaryGate])) {
        const gate = circuit.gates[g]!;
        if (gate.op !== 'event') continue;
        const primaryEvent = circuit.events[gate.event]!;
        frequency += primaryEvent.frequency;
        if (!primaryEvent.frequencyKnown) known = false;
      }
    }
    const downtime = frequency * event.failover.hours;
    if (downtime >= 1) {
      diagnostics.push({
        code: 'failover-capped',
        severity: 'warning',
        message: `The switchover time (${formatHours(event.failover.hours)}) is longer than the time between failures of the primary (${formatHours(1 / frequency)}): the group would be switching all the time, so its switchover downtime is capped at 100%.`,
        span: event.failover.group.failoverSpan ?? event.failover.group.keySpan,
      });
    }
    const unavailability = Math.min(1, downtime);
    event.frequency = frequency;
    event.frequencyKnown = known;
    event.unavailability = unavailability;
    event.availability = 1 - unavailability;
  }
  return { exact, diagnostics };
}
