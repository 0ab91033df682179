import type { Budget } from '../budget';
import type { Failure, Topology } from '../model/types';
import { analyseTopology } from './analyseTopology';
import type { AnalysisOptions } from './results';

export interface WhatIfService {
  readonly id: string;
  /** True when the service cannot be up with these failed, whatever else does. */
  readonly down: boolean;
  readonly availability: number;
  readonly unavailability: number;
}

const failedForGood: Failure = { kind: 'availability', availability: 0, unavailability: 1, source: 'own' };

/**
 * Every service's availability with the given components and services failed for good:
 * their own events are down (for replicated ones, every instance), the rest as usual.
 */
export function analyseWhatIf(topology: Topology, failed: readonly string[], options: AnalysisOptions, budget?: Budget): WhatIfService[] {
  const set = new Set(failed);
  const components = new Map([...topology.components].map(([id, c]) => [id, set.has(id) ? { ...c, failure: failedForGood } : c]));
  const services = new Map([...topology.services].map(([id, s]) => [id, set.has(id) ? { ...s, failure: failedForGood } : s]));
  const result = analyseTopology({ ...topology, components, services }, options, budget);
  return result.services.map((s) => ({ id: s.id, down: s.availability === 0, availability: s.availability, unavailability: s.unavailability }));
}
