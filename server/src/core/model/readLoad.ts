import { findEntry, type MapEntry, type MapNode, type SyntaxNode } from '../parse/syntax';
import type { ReadContext } from './readContext';
import type { Load } from './types';

/** What the demand is read for: a replicated component's instances or an `of` group's members. */
export interface LoadOwner {
  readonly count: number;
  readonly unit: 'instances' | 'members';
  /** The share of the time at peak: with none, no phase is "at peak". */
  readonly peakShare: number;
}

/**
 * Reads `capacity` and `load` from a component's or group's map into how many instances or
 * members each phase needs. Returns undefined when neither is written or either is
 * unusable; a need the count cannot meet is an error at `load`. A need equal to it (no spare
 * at peak) is an analysis finding, with the single points of failure it makes.
 */
export function readLoad(map: MapNode, owner: LoadOwner, context: ReadContext): Load | undefined {
  const capacityEntry = findEntry(map, 'capacity');
  const loadEntry = findEntry(map, 'load');
  if (!capacityEntry && !loadEntry) return undefined;
  if (!capacityEntry || !loadEntry) {
    const [entry, message] = capacityEntry
      ? [capacityEntry, `capacity needs a load beside it: the demand the ${owner.unit} must carry together, such as "load: 1000" or "load: { peak: 1000, normal: 300 }".`]
      : [loadEntry!, `load needs a capacity beside it: what one of the ${owner.unit} can serve, in the same unit.`];
    context.diagnostics.push({ code: 'incomplete-load', severity: 'error', message, span: entry.keySpan });
    return undefined;
  }
  const capacity = readNumber(capacityEntry.value, context);
  const demand = readDemand(loadEntry.value, context);
  if (capacity === undefined || capacity <= 0 || !demand) return undefined;
  const wanted = { peak: countNeeded(demand.peak, capacity), normal: countNeeded(demand.normal, capacity) };
  const need = { peak: Math.min(wanted.peak, owner.count + 1), normal: Math.min(wanted.normal, owner.count + 1) };
  // One error says it: the first phase that falls short, the peak first (when the file has time at peak).
  const phases: ('peak' | 'normal')[] = owner.peakShare > 0 ? ['peak', 'normal'] : ['normal'];
  const short = phases.find((phase) => wanted[phase] > owner.count);
  if (short) {
    context.diagnostics.push({
      code: 'capacity-too-small',
      severity: 'error',
      message: `needs ${wanted[short]} of ${owner.count} ${owner.unit} ${short === 'peak' ? 'at peak' : 'off-peak'}: ${formatAmount(demand[short])} / ${formatAmount(capacity)}. Add ${owner.unit} or raise their capacity.`,
      span: loadEntry.value?.span ?? loadEntry.keySpan,
    });
  }
  return { capacity, peak: demand.peak, normal: demand.normal, need, span: loadEntry.keySpan };
}

/** `ceil(load / capacity)`, where a quotient a rounding error puts just above a whole number counts as that number. */
export function countNeeded(load: number, capacity: number): number {
  return Math.ceil((load / capacity) * (1 - 1e-12));
}

/** The keys that say how many must be up some other way, and so conflict with capacity and load. */
export function reportLoadConflict(map: MapNode, other: MapEntry | undefined, reason: string, context: ReadContext): boolean {
  const written = findEntry(map, 'capacity') ?? findEntry(map, 'load');
  if (!written) return false;
  context.diagnostics.push({ code: 'conflicting-load', severity: 'error', message: reason, span: (other ?? written).keySpan });
  return true;
}

function readDemand(node: SyntaxNode | undefined, context: ReadContext): { peak: number; normal: number } | undefined {
  if (node?.kind === 'map') {
    const peak = readNumber(findEntry(node, 'peak')?.value, context);
    const normal = readNumber(findEntry(node, 'normal')?.value, context);
    return peak === undefined || normal === undefined ? undefined : { peak, normal };
  }
  const load = readNumber(node, context);
  return load === undefined ? undefined : { peak: load, normal: load };
}

/** A non-negative number; the schema reports anything else. */
function readNumber(node: SyntaxNode | undefined, context: ReadContext): number | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'number' || context.rejected(node.span)) return undefined;
  return Number.isFinite(node.value) && node.value >= 0 ? node.value : undefined;
}

/** 1,000 and 12.5, as a reader writes amounts. */
export function formatAmount(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 3 });
}
