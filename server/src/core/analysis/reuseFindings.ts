import type { Diagnostic, RelatedInformation } from '../diagnostics';
import { areReadFromSameText } from '../model/readEntryOnce';
import { matchEntities, type Entity, type Topology } from '../model/types';
import type { Span } from '../text/span';
import type { Circuit } from './circuit';
import type { ServiceFigures } from './results';

/**
 * The findings that follow from the structure alone (single points of failure reported where
 * they live, defeated redundancy, demands with no spare), with everything they were found
 * from, so that a version with the same inputs can take them over.
 */
export interface StructuralFindings {
  readonly topology: Topology;
  /** Each load phase's circuit: its gates, and the names of its events (findings name events). */
  readonly circuits: readonly Circuit[];
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
 * An edit to failure data or SLAs keeps the circuit's gates (see reuseCircuit) and every
 * single point of failure, and the findings follow from those and the topology's outline.
 * That is compared, not assumed: the same gates (one array, handed over), the same event
 * names, each service's single points at peak and off-peak, and the topology the same but
 * for failure data and SLAs (none of the findings reads those). Its spans may differ only by
 * whole entities moving: an edit elsewhere in the text moves every entity after it, each in
 * one piece. The findings are then the previous ones with every place moved as the entity it
 * lies in moved. An edit that changes a requirement, a load or a common cause, or moves part
 * of an entity against the rest, finds them again.
 */
export function findStructuralFindings(inputs: FindingInputs, previous: StructuralFindings | undefined, find: () => Diagnostic[]): { findings: StructuralFindings; reused: boolean } {
  const spofs = inputs.services.map((service) => ({ id: service.id, spofs: service.spofs, offPeak: inputs.offPeakSpofs?.get(service.id) }));
  const moves = previous && haveSameInputs(previous, inputs.circuits, spofs) ? matchOutline(previous.topology, inputs.topology) : undefined;
  // The findings' data holds names only; their spans are all that can move.
  const moved = previous && moves ? moveDiagnostics(previous.diagnostics, moves) : undefined;
  return { findings: { topology: inputs.topology, circuits: inputs.circuits, spofs, diagnostics: moved ?? find() }, reused: moved !== undefined };
}

function haveSameInputs(previous: StructuralFindings, circuits: readonly Circuit[], spofs: StructuralFindings['spofs']): boolean {
  if (previous.circuits.length !== circuits.length) return false;
  for (let i = 0; i < circuits.length; i++) {
    const before = previous.circuits[i]!;
    const now = circuits[i]!;
    if (before.gates !== now.gates || before.events.length !== now.events.length) return false;
    for (let e = 0; e < now.events.length; e++) if (before.events[e]!.name !== now.events[e]!.name) return false;
  }
  if (previous.spofs.length !== spofs.length) return false;
  for (let i = 0; i < spofs.length; i++) {
    const before = previous.spofs[i]!;
    const now = spofs[i]!;
    if (before.id !== now.id || !isSameData(before.spofs, now.spofs, 0) || !isSameData(before.offPeak, now.offPeak, 0)) return false;
  }
  return true;
}

/** Where each part of the previous version's text went: spans of whole entities and common-cause groups, each moved by its own distance. */
interface Moves {
  /** Each entity's span in the previous version, in text order, with the distance it moved; empty where nothing moved. */
  readonly regions: readonly { readonly start: number; readonly end: number; readonly by: number }[];
  /** The spans of common-cause groups and their members, by "start:end", with the distance their group moved. */
  readonly exact: ReadonlyMap<string, number>;
  readonly moved: boolean;
}

/**
 * Whether two versions of a topology are the same but for failure data, SLAs and where whole
 * entities and common-cause groups stand; if so, how far each moved.
 */
function matchOutline(before: Topology, now: Topology): Moves | undefined {
  if (before.peakShare !== now.peakShare || before.commonCause.length !== now.commonCause.length) return undefined;
  if (before.components.size !== now.components.size || before.services.size !== now.services.size) return undefined;
  let moved = false;
  // Called for two entities of one id that are not one object (one object stands where it stood).
  const match = (entity: Entity, other: Entity): boolean => {
    const by = other.span.start - entity.span.start;
    // Read from the same text, two entities differ only in failure data, SLAs and where they
    // stand; one copied with new failure data keeps the other's very span.
    if (other.span !== entity.span && !areReadFromSameText(entity, other) && !isSameData(entity, other, by, ignoredFields)) return false;
    if (by !== 0) moved = true;
    return true;
  };
  if (!matchEntities(before.components, now.components, match) || !matchEntities(before.services, now.services, match)) return undefined;
  // Where nothing moved (an edit that kept the length of what it changed), no span needs the regions.
  const regions: { start: number; end: number; by: number }[] = [];
  const listRegions = (a: ReadonlyMap<string, Entity>, b: ReadonlyMap<string, Entity>) => {
    const others = b.values();
    for (const entity of a.values()) regions.push({ start: entity.span.start, end: entity.span.end, by: (others.next().value as Entity).span.start - entity.span.start });
  };
  const exact = new Map<string, number>();
  for (let i = 0; i < before.commonCause.length; i++) {
    const group = before.commonCause[i]!;
    const by = now.commonCause[i]!.span.start - group.span.start;
    if (!isSameData(group, now.commonCause[i], by)) return undefined;
    if (by !== 0) moved = true;
    for (const span of [group.span, ...group.members.map((member) => member.span)]) exact.set(`${span.start}:${span.end}`, by);
  }
  if (moved) {
    listRegions(before.components, now.components);
    listRegions(before.services, now.services);
    regions.sort((x, y) => x.start - y.start);
  }
  return { regions, exact, moved };
}

/** The diagnostics with every span moved as what it lies in moved; undefined where a span lies in nothing known. */
function moveDiagnostics(diagnostics: readonly Diagnostic[], moves: Moves): readonly Diagnostic[] | undefined {
  if (!moves.moved) return diagnostics;
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const span = moveSpan(diagnostic.span, moves);
    if (!span) return undefined;
    let related: RelatedInformation[] | undefined;
    if (diagnostic.related) {
      related = [];
      for (const info of diagnostic.related) {
        const moved = moveSpan(info.span, moves);
        if (!moved) return undefined;
        related.push({ span: moved, message: info.message });
      }
    }
    result.push({ ...diagnostic, span, ...(related ? { related } : {}) });
  }
  return result;
}

function moveSpan(span: Span, moves: Moves): Span | undefined {
  const exact = moves.exact.get(`${span.start}:${span.end}`);
  if (exact !== undefined) return { start: span.start + exact, end: span.end + exact };
  // The last entity starting at or before the span; entities do not overlap.
  const { regions } = moves;
  let low = 0;
  let high = regions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (regions[middle]!.start <= span.start) low = middle + 1;
    else high = middle;
  }
  const region = regions[low - 1];
  if (!region || span.end > region.end) return undefined;
  return { start: span.start + region.by, end: span.end + region.by };
}

/** An entity's fields that no structural finding reads. */
const ignoredFields: ReadonlySet<string> = new Set(['failure', 'sla']);

/**
 * Whether two values of plain model data (objects, arrays, numbers, text) are equal, field
 * by field, leaving out the named fields of the outer object, with every span's `start` and
 * `end` (the model's only fields of those names) moved by `by`. Anything else (a Map, a
 * Set) counts as different, so a model that grows such a field is never wrongly called the same.
 */
function isSameData(a: unknown, b: unknown, by: number, ignored?: ReadonlySet<string>): boolean {
  if (a === b && by === 0) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!isSameData(x[i], y[i], by)) return false;
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
    if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
    const value = x[key];
    if ((key === 'start' || key === 'end') && typeof value === 'number') {
      if (y[key] !== value + by) return false;
    } else if (!isSameData(value, y[key], by)) {
      return false;
    }
  }
  for (const key in y) if (!ignored?.has(key)) count--;
  return count === 0;
}
