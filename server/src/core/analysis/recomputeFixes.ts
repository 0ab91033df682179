import type { Budget } from '../budget';
import type { Circuit } from './circuit';
import type { Diagram } from './diagram';
import { assignFailoverFigures, eventsOf } from './failoverEvents';

type DiagramFor = (gates: readonly number[]) => Diagram | undefined;

/**
 * What a service would save if one basic event never failed, with everything recomputed.
 * Where no switchover's figures depend on the event, `I_B · u` is exact and this answers
 * undefined. Where some do (the event is in a primary, a rest or what a switch requires, or in
 * an inner switchover that is), the event is made perfect, those switchovers are refigured
 * (once per event, whatever the service) and the service is measured again.
 */
export class FixRecomputer {
  /** For each event, the switchover events whose figures depend on it, inner first. */
  private readonly dependents = new Map<number, number[]>();
  /** For each event already asked about: the refigured switchovers' unavailabilities. */
  private readonly refigured = new Map<number, Map<number, number>>();
  /** Each service's unavailability as it is, measured once for all its fixes. */
  private readonly unavailabilityOf = new Map<number, number>();

  constructor(
    private readonly circuit: Circuit,
    private readonly diagramFor: DiagramFor,
    private readonly budget: Budget,
  ) {
    // Each switchover's full support: its own gates' events and, through an inner switchover, that one's.
    const supportOf = new Map<number, ReadonlySet<number>>();
    for (const [index, event] of circuit.events.entries()) {
      const info = event.failover;
      if (!info) continue;
      const support = new Set<number>();
      for (const gate of [info.primaryGate, info.restGate, info.switchGate]) {
        for (const e of eventsOf(circuit, gate)) {
          support.add(e);
          // Inner switchovers are numbered first, so their support is known.
          for (const inner of supportOf.get(e) ?? []) support.add(inner);
        }
      }
      supportOf.set(index, support);
      for (const e of support) {
        const list = this.dependents.get(e) ?? [];
        list.push(index);
        this.dependents.set(e, list);
      }
    }
  }

  saving(diagram: Diagram, serviceGate: number, eventIndex: number): number | undefined {
    const dependents = this.dependents.get(eventIndex);
    // Past the time limit, I_B · u stands in: it ignores only the switchovers' change.
    if (!dependents || dependents.length === 0 || this.budget.wasExceeded) return undefined;
    const figures = this.refigure(eventIndex, dependents);
    const { events } = this.circuit;
    const before = this.unavailabilityOf.get(serviceGate) ?? diagram.measure(serviceGate).unavailability;
    this.unavailabilityOf.set(serviceGate, before);
    const changed = [eventIndex, ...figures.keys()];
    const saved = changed.map((i) => [events[i]!.availability, events[i]!.unavailability] as const);
    try {
      events[eventIndex]!.availability = 1;
      events[eventIndex]!.unavailability = 0;
      for (const [index, unavailability] of figures) {
        events[index]!.unavailability = unavailability;
        events[index]!.availability = 1 - unavailability;
      }
      return before - diagram.measure(serviceGate).unavailability;
    } finally {
      changed.forEach((i, k) => {
        events[i]!.availability = saved[k]![0];
        events[i]!.unavailability = saved[k]![1];
      });
    }
  }

  /** The dependent switchovers' unavailabilities with the event perfect, found once per event. */
  private refigure(eventIndex: number, dependents: readonly number[]): Map<number, number> {
    const known = this.refigured.get(eventIndex);
    if (known) return known;
    const { events } = this.circuit;
    const touched = [eventIndex, ...dependents];
    const saved = touched.map((i) => ({ ...events[i]!, figures: events[i]!.failover?.figures }));
    const result = new Map<number, number>();
    try {
      events[eventIndex]!.availability = 1;
      events[eventIndex]!.unavailability = 0;
      events[eventIndex]!.frequency = 0;
      // A switchover's own fix means "it costs nothing": it is not refigured itself.
      assignFailoverFigures(this.circuit, this.diagramFor, new Set(dependents.filter((i) => i !== eventIndex)));
      for (const index of dependents) if (index !== eventIndex) result.set(index, events[index]!.unavailability);
    } finally {
      touched.forEach((i, k) => {
        const old = saved[k]!;
        const event = events[i]!;
        event.availability = old.availability;
        event.unavailability = old.unavailability;
        event.frequency = old.frequency;
        event.frequencyKnown = old.frequencyKnown;
        if (event.failover) event.failover.figures = old.figures;
      });
    }
    this.refigured.set(eventIndex, result);
    return result;
  }
}
