import { walkDepthFirst, type Circuit } from './circuit';
import { createRandom } from './random';


export interface Estimate {
  readonly unavailability: number;
  /** A 95% Wilson score interval for the unavailability. */
  readonly low: number;
  readonly high: number;
  readonly samples: number;
}

/**
 * Estimates a gate's unavailability by seeded sampling of its basic events, for when the
 * exact diagram would be too large. The sample count shrinks with the circuit so that the
 * estimate takes about the same time whatever its size.
 */
export function estimateByMonteCarlo(circuit: Circuit, rootGate: number, seed: number, workBudget = 10_000_000, minSamples = 1000): Estimate {
  const gates = walkDepthFirst(circuit, [rootGate]).sort((a, b) => a - b);
  // The cost of one sample is one look at every gate input and every event.
  let work = 0;
  for (const g of gates) {
    const gate = circuit.gates[g]!;
    work += gate.op === 'atLeast' ? gate.inputs.length + 1 : 2;
  }
  const samples = Math.max(minSamples, Math.min(1_000_000, Math.floor(workBudget / Math.max(1, work))));
  const value = new Uint8Array(circuit.gates.length);
  const eventUp = new Uint8Array(circuit.events.length);
  const random = createRandom(seed);
  const eventsUsed = gates.flatMap((g) => {
    const gate = circuit.gates[g]!;
    return gate.op === 'event' ? [gate.event] : [];
  });
  const evaluate = (): boolean => {
    for (const g of gates) {
      const gate = circuit.gates[g]!;
      if (gate.op === 'const') value[g] = gate.value ? 1 : 0;
      else if (gate.op === 'event') value[g] = eventUp[gate.event]!;
      else {
        let up = 0;
        for (const input of gate.inputs) up += value[input]!;
        value[g] = up >= gate.k ? 1 : 0;
      }
    }
    return value[rootGate] === 1;
  };
  let failures = 0;
  for (let s = 0; s < samples; s++) {
    for (const e of eventsUsed) eventUp[e] = random() < circuit.events[e]!.availability ? 1 : 0;
    if (!evaluate()) failures++;
  }
  const { low, high } = computeWilsonInterval(failures, samples);
  return { unavailability: failures / samples, low, high, samples };
}

function computeWilsonInterval(successes: number, trials: number): { low: number; high: number } {
  const z = 1.959963984540054;
  const phat = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (phat + (z * z) / (2 * trials)) / denominator;
  const margin = (z * Math.sqrt((phat * (1 - phat)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}
