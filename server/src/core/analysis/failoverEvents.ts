import type { Diagnostic } from '../diagnostics';
import { formatHours } from '../model/quantities';
import { walkDepthFirst, type BasicEvent, type Circuit } from './circuit';
import type { Diagram } from './diagram';

/**
 * Gives each failover pseudo-event its figures, inner groups first (events are numbered as
 * they were compiled, so an outer primary that contains an inner failover sees that event
 * already filled in). For a group with primary P, rest R (the others carry it with P down)
 * and switch requirement C, summing over the basic events i of P's support except planned
 * maintenance:
 *
 *   w_sw = Σ w_i · (Pr[P(1_i) ∧ R(0_i)] − Pr[P(0_i) ∧ R(0_i)])            switchovers an hour
 *   s_c  = Σ w_i · (Pr[P(1_i) ∧ R(0_i) ∧ C(0_i)] − Pr[P(0_i) ∧ R(0_i) ∧ C(0_i)]) / w_sw
 *   s    = success · s_c                                                   a switchover works
 *   u    = w_sw · (s · time + (1 − s) · manual), capped at 1
 *
 * `manual` defaults to the primary's mean outage `u_P / w_P` (maintenance included).
 *
 * `diagramFor` gives a diagram holding the group's three gates, or undefined when they are
 * too large; then the switchover rate is bounded from above by the sum of the frequencies of
 * the primary's events, and `exact` is false.
 */
export function assignFailoverFigures(circuit: Circuit, diagramFor: (gates: readonly number[]) => Diagram | undefined, only?: ReadonlySet<number>): { exact: boolean; diagnostics: Diagnostic[] } {
  let exact = true;
  const diagnostics: Diagnostic[] = [];
  // In event order, so inner switchovers are figured before the outer ones that contain them.
  const indices = only ? [...only].sort((a, b) => a - b) : circuit.events.map((_, i) => i);
  for (const eventIndex of indices) {
    const event = circuit.events[eventIndex]!;
    if (!event.failover) continue;
    const info = event.failover;
    const diagram = diagramFor([info.primaryGate, info.restGate, info.switchGate]);
    const primaryEvents = eventsOf(circuit, info.primaryGate);
    let rate = 0;
    let withSwitch = 0;
    let requiresHold = 1;
    let manual = info.manualHours ?? 0;
    let known = true;
    if (diagram) {
      const primary = diagram.measure(info.primaryGate);
      for (const [index, importance] of primary.importance) if (importance > 0 && !circuit.events[index]!.frequencyKnown) known = false;
      if (info.manualHours === undefined) manual = primary.frequency > 0 ? primary.unavailability / primary.frequency : 0;
      const restEvents = new Set(eventsOf(circuit, info.restGate));
      const switchEvents = new Set(eventsOf(circuit, info.switchGate));
      const isPrimaryOnly = (index: number) => !restEvents.has(index) && !switchEvents.has(index);
      // Where the primary shares no event with the rest (nor with what the switch needs), they
      // are independent: each bracket factors into the primary's importance times Pr[R] (· Pr[C]).
      const independent = primaryEvents.every(isPrimaryOnly);
      const restHolds = independent ? diagram.jointProbability([info.restGate]) : 0;
      const switchHolds = independent ? diagram.jointProbability([info.restGate, info.switchGate]) : 0;
      for (const index of primaryEvents) {
        const basic = circuit.events[index]!;
        if (basic.kind === 'maintenance' || basic.frequency === 0) continue;
        if (independent) {
          const weight = basic.frequency * (primary.importance.get(index) ?? 0);
          rate += weight * restHolds;
          withSwitch += weight * switchHolds;
          continue;
        }
        const critical = (gates: readonly number[]) =>
          diagram.jointProbability(gates, { event: index, branches: [true, ...gates.slice(1).map(() => false)] }) -
          diagram.jointProbability(gates, { event: index, branches: gates.map(() => false) });
        const share = basic.frequency * critical([info.primaryGate, info.restGate]);
        rate += share;
        // With nothing required for the switch (its gate is always true), every switchover has what it needs.
        withSwitch += info.switchGate === ALWAYS ? share : basic.frequency * critical([info.primaryGate, info.restGate, info.switchGate]);
      }
      requiresHold = rate > 0 ? withSwitch / rate : diagram.jointProbability([info.switchGate]);
    } else {
      exact = false;
      for (const index of primaryEvents) {
        const basic = circuit.events[index]!;
        if (basic.kind !== 'maintenance') rate += basic.frequency;
        if (!basic.frequencyKnown) known = false;
      }
    }
    const success = info.success * requiresHold;
    const downtime = rate * (success * info.hours + (1 - success) * manual);
    if (downtime >= 1) {
      diagnostics.push({
        code: 'failover-capped',
        severity: 'warning',
        message: `Switchovers would take all the time: ${formatHours(info.hours)} each, about every ${formatHours(1 / rate)}. Their downtime is capped at 100%.`,
        span: info.group.failover?.span ?? info.group.keySpan,
      });
    }
    info.figures = { switchoversPerHour: rate, switchSuccess: success, requiresHold, manualHours: manual };
    setFigures(event, rate, Math.min(1, downtime), known);
  }
  return { exact, diagnostics };
}

/** The circuit's constant-true gate. */
const ALWAYS = 1;

function setFigures(event: BasicEvent, frequency: number, unavailability: number, known: boolean): void {
  event.frequency = frequency;
  event.frequencyKnown = known;
  event.unavailability = unavailability;
  event.availability = 1 - unavailability;
}

/** The basic events a gate depends on, by index. */
export function eventsOf(circuit: Circuit, gate: number): number[] {
  return walkDepthFirst(circuit, [gate]).flatMap((g) => {
    const definition = circuit.gates[g]!;
    return definition.op === 'event' ? [definition.event] : [];
  });
}
