import type { Budget } from '../budget';
import type { BasicEvent, Circuit } from './circuit';
import type { CriticalityGradient } from './criticalityGradient';
import type { Diagram, Measures } from './diagram';
import { assignFailoverFigures, structureOf } from './failoverEvents';

/** The circuit's constant-true gate. */
const ALWAYS = 1;

type DiagramFor = (gates: readonly number[]) => Diagram | undefined;

/**
 * What a service would save if one basic event never failed, with everything recomputed.
 * Where no switchover's figures depend on the event, `I_B · u` is exact and this answers
 * undefined. Where some in the service's function do (the event is in a primary, a rest or
 * what a switch requires, or in an inner switchover that is), the event is made perfect, those
 * switchovers are refigured (once per event, whatever the service) and the service is
 * measured again.
 */
export class FixRecomputer {
  /** Each switchover's full support, by event index. */
  private readonly supportOf = new Map<number, ReadonlySet<number>>();
  /** The switchovers in each measured function, found once per function. */
  private readonly switchoversIn = new WeakMap<Measures, number[]>();
  /** Each switchover's bound on its switchovers an hour, by event index. */
  private readonly rateBounds = new Map<number, number>();
  /** Bounds on how far a switchover's rate moves once an event never fails, by switchover × events + event. */
  private readonly rateChanges = new Map<number, number>();
  /** Each switchover's brackets and their gradient, found when first asked (null without a diagram); read with every event's figures as they are. */
  private readonly gradients = new Map<number, CriticalityGradient | null>();
  /** For each event already asked about: the switchovers refigured so far, with their figures. */
  private readonly refigured = new Map<number, Map<number, EventFigures>>();

  constructor(
    private readonly circuit: Circuit,
    private readonly diagramFor: DiagramFor,
    private readonly budget: Budget,
  ) {}

  /**
   * A switchover's full support: its own gates' events and, through an inner switchover,
   * that one's. Found when first asked, so an analysis that recomputes few services walks
   * few switchovers. Undefined for an event that is no switchover.
   */
  private supportOfSwitchover(index: number): ReadonlySet<number> | undefined {
    const info = this.circuit.events[index]?.failover;
    if (!info) return undefined;
    let support = this.supportOf.get(index);
    if (!support) {
      const found = new Set<number>();
      const { primaryEvents, otherEvents } = structureOf(this.circuit, info);
      for (const e of [...primaryEvents, ...otherEvents]) {
        found.add(e);
        // Inner switchovers are numbered first, so this recursion ends.
        if (e < index) for (const inner of this.supportOfSwitchover(e) ?? []) found.add(inner);
      }
      this.supportOf.set(index, (support = found));
    }
    return support;
  }

  /**
   * A bound on how far the exact saving of an event can be from `I_B · u`: 0 where no
   * switchover in the service depends on it. The structure is coherent, so the service's
   * unavailability moves by at most the sum of how far each dependent switchover's
   * unavailability moves (see unavailabilityChange). Callers use it to recompute only the
   * fixes that can still rank among the first.
   */
  slack(measures: Measures, eventIndex: number): number {
    if (this.budget.wasExceeded) return 0;
    let slack = 0;
    for (const j of this.switchoversOf(measures)) {
      if (this.supportOfSwitchover(j)!.has(eventIndex)) slack += this.unavailabilityChange(j, eventIndex);
    }
    return slack;
  }

  /**
   * How far a switchover's unavailability can move once the event never fails. A switchover
   * that always works costs its switch time at each switchover, so it moves by the switch
   * time times how far the rate can move; it cannot exceed 1, nor (one that always works)
   * its switch time at every failure of its primary's basic events. Where the switch can
   * fail, what the manual takeover costs moves too, and 1 is all that is known.
   */
  private unavailabilityChange(switchover: number, eventIndex: number): number {
    const loose = Math.max(this.circuit.events[switchover]!.unavailability, this.boundOf(switchover));
    const info = this.circuit.events[switchover]!.failover!;
    if (info.success < 1 || info.switchGate !== ALWAYS) return loose;
    return Math.min(loose, info.hours * this.rateChange(switchover, eventIndex));
  }

  /**
   * How far a switchover's rate `Σ w_i · B_i` (over its primary's events) can move once the
   * event never fails. Each bracket B_i is a probability, multilinear in the availabilities
   * of the other events, so it moves by at most the sum of how far those move: u for the
   * event itself, and each inner switchover's own change. So the rate moves by at most the
   * event's own share (it stops failing), plus the rate's bound times those moves, plus how
   * far each inner switchover in the primary moves its own rate. Found once per pair.
   */
  private rateChange(switchover: number, eventIndex: number): number {
    const { events } = this.circuit;
    const key = switchover * events.length + eventIndex;
    let bound = this.rateChanges.get(key);
    if (bound !== undefined) return bound;
    const info = events[switchover]!.failover!;
    const shares = info.figures?.rateByName;
    if (!shares) return Infinity;
    const { primaryEvents, otherEvents } = structureOf(this.circuit, info);
    const dependsOnEvent = (k: number) => k !== eventIndex && events[k]!.failover !== undefined && this.supportOfSwitchover(k)!.has(eventIndex);
    let moved = events[eventIndex]!.unavailability;
    let inner = 0;
    for (const k of primaryEvents) {
      if (!dependsOnEvent(k)) continue;
      moved += this.unavailabilityChange(k, eventIndex);
      inner += this.rateChange(k, eventIndex);
    }
    // An event both in the primary and in the rest is counted twice: the bound only grows.
    for (const k of otherEvents) if (dependsOnEvent(k)) moved += this.unavailabilityChange(k, eventIndex);
    bound = (shares.get(events[eventIndex]!.name) ?? 0) + this.rateBoundOf(switchover) * moved + inner;
    this.rateChanges.set(key, bound);
    return bound;
  }

  /**
   * What the service (measured as `measures`) saves if the event never failed, or undefined
   * where `I_B · u` is exact: no switchover in the service's function depends on the event.
   */
  saving(diagram: Diagram, serviceGate: number, measures: Measures, eventIndex: number): number | undefined {
    // Past the time limit, I_B · u stands in: it ignores only the switchovers' change.
    if (this.budget.wasExceeded) return undefined;
    const wanted = this.switchoversOf(measures).filter((j) => this.supportOfSwitchover(j)!.has(eventIndex));
    if (wanted.length === 0) return undefined;
    const figures = this.refigure(eventIndex, wanted);
    const { events } = this.circuit;
    const before = measures.unavailability;
    // Only this service's switchovers: the event's refigured figures hold every switchover
    // any service asked about, and setting them all for each service would grow with the
    // number of services times the number of switchovers.
    const changed = [eventIndex, ...figures.keys()];
    const saved = changed.map((i) => figuresOf(events[i]!));
    try {
      events[eventIndex]!.availability = 1;
      events[eventIndex]!.unavailability = 0;
      for (const [index, refigured] of figures) setFiguresOf(events[index]!, refigured);
      return before - diagram.unavailabilityOf(serviceGate);
    } finally {
      changed.forEach((i, k) => setFiguresOf(events[i]!, saved[k]!));
    }
  }

  /**
   * A switchover's figures with the event made perfect, from its rate's gradient (see
   * findCriticalityGradient): the rate's sum without the event's own term, plus u_e times the
   * derivative of the rate by the event's availability, which is exact as the rate is
   * multilinear in it. Only for a switchover that always works (its unavailability is its
   * rate times its switch time), whose primary and rest share events (the brackets come from
   * one walk), whose rate is known, and where no inner switchover moves with the event (then
   * several availabilities move at once); undefined elsewhere, and the caller walks.
   */
  private refigureByGradient(switchover: number, eventIndex: number, dependsOnEvent: (k: number) => boolean): EventFigures | undefined {
    const { events } = this.circuit;
    const event = events[switchover]!;
    const info = event.failover!;
    const fixed = events[eventIndex]!;
    if (info.success !== 1 || info.switchGate !== ALWAYS || !event.frequencyKnown || fixed.unavailability >= 1) return undefined;
    const structure = structureOf(this.circuit, info);
    if (structure.independent || structure.primaryEvents.some(dependsOnEvent)) return undefined;
    for (const k of structure.otherEvents) if (dependsOnEvent(k)) return undefined;
    let found = this.gradients.get(switchover);
    if (found === undefined) {
      const diagram = this.diagramFor([info.primaryGate, info.restGate, info.switchGate]);
      found = diagram ? diagram.criticalityGradient(info.primaryGate, info.restGate, (i) => weightOf(events[i]!)) : null;
      this.gradients.set(switchover, found);
    }
    if (!found) return undefined;
    let rate = fixed.unavailability * (found.gradient.get(eventIndex) ?? 0);
    for (const [i, bracket] of found.criticalities) if (i !== eventIndex) rate += weightOf(events[i]!) * bracket;
    rate = Math.max(0, rate);
    const unavailability = Math.min(1, rate * info.hours);
    return { availability: 1 - unavailability, unavailability, frequency: rate, frequencyKnown: true };
  }

  private switchoversOf(measures: Measures): readonly number[] {
    let switchovers = this.switchoversIn.get(measures);
    if (!switchovers) {
      switchovers = [...measures.importance.keys()].filter((j) => this.circuit.events[j]!.failover !== undefined);
      this.switchoversIn.set(measures, switchovers);
    }
    return switchovers;
  }

  /**
   * The most a switchover's unavailability can be once the event never fails: its switch time
   * times its bound on switchovers an hour, for one that always works; otherwise 1.
   */
  private boundOf(switchover: number): number {
    const info = this.circuit.events[switchover]!.failover!;
    return info.success < 1 || info.switchGate !== ALWAYS ? 1 : Math.min(1, this.rateBoundOf(switchover) * info.hours);
  }

  /**
   * The most switchovers an hour a group can have, whatever is made perfect: every failure of
   * a basic event of its primary, an inner switchover's bound for an inner switchover.
   * Inner switchovers are numbered first, so their bound is known. Found once per switchover.
   */
  private rateBoundOf(switchover: number): number {
    let bound = this.rateBounds.get(switchover);
    if (bound === undefined) {
      bound = 0;
      for (const k of structureOf(this.circuit, this.circuit.events[switchover]!.failover!).primaryEvents) {
        const event = this.circuit.events[k]!;
        if (event.kind === 'failover') bound += this.rateBoundOf(k);
        else if (event.kind !== 'maintenance') bound += event.frequency;
      }
      this.rateBounds.set(switchover, bound);
    }
    return bound;
  }

  /**
   * The figures, with the event perfect, of the switchovers in `wanted` and of the inner
   * switchovers they hold that depend on the event (those alone, whatever else is known).
   * Each switchover is refigured at most once per event, and only when a service needs it:
   * an event deep in the power chain has every group above it as a dependent, but each
   * service holds only a few of them.
   */
  private refigure(eventIndex: number, wanted: readonly number[]): ReadonlyMap<number, EventFigures> {
    let known = this.refigured.get(eventIndex);
    if (!known) this.refigured.set(eventIndex, (known = new Map()));
    // A switchover's own fix means "it costs nothing": it is not refigured itself.
    const dependsOnEvent = (k: number) => k !== eventIndex && (this.supportOfSwitchover(k)?.has(eventIndex) ?? false);
    const needed = new Set<number>();
    for (const j of wanted) {
      if (!dependsOnEvent(j)) continue;
      needed.add(j);
      for (const k of this.supportOfSwitchover(j)!) if (dependsOnEvent(k)) needed.add(k);
    }
    // A switchover that always works, with no inner switchover depending on the event, is
    // refigured from its gradient; the others by a walk each.
    for (const k of needed) {
      if (known.has(k)) continue;
      const figures = this.refigureByGradient(k, eventIndex, dependsOnEvent);
      if (figures) known.set(k, figures);
    }
    const missing = [...needed].filter((k) => !known.has(k));
    const ofNeeded = () => new Map([...needed].map((k) => [k, known.get(k)!] as const));
    if (missing.length === 0) return ofNeeded();
    const { events } = this.circuit;
    const touched = [eventIndex, ...needed];
    const saved = touched.map((i) => ({ ...figuresOf(events[i]!), failover: events[i]!.failover?.figures }));
    try {
      setFiguresOf(events[eventIndex]!, { availability: 1, unavailability: 0, frequency: 0, frequencyKnown: true });
      // Inner switchovers refigured for an earlier service count as they were found then.
      for (const k of needed) if (known.has(k)) setFiguresOf(events[k]!, known.get(k)!);
      assignFailoverFigures(this.circuit, this.diagramFor, new Set(missing));
      for (const k of missing) known.set(k, figuresOf(events[k]!));
    } finally {
      touched.forEach((i, k) => {
        const event = events[i]!;
        setFiguresOf(event, saved[k]!);
        if (event.failover) event.failover.figures = saved[k]!.failover;
      });
    }
    return ofNeeded();
  }
}

/** A switchover's rate is a sum over its primary's events of their frequencies times their brackets; planned maintenance causes none. */
function weightOf(event: BasicEvent): number {
  return event.kind === 'maintenance' ? 0 : event.frequency;
}

/** The figures of a basic event that a refigured switchover changes. */
interface EventFigures {
  readonly availability: number;
  readonly unavailability: number;
  readonly frequency: number;
  readonly frequencyKnown: boolean;
}

function figuresOf(event: BasicEvent): EventFigures {
  return { availability: event.availability, unavailability: event.unavailability, frequency: event.frequency, frequencyKnown: event.frequencyKnown };
}

function setFiguresOf(event: BasicEvent, figures: EventFigures): void {
  event.availability = figures.availability;
  event.unavailability = figures.unavailability;
  event.frequency = figures.frequency;
  event.frequencyKnown = figures.frequencyKnown;
}
