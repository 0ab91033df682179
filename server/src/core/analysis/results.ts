import type { SlaPeriod } from '../model/types';

/** Figures for one service, as the CLI's JSON report and the editor show them. */
export interface ServiceFigures {
  readonly id: string;
  readonly availability: number;
  readonly unavailability: number;
  readonly downtimeMinutesPerYear: number;
  /** Per 30-day month. */
  readonly downtimeMinutesPerMonth: number;
  /** `-log10(unavailability)`; null for a service that never fails. */
  readonly nines: number | null;
  /** Null when the figures are a Monte Carlo estimate. */
  readonly failuresPerYear: number | null;
  readonly mtbfHours: number | null;
  readonly meanOutageHours: number | null;
  /** True when some event that matters has only an availability, so frequencies undercount. */
  readonly frequencyPartial: boolean;
  readonly spofs: readonly string[];
  readonly sla: number | null;
  readonly meetsSla: boolean | null;
  /** Minutes per year by which the prediction misses the target; 0 when met, null without one. */
  readonly slaGapMinutesPerYear: number | null;
  /** The period the SLA is judged over; null without a target. */
  readonly slaPeriod: SlaPeriod | null;
  /**
   * The chance that one period's downtime exceeds what the target allows, under the outage
   * model (Poisson streams per basic event); a lower bound where `frequencyPartial`. Null
   * without a target or for an estimate.
   */
  readonly breachProbability: number | null;
  /** With `maxOutage`: the chance of at least one outage longer than it in a period. */
  readonly longOutageProbability: number | null;
  readonly maxOutageMinutes: number | null;
  /** With load phases: the availability at peak and off-peak; null otherwise. */
  readonly availabilityByPhase: { readonly peak: number; readonly normal: number } | null;
  readonly exact: boolean;
  /** For estimates: the 95% confidence interval of the unavailability. */
  readonly confidence95: { readonly low: number; readonly high: number } | null;
  readonly fixes: readonly Fix[];
  /** Each failover group the service depends on, with what its switchovers cost. */
  readonly failovers: readonly FailoverFigures[];
  /** Each common-cause group and each planned maintenance the service depends on, with what it costs. */
  readonly causes: readonly CauseFigures[];
  /** Decision-diagram nodes of this service's function (0 for an estimate). */
  readonly bddNodes: number;
}

/** A component's figures: its availability including everything it requires. */
export interface ComponentFigures {
  readonly id: string;
  /** Null when the topology was too large for the shared diagram. */
  readonly availability: number | null;
  readonly unavailability: number | null;
  readonly downtimeMinutesPerYear: number | null;
  readonly failuresPerYear: number | null;
  /** Events whose failure alone takes this component down (its own included), at most 20. */
  readonly spofs: readonly string[];
  /** How many such events there are in all. */
  readonly spofCount: number;
}

/** A failover group's switchover figures, as one service sees them. */
export interface FailoverFigures {
  /** The pseudo-event's name: `failover of <primary> (<owner>)`. */
  readonly name: string;
  readonly primary: string;
  /** Switchovers a year: failures of the primary after which the rest of the group can take over. */
  readonly switchoversPerYear: number;
  /** The probability that a switchover works: `success` times `requiresHold`. */
  readonly switchSuccess: number;
  /** The probability that what the switch requires holds at a switchover. */
  readonly requiresHold: number;
  /** Minutes a year the service loses to switchovers (what it would save if they cost nothing). */
  readonly outageMinutesPerYear: number;
  /** The expected outage of one switchover: its time if it works, the manual takeover if not. */
  readonly minutesPerSwitchover: number;
}

/** What a common-cause group or a component's planned maintenance costs one service. */
export interface CauseFigures {
  readonly kind: 'common-cause' | 'maintenance';
  /** The group's id, or the component whose maintenance it is (all its instances together). */
  readonly id: string;
  /** Minutes a year the service would save if it never happened. */
  readonly minutesPerYear: number;
  /** That saving as a share of the service's downtime. */
  readonly share: number;
}

/**
 * A place in the text that stands for a version 2 construct, where the editor shows what it
 * costs: a `failover` key (its switchover event's name), a common-cause group (its id) or a
 * `maintenance` key (its component's id).
 */
export interface FigureSite {
  readonly kind: 'failover' | 'common-cause' | 'maintenance' | 'load';
  readonly name: string;
  readonly span: { readonly start: number; readonly end: number };
  /** For a `load` key: the demand and how many must be up in each phase. */
  readonly load?: LoadFigures;
  /** For a `failover` key: how often its switch works, over the load phases (as FailoverFigures.switchSuccess). */
  readonly switchSuccess?: number;
}

/** A demand as the analysis uses it: `ceil(load / capacity)` of `count` must be up, per phase. */
export interface LoadFigures {
  readonly count: number;
  readonly unit: 'instances' | 'members';
  readonly capacity: number;
  readonly peak: number;
  readonly normal: number;
  readonly needAtPeak: number;
  readonly needOffPeak: number;
  /** The share of the time at peak; the file has two phases when it is below 1 and the needs differ. */
  readonly peakShare: number;
}

export interface Fix {
  /** The basic event as named in the format: `id`, `id#n`, a common cause's id, `id (maintenance)`, `failover of … (…)`. */
  readonly id: string;
  /** Minutes of downtime per year the service would save if this never failed. */
  readonly savesMinutesPerYear: number;
}

export interface AnalysisOptions {
  /** Past this many diagram nodes a service is estimated by Monte Carlo instead. */
  readonly maxBddNodes: number;
  readonly seed: number;
  /**
   * How many fixes to keep per service, best first. With 0 no fix is ranked, and only what
   * the switchovers, common causes and maintenance cost each service is measured (for callers
   * that report those costs but no fixes, such as `ha-topology check` in text).
   */
  readonly maxFixes: number;
  /**
   * Milliseconds the analysis may take. Past it, diagrams still being built give way to
   * Monte Carlo estimates and component figures not yet computed are left out, with a
   * diagnostic saying so.
   */
  readonly timeLimitMs?: number;
  /**
   * False leaves out each component's own figures (availability, single points of failure),
   * for callers that report only services, such as `ha-topology check`; the services' figures
   * and every diagnostic are the same. True when absent.
   */
  readonly componentFigures?: boolean;
}

export const defaultAnalysisOptions: AnalysisOptions = { maxBddNodes: 2_000_000, seed: 1, maxFixes: 10, timeLimitMs: 10_000 };
