import type { Diagnostic } from '../diagnostics';
import { matchEntities, type Entity, type Topology } from '../model/types';
import type { Circuit, Gate } from './circuit';
import type { ServiceFigures } from './results';

/**
 * The findings that follow from the structure alone (single points of failure reported where
 * they live, defeated redundancy, demands with no spare), with everything they were found
 * from, so that a version with the same inputs can take them over.
 */
export interface StructuralFindings {
  readonly topology: Topology;
  /** Each load phase's gates, and the names of its events (findings name events). */
  readonly gates: readonly (readonly Gate[])[];
  readonly eventNames: readonly (readonly string[])[];
  /** Each service's id and single points of failure, in order, at peak and off-peak. */
  readonly spofs: readonly { readonly id: string; readonly spofs: readonly string[]; readonly offPeak: readonly string[] | undefined }[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What structural findings are found from in one version. */
export interface FindingInputs {
  readonly topology: Topology;
  readonly circuits: readonly Circuit[];
  readonly services: readonly ServiceFigures[];
  readonly offPeakSpofs: ReadonlyMap<string, readonly string[]> | undefined;
}

/**
 * The structural findings of a version: the previous version's when they were found from the
 * same inputs, else found now by `find`.
 *
 * An edit to failure data or SLAs keeps the circuit's gates (see reuseCircuit), every single
 * point of failure and, when it keeps the length of the text, every span, so the findings are
 * the previous ones. That is compared, not assumed: the same gates (one array, handed over),
 * the same event names, each service's single points at peak and off-peak, and the topology
 * the same but for failure data and SLAs, spans included (none of the findings reads those).
 * An edit that moves text or changes a requirement, a load or a common cause finds them again.
 */
export function findStructuralFindings(inputs: FindingInputs, previous: StructuralFindings | undefined, find: () => Diagnostic[]): StructuralFindings {
  const spofs = inputs.services.map((service) => ({ id: service.id, spofs: service.spofs, offPeak: inputs.offPeakSpofs?.get(service.id) }));
  const gates = inputs.circuits.map((circuit) => circuit.gates);
  const eventNames = inputs.circuits.map((circuit) => circuit.events.map((event) => event.name));
  if (previous && haveSameInputs(previous, inputs.topology, gates, eventNames, spofs)) return previous;
  return { topology: inputs.topology, gates, eventNames, spofs, diagnostics: find() };
}

function haveSameInputs(previous: StructuralFindings, topology: Topology, gates: StructuralFindings['gates'], eventNames: StructuralFindings['eventNames'], spofs: StructuralFindings['spofs']): boolean {
  if (previous.gates.length !== gates.length || previous.gates.some((before, i) => before !== gates[i])) return false;
  if (!previous.eventNames.every((before, i) => isSameData(before, eventNames[i]))) return false;
  if (previous.spofs.length !== spofs.length) return false;
  for (let i = 0; i < spofs.length; i++) {
    const before = previous.spofs[i]!;
    const now = spofs[i]!;
    if (before.id !== now.id || !isSameData(before.spofs, now.spofs) || !isSameData(before.offPeak, now.offPeak)) return false;
  }
  return haveSameOutline(previous.topology, topology);
}

/** Whether two versions of a topology are the same but for failure data and SLAs. */
function haveSameOutline(before: Topology, now: Topology): boolean {
  if (before === now) return true;
  const same = (a: Entity, b: Entity) => isSameData(a, b, ignoredFields);
  return before.peakShare === now.peakShare && isSameData(before.commonCause, now.commonCause) && matchEntities(before.components, now.components, same) && matchEntities(before.services, now.services, same);
}

/** An entity's fields that no structural finding reads. */
const ignoredFields: ReadonlySet<string> = new Set(['failure', 'sla']);

/**
 * Whether two values of plain model data (objects, arrays, numbers, text) are equal, field
 * by field, leaving out the named fields of the outer object. Anything else (a Map, a Set)
 * counts as different, so a model that grows such a field is never wrongly called the same.
 */
function isSameData(a: unknown, b: unknown, ignored?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!isSameData(x[i], y[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Counted and compared in loops, without arrays of keys: this runs for every node of a model.
  let count = 0;
  for (const key in x) {
    if (ignored?.has(key)) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !isSameData(x[key], y[key])) return false;
  }
  for (const key in y) if (!ignored?.has(key)) count--;
  return count === 0;
}
