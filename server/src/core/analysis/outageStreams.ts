import type { Circuit } from './circuit';
import type { Measures } from './diagram';

/**
 * One independent Poisson stream of service outages: how often per hour, and the mean of
 * their exponentially distributed lengths, in hours.
 */
export interface OutageStream {
  readonly ratePerHour: number;
  readonly meanHours: number;
}

/**
 * A service's outage streams under the format's outage model: each basic event `i` with a
 * known frequency takes the service down at rate `I_B(i) · w_i` (its share of the service's
 * failure frequency) for a mean of `u_i / w_i`, its own mean down time; a switchover is two
 * streams, one lasting its switch time (when the switch works) and one the manual takeover.
 * With load phases, each phase contributes its streams at its share of the time. Events
 * whose frequency is not known are left out, so the risks they give are lower bounds.
 *
 * Streams with the same mean length are one stream at their summed rate (a sum of
 * independent Poisson streams with the same lengths is one), so they come merged: most
 * events of a service share a few repair times, and the SLA risk walks every stream for
 * every term of its series.
 */
export function listOutageStreams(phases: readonly { readonly weight: number; readonly circuit: Circuit; readonly measures: Measures }[]): OutageStream[] {
  const streams: { ratePerHour: number; meanHours: number }[] = [];
  const add = (ratePerHour: number, meanHours: number) => {
    if (ratePerHour > 0 && meanHours > 0) addMerging(streams, ratePerHour, meanHours);
  };
  for (const { weight, circuit, measures } of phases) {
    measures.importance.forEach((importance, eventIndex) => {
      const event = circuit.events[eventIndex]!;
      if (importance <= 0 || !event.frequencyKnown || event.frequency <= 0) return;
      const rate = weight * importance * event.frequency;
      const figures = event.failover?.figures;
      if (event.failover && figures) {
        add(rate * figures.switchSuccess, event.failover.hours);
        add(rate * (1 - figures.switchSuccess), figures.manualHours ?? 0);
      } else {
        add(rate, event.unavailability / event.frequency);
      }
    });
  }
  return streams;
}

/** How many lengths a new stream is compared with (see addMerging). */
const mergedLengthsSought = 16;

/**
 * Adds a stream, to one of the same length where there is one among the first few lengths:
 * looking no further keeps this linear (a service may have thousands of events, but a few
 * repair times cover most of them).
 */
function addMerging(streams: { ratePerHour: number; meanHours: number }[], ratePerHour: number, meanHours: number): void {
  for (let i = 0; i < streams.length && i < mergedLengthsSought; i++) {
    if (streams[i]!.meanHours === meanHours) {
      streams[i]!.ratePerHour += ratePerHour;
      return;
    }
  }
  streams.push({ ratePerHour, meanHours });
}
