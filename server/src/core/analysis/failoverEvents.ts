import type { Diagnostic } from '../diagnostics';
import { formatHours } from '../model/quantities';
import { walkDepthFirst, type BasicEvent, type Circuit, type FailoverInfo } from './circuit';
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
export function assignFailoverFigures(
  circuit: Circuit,
  diagramFor: (gates: readonly number[]) => Diagram | undefined,
  only?: ReadonlySet<number>,
  memo?: SwitchoverMemo,
): { exact: boolean; diagnostics: Diagnostic[] } {
  let exact = true;
  const diagnostics: Diagnostic[] = [];
  // In event order, so inner switchovers are figured before the outer ones that contain them.
  const indices = only ? [...only].sort((a, b) => a - b) : circuit.events.map((_, i) => i);
  for (const eventIndex of indices) {
    const event = circuit.events[eventIndex]!;
    if (!event.failover) continue;
    const info = event.failover;
    const remembered = memo?.find(eventIndex);
    if (remembered) {
      applyFigures(event, remembered);
      if (remembered.downtime >= 1) diagnostics.push(describeCapped(info, remembered.figures.switchoversPerHour));
      continue;
    }
    const diagram = diagramFor([info.primaryGate, info.restGate, info.switchGate]);
    const { primaryEvents, independent } = structureOf(circuit, info);
    let rate = 0;
    let withSwitch = 0;
    let requiresHold = 1;
    let manual = info.manualHours;
    let frequencyKnown = true;
    // Two events of one name would share an entry: their sum still bounds either share.
    const rateByName = new Map<string, number>();
    const addShare = (basic: BasicEvent, share: number) => rateByName.set(basic.name, (rateByName.get(basic.name) ?? 0) + share);
    if (diagram) {
      // A switchover that always works never waits for a manual takeover, so the primary's
      // own figures are needed only for a switch that can fail, or to factor an independent one.
      const canFail = info.success < 1 || info.switchGate !== ALWAYS;
      const primary = independent || (canFail && manual === undefined) ? diagram.measure(info.primaryGate) : undefined;
      if (manual === undefined && canFail && primary) manual = primary.frequency > 0 ? primary.unavailability / primary.frequency : 0;
      const restHolds = independent ? diagram.jointProbability([info.restGate]) : 0;
      const switchHolds = !independent ? 0 : info.switchGate === ALWAYS ? restHolds : diagram.jointProbability([info.restGate, info.switchGate]);
      // Otherwise one pass over the product of the gates' diagrams gives every event's bracket.
      const restCritical = independent ? undefined : diagram.criticalities([info.primaryGate, info.restGate]);
      // With nothing required for the switch (its gate is always true), every switchover has what it needs.
      const switchCritical = independent || info.switchGate === ALWAYS ? restCritical : diagram.criticalities([info.primaryGate, info.restGate, info.switchGate]);
      for (const index of primaryEvents) {
        const basic = circuit.events[index]!;
        if (basic.kind === 'maintenance') continue;
        const importance = independent ? primary!.importance.get(index) ?? 0 : restCritical!.get(index) ?? 0;
        if (importance > 0 && !basic.frequencyKnown) frequencyKnown = false;
        if (basic.frequency === 0) continue;
        const share = basic.frequency * importance * (independent ? restHolds : 1);
        addShare(basic, share);
        rate += share;
        withSwitch += independent ? basic.frequency * importance * switchHolds : basic.frequency * (switchCritical!.get(index) ?? 0);
      }
      requiresHold = rate > 0 ? withSwitch / rate : diagram.jointProbability([info.switchGate]);
    } else {
      exact = false;
      for (const index of primaryEvents) {
        const basic = circuit.events[index]!;
        if (basic.kind !== 'maintenance') {
          addShare(basic, basic.frequency);
          rate += basic.frequency;
        }
        if (!basic.frequencyKnown) frequencyKnown = false;
      }
    }
    const success = info.success * requiresHold;
    const downtime = rate * (success * info.hours + (1 - success) * (manual ?? 0));
    if (downtime >= 1) diagnostics.push(describeCapped(info, rate));
    const figures: SwitchoverFigures = {
      figures: { switchoversPerHour: rate, switchSuccess: success, requiresHold, ...(manual !== undefined ? { manualHours: manual } : {}), rateByName },
      downtime,
      known: frequencyKnown,
    };
    applyFigures(event, figures);
    // A bound instead of a diagram is not what a diagram would give: it is not remembered.
    if (diagram) memo?.keep(eventIndex, figures);
  }
  return { exact, diagnostics };
}

/** A switchover's figures: what assignFailoverFigures computes for one pseudo-event. */
export interface SwitchoverFigures {
  readonly figures: NonNullable<FailoverInfo['figures']>;
  /** Switchover downtime as a share of the time, before it is capped at 1. */
  readonly downtime: number;
  /** False where some frequency behind the switchover rate is unknown. */
  readonly known: boolean;
}

/** Switchover figures remembered from an earlier version, by event (see AnalysisMemo). */
export interface SwitchoverMemo {
  find(event: number): SwitchoverFigures | undefined;
  keep(event: number, figures: SwitchoverFigures): void;
}

function describeCapped(info: FailoverInfo, rate: number): Diagnostic {
  return {
    code: 'failover-capped',
    severity: 'warning',
    message: `Switchovers would take all the time: ${formatHours(info.hours)} each, about every ${formatHours(1 / rate)}. Their downtime is capped at 100%.`,
    span: info.group.failover?.span ?? info.group.keySpan,
  };
}

function applyFigures(event: BasicEvent, { figures, downtime, known }: SwitchoverFigures): void {
  event.failover!.figures = figures;
  setFigures(event, figures.switchoversPerHour, Math.min(1, downtime), known);
}

export interface FailoverStructure {
  /** The basic events the primary depends on. */
  readonly primaryEvents: readonly number[];
  /** The basic events the rest of the group and what the switch requires depend on. */
  readonly otherEvents: ReadonlySet<number>;
  /**
   * Whether the primary shares no event with the rest nor with what the switch needs; then
   * they are independent, and each bracket factors into the primary's importance times
   * Pr[R] (· Pr[C]).
   */
  readonly independent: boolean;
}

/** What a group's figures need that does not change with the events' figures, found once. */
const structures = new WeakMap<FailoverInfo, FailoverStructure>();

export function structureOf(circuit: Circuit, info: FailoverInfo): FailoverStructure {
  let structure = structures.get(info);
  if (!structure) {
    const primaryEvents = eventsOf(circuit, info.primaryGate);
    const otherEvents = new Set([...eventsOf(circuit, info.restGate), ...eventsOf(circuit, info.switchGate)]);
    structure = { primaryEvents, otherEvents, independent: primaryEvents.every((index) => !otherEvents.has(index)) };
    structures.set(info, structure);
  }
  return structure;
}

/**
 * Lends a circuit the failover structures found for one of the same structure (see
 * haveSameStructure): they depend on the gates alone, which are the same, so an edit to
 * failure data does not walk every group's gates again.
 */
export function shareFailoverStructures(from: Circuit, to: Circuit): void {
  from.events.forEach((event, i) => {
    const known = event.failover && structures.get(event.failover);
    const target = to.events[i]?.failover;
    if (known && target && !structures.has(target)) structures.set(target, known);
  });
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
function eventsOf(circuit: Circuit, gate: number): number[] {
  return walkDepthFirst(circuit, [gate]).flatMap((g) => {
    const definition = circuit.gates[g]!;
    return definition.op === 'event' ? [definition.event] : [];
  });
}
