import { hoursPerMonth, hoursPerYear } from '../model/quantities';
import { hoursPerPeriod, type Service } from '../model/types';
import type { BasicEvent, Circuit, FailoverInfo } from './circuit';
import type { Measures } from './diagram';
import type { Estimate } from './montecarlo';
import { listOutageStreams, type OutageStream } from './outageStreams';
import { measureSlaRisk } from './slaRisk';
import type { CauseFigures, ComponentFigures, FailoverFigures, Fix, ServiceFigures } from './results';

/** What describeExactService leaves for addFixes. */
const unranked: Pick<ServiceFigures, 'fixes' | 'causes' | 'failovers'> = { fixes: [], causes: [], failovers: [] };

/** The events the format reports as single points of failure of an entity. */
export function nameSinglePoints(circuit: Circuit, events: Iterable<number>, ownerId: string): string[] {
  // One loop, one array: this runs for every service an edit changes.
  const names: string[] = [];
  for (const index of events) {
    const event = circuit.events[index]!;
    if (event.kind !== 'failover' && !(event.kind === 'service' && event.entityId === ownerId)) names.push(event.name);
  }
  return names;
}

/**
 * A service's exact measures in one load phase, with the phase's share of the time. Every
 * phase's circuit has the same events in the same order, so event indices agree.
 */
export interface PhaseMeasures {
  readonly weight: number;
  readonly circuit: Circuit;
  readonly measures: Measures;
  readonly recompute?: FixRecompute;
}

/**
 * Turns exact measures of a service into its reported figures: each figure is the
 * phase-weighted sum of the phases' figures (one phase with weight 1 for most files).
 * Without fixes (`withFixes` false) the fixes, the causes' costs and the switchovers' figures
 * are left empty, for addFixes to fill in: no diagnostic depends on them, and ranking fixes is
 * most of a service's work. (The preview takes how often each switch works from the failover
 * keys' FigureSites, not from the services.)
 */
export function describeExactService(service: Service, phases: readonly PhaseMeasures[], spofs: string[], maxFixes: number, withFixes = true): ServiceFigures {
  let frequencyPartial = false;
  // forEach, not for…of: a service has dozens of events, and each entry of an iterated Map is an array.
  for (const { measures, circuit } of phases) {
    measures.importance.forEach((importance, eventIndex) => {
      if (importance > 0 && !circuit.events[eventIndex]!.frequencyKnown) frequencyPartial = true;
    });
  }
  const unavailability = weightedSum(phases, (p) => p.measures.unavailability);
  return describeService(service, {
    availability: weightedSum(phases, (p) => p.measures.availability),
    unavailability,
    frequency: weightedSum(phases, (p) => p.measures.frequency),
    frequencyPartial,
    spofs,
    ...(withFixes ? describeRanking(phases, rankFixes(phases, maxFixes), unavailability, maxFixes) : unranked),
    exact: true,
    confidence95: null,
    bddNodes: phases.reduce((sum, p) => sum + p.measures.nodes, 0),
    streams: listOutageStreams(phases),
    ...(phases.length > 1 ? { byPhase: { peak: phases[0]!.measures.availability, normal: phases[1]!.measures.availability } } : {}),
  });
}

/**
 * A service's figures from describeExactService without fixes, with its fixes ranked and
 * what depends on them filled in: the same figures describeExactService gives with them,
 * without working out again what does not depend on them (the SLA risks above all).
 */
export function addFixes(figures: ServiceFigures, phases: readonly PhaseMeasures[], maxFixes: number): ServiceFigures {
  return { ...figures, ...describeRanking(phases, rankFixes(phases, maxFixes), figures.unavailability, maxFixes) };
}

/** What the fixes decide: the best of them, what each cause costs, and each switchover's outage minutes. */
function describeRanking(phases: readonly PhaseMeasures[], fixes: ReadonlyMap<number, Fix>, unavailability: number, maxFixes: number): Pick<ServiceFigures, 'fixes' | 'causes' | 'failovers'> {
  const { circuit } = phases[0]!;
  const ranked = fixes.size === 0 ? [] : [...fixes.values()].filter((fix) => fix.savesMinutesPerYear > 0);
  if (ranked.length > 1) ranked.sort((a, b) => b.savesMinutesPerYear - a.savesMinutesPerYear || a.id.localeCompare(b.id));
  return {
    fixes: ranked.slice(0, maxFixes),
    causes: describeCauses(circuit, fixes, unavailability * hoursPerYear * 60),
    failovers: describeFailovers(phases, fixes),
  };
}

/** The figures of each switchover a service depends on in any phase, by name. */
function describeFailovers(phases: readonly PhaseMeasures[], fixes: ReadonlyMap<number, Fix>): FailoverFigures[] {
  const { circuit } = phases[0]!;
  // The switchovers among the service's events (a few among many).
  const switchovers = new Set<number>();
  for (const { measures, circuit: own } of phases) {
    measures.importance.forEach((_, eventIndex) => {
      if (own.events[eventIndex]!.failover) switchovers.add(eventIndex);
    });
  }
  const failovers: FailoverFigures[] = [];
  for (const eventIndex of switchovers) {
    const event = circuit.events[eventIndex]!;
    if (!event.failover || !event.failover.figures) continue;
    const figure = (read: (figures: NonNullable<FailoverInfo['figures']>, info: FailoverInfo) => number) => weighFailoverFigure(phases, eventIndex, read);
    failovers.push({
      name: event.name,
      primary: event.failover.primary,
      switchoversPerYear: figure((f) => f.switchoversPerHour) * hoursPerYear,
      switchSuccess: figure((f) => f.switchSuccess),
      requiresHold: figure((f) => f.requiresHold),
      outageMinutesPerYear: Math.max(0, fixes.get(eventIndex)?.savesMinutesPerYear ?? 0),
      minutesPerSwitchover: figure((f, info) => f.switchSuccess * info.hours + (1 - f.switchSuccess) * (f.manualHours ?? 0)) * 60,
    });
  }
  // Sorting copies even one element: most services have no switchover, or one.
  if (failovers.length > 1) failovers.sort((a, b) => a.name.localeCompare(b.name));
  return failovers;
}

/** A figure summed over the load phases, each at its share of the time. */
function weightedSum<P extends { readonly weight: number }>(phases: readonly P[], figure: (phase: P) => number): number {
  return phases.reduce((sum, phase) => sum + phase.weight * figure(phase), 0);
}

/**
 * A switchover's figure over the load phases: its group's figures in each phase (the
 * thresholds may differ between them), 0 in a phase without figures.
 */
export function weighFailoverFigure(
  phases: readonly { readonly weight: number; readonly circuit: Circuit }[],
  eventIndex: number,
  read: (figures: NonNullable<FailoverInfo['figures']>, info: FailoverInfo) => number,
): number {
  return weightedSum(phases, (phase) => {
    const info = phase.circuit.events[eventIndex]!.failover!;
    return info.figures ? read(info.figures, info) : 0;
  });
}

/** What each common-cause group and each component's maintenance (its instances together) costs. */
function describeCauses(circuit: Circuit, fixes: ReadonlyMap<number, Fix>, downtimeMinutes: number): CauseFigures[] {
  if (fixes.size === 0) return [];
  const causes = new Map<string, CauseFigures>();
  for (const [eventIndex, fix] of fixes) {
    const event = circuit.events[eventIndex]!;
    if (event.kind !== 'common-cause' && event.kind !== 'maintenance') continue;
    const key = `${event.kind}:${event.entityId}`;
    const minutesPerYear = (causes.get(key)?.minutesPerYear ?? 0) + Math.max(0, fix.savesMinutesPerYear);
    causes.set(key, { kind: event.kind, id: event.entityId, minutesPerYear, share: downtimeMinutes > 0 ? Math.min(1, minutesPerYear / downtimeMinutes) : 0 });
  }
  return [...causes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

/** How a fix is recomputed where switchovers depend on the event (see FixRecomputer). */
export interface FixRecompute {
  /** How far the exact saving can be from `I_B · u`, in unavailability; 0 where it is exact. */
  slack(event: number): number;
  /** The exact saving in unavailability, or undefined where `I_B · u` is exact. */
  saving(event: number): number | undefined;
}

/**
 * Each event's saving, in minutes a year, keyed by event: exact for every event that can rank
 * among the first `maxFixes` and for every switchover (its outage is reported); the others
 * are left out. `I_B · u` is exact where nothing else depends on the event's figures; where a
 * switchover's figures do, the service is recomputed as if the event never failed, in the
 * order of the bound on its saving, until the bound falls below the `maxFixes`-th best saving
 * found. With load phases, every figure is the phase-weighted sum.
 *
 * The map holds what its reader uses: every event whose cost is reported, and the others
 * whose saving reaches the `maxFixes`-th best (ties included, as the ranking breaks them by
 * name), in the order they were measured. Candidates live in parallel typed arrays, as a
 * service may have hundreds of events and a file thousands of services.
 */
function rankFixes(phases: readonly PhaseMeasures[], maxFixes: number): Map<number, Fix> {
  const toMinutes = hoursPerYear * 60;
  const { circuit } = phases[0]!;
  const events = new Set<number>();
  // With no fix to rank, only the events whose cost is reported are measured.
  const reportsCost = (eventIndex: number) => maxFixes > 0 || isCostReported(circuit.events[eventIndex]!);
  for (const { measures } of phases) for (const eventIndex of measures.importance.keys()) if (reportsCost(eventIndex)) events.add(eventIndex);
  const plainSaving = ({ circuit: own, measures }: PhaseMeasures, eventIndex: number) => (measures.importance.get(eventIndex) ?? 0) * own.events[eventIndex]!.unavailability;
  const count = events.size;
  const eventOf = Int32Array.from(events);
  const approximate = new Float64Array(count);
  const slack = new Float64Array(count);
  // Each phase's bound per candidate (candidate-major), asked once: it walks the service's switchovers.
  const slacks = new Float64Array(count * phases.length);
  for (let c = 0; c < count; c++) {
    const eventIndex = eventOf[c]!;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i]!;
      const bound = phase.recompute?.slack(eventIndex) ?? 0;
      slacks[c * phases.length + i] = bound;
      approximate[c] += phase.weight * plainSaving(phase, eventIndex);
      slack[c] += phase.weight * bound;
    }
  }
  const saving = new Float64Array(count);
  // The candidates measured, in the order they were.
  const measured = new Int32Array(count);
  let measuredCount = 0;
  // The best savings found so far, highest first: at most maxFixes of them.
  const best: number[] = [];
  const findSaving = (c: number) => {
    const eventIndex = eventOf[c]!;
    let saves = approximate[c]!;
    if (slack[c]! > 0) {
      saves = 0;
      for (let i = 0; i < phases.length; i++) {
        const phase = phases[i]!;
        const recomputed = slacks[c * phases.length + i]! > 0 ? phase.recompute?.saving(eventIndex) : undefined;
        saves += phase.weight * (recomputed ?? plainSaving(phase, eventIndex));
      }
    }
    saving[c] = saves;
    measured[measuredCount++] = c;
    let at = best.length;
    while (at > 0 && best[at - 1]! < saves) at--;
    if (at < maxFixes) best.splice(at, 0, saves);
    if (best.length > maxFixes) best.pop();
  };
  // Exact savings that need no recomputing come first, with switchovers, common causes and
  // maintenance, which are always measured: their cost is reported.
  const rest: number[] = [];
  for (let c = 0; c < count; c++) {
    if (slack[c] === 0 || isCostReported(circuit.events[eventOf[c]!]!)) findSaving(c);
    else rest.push(c);
  }
  // Then the others, highest bound first: once maxFixes savings are known, an event whose
  // bound is below the lowest of them cannot rank, nor can any after it (with no fix asked
  // for, none is measured).
  rest.sort((a, b) => approximate[b]! + slack[b]! - (approximate[a]! + slack[a]!));
  for (const c of rest) {
    if (best.length >= maxFixes && approximate[c]! + slack[c]! < (best[maxFixes - 1] ?? Infinity)) break;
    findSaving(c);
  }
  const lowestRanked = best.length >= maxFixes ? (best[maxFixes - 1] ?? Infinity) : -Infinity;
  const fixes = new Map<number, Fix>();
  for (let m = 0; m < measuredCount; m++) {
    const c = measured[m]!;
    const event = circuit.events[eventOf[c]!]!;
    if (saving[c]! >= lowestRanked || isCostReported(event)) fixes.set(eventOf[c]!, { id: event.name, savesMinutesPerYear: saving[c]! * toMinutes });
  }
  return fixes;
}

/** Whether a service's figures report what the event costs it: a switchover's outage, a common cause's or maintenance's share. */
function isCostReported(event: BasicEvent): boolean {
  return event.kind === 'failover' || event.kind === 'common-cause' || event.kind === 'maintenance';
}

/** Turns a Monte Carlo estimate of a service into its reported figures. */
export function describeEstimatedService(service: Service, estimate: Estimate, spofs: string[]): ServiceFigures {
  return describeService(service, {
    availability: 1 - estimate.unavailability,
    unavailability: estimate.unavailability,
    frequency: null,
    frequencyPartial: true,
    spofs,
    fixes: [],
    failovers: [],
    causes: [],
    exact: false,
    confidence95: { low: estimate.low, high: estimate.high },
    bddNodes: 0,
    streams: undefined,
  });
}

interface CoreFigures {
  readonly availability: number;
  readonly unavailability: number;
  readonly frequency: number | null;
  readonly frequencyPartial: boolean;
  readonly spofs: string[];
  readonly fixes: readonly Fix[];
  readonly failovers: readonly FailoverFigures[];
  readonly causes: readonly CauseFigures[];
  readonly exact: boolean;
  readonly confidence95: { low: number; high: number } | null;
  readonly bddNodes: number;
  /** The outage streams the SLA risks come from; undefined for an estimate. */
  readonly streams: readonly OutageStream[] | undefined;
  readonly byPhase?: { readonly peak: number; readonly normal: number };
}

function describeService(service: Service, core: CoreFigures): ServiceFigures {
  const { availability, unavailability, frequency } = core;
  const target = service.sla;
  const risk = target && core.streams ? measureSlaRisk(core.streams, target.unavailability, hoursPerPeriod[target.period], target.maxOutageHours) : undefined;
  const gap = target ? Math.max(0, unavailability - target.unavailability) * hoursPerYear * 60 : null;
  return {
    id: service.id,
    availability,
    unavailability,
    downtimeMinutesPerYear: unavailability * hoursPerYear * 60,
    downtimeMinutesPerMonth: unavailability * hoursPerMonth * 60,
    nines: unavailability > 0 ? -Math.log10(unavailability) : null,
    failuresPerYear: frequency === null ? null : frequency * hoursPerYear,
    mtbfHours: frequency ? availability / frequency : null,
    meanOutageHours: frequency ? unavailability / frequency : null,
    frequencyPartial: core.frequencyPartial,
    spofs: core.spofs,
    sla: target ? target.availability : null,
    // A relative tolerance keeps a service that sits exactly on its target from missing it by rounding.
    meetsSla: target ? unavailability <= target.unavailability * (1 + 1e-9) : null,
    slaGapMinutesPerYear: gap,
    slaPeriod: target ? target.period : null,
    breachProbability: risk ? risk.breach : null,
    longOutageProbability: risk?.longOutage ?? null,
    maxOutageMinutes: target?.maxOutageHours !== undefined ? target.maxOutageHours * 60 : null,
    availabilityByPhase: core.byPhase ?? null,
    exact: core.exact,
    confidence95: core.confidence95,
    fixes: core.fixes,
    failovers: core.failovers,
    causes: core.causes,
    bddNodes: core.bddNodes,
  };
}

/** A component's own figures, for hints and hovers: its availability including what it requires. */
export function describeComponent(id: string, measures: Pick<Measures, 'availability' | 'unavailability' | 'frequency'> | undefined, allSpofs: readonly string[]): ComponentFigures {
  // A long chain gives every component thousands of single points; keep a readable few.
  const spofs = allSpofs.slice(0, 20);
  const spofCount = allSpofs.length;
  if (!measures) return { id, availability: null, unavailability: null, downtimeMinutesPerYear: null, failuresPerYear: null, spofs, spofCount };
  return {
    id,
    availability: measures.availability,
    unavailability: measures.unavailability,
    downtimeMinutesPerYear: measures.unavailability * hoursPerYear * 60,
    failuresPerYear: measures.frequency * hoursPerYear,
    spofs,
    spofCount,
  };
}
