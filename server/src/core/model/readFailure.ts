import type { ReadContext } from './readContext';
import { findEntry, type MapNode, type SyntaxNode } from '../parse/syntax';
import { findClosest } from '../util/closest';
import { parseAvailability, parseDuration, type Availability } from './quantities';
import type { Failure, Target } from './types';

/** Failure data as written, before `defaults` fill the gaps. */
export interface OwnFailureData {
  /** Undefined when nothing usable was written. */
  readonly failure?: Exclude<Failure, { kind: 'never' }>;
  /** True when some failure field was written, even an invalid one. */
  readonly written: boolean;
}

/**
 * Reads `mtbf`/`mttr` or `availability` from a map, reporting bad values at their own
 * span. When both forms are present the rates win, because they also give a frequency.
 */
export function readFailureData(map: MapNode, source: 'own' | 'defaults', context: ReadContext): OwnFailureData {
  const mtbfEntry = findEntry(map, 'mtbf');
  const mttrEntry = findEntry(map, 'mttr');
  const availabilityEntry = findEntry(map, 'availability');
  const written = !!(mtbfEntry || mttrEntry || availabilityEntry);
  const mtbf = mtbfEntry && readDuration(mtbfEntry.value, 'mtbf', context);
  const mttr = mttrEntry && readDuration(mttrEntry.value, 'mttr', context);
  const availability = availabilityEntry && readAvailability(availabilityEntry.value, context);
  if (mtbfEntry && mttrEntry && availabilityEntry) {
    context.diagnostics.push({
      code: 'conflicting-failure-data',
      severity: 'warning',
      message: 'Both availability and mtbf/mttr are given; mtbf/mttr are used and availability is ignored.',
      span: availabilityEntry.keySpan,
    });
  }
  // A misspelt key ("mtfb") is already reported by the schema; do not echo it as a missing field.
  const misspelt = (field: string) => map.entries.some((e) => e.key !== field && findClosest(e.key, [field]) === field);
  if (mtbfEntry && !mttrEntry && !misspelt('mttr')) {
    context.diagnostics.push({ code: 'incomplete-failure-data', severity: 'error', message: 'mtbf needs an mttr beside it (how long a repair takes).', span: mtbfEntry.keySpan });
  } else if (mttrEntry && !mtbfEntry && !misspelt('mtbf')) {
    context.diagnostics.push({ code: 'incomplete-failure-data', severity: 'error', message: 'mttr needs an mtbf beside it (how often it fails).', span: mttrEntry.keySpan });
  }
  if (mtbf !== undefined && mttr !== undefined) {
    return { written, failure: makeRateFailure(mtbf, mttr, source) };
  }
  if (availability && !(mtbfEntry && mttrEntry)) {
    return { written, failure: { kind: 'availability', ...availability, source } };
  }
  return { written };
}

/** Builds rate-based failure data; the unavailability is MTTR / (MTBF + MTTR) directly. */
export function makeRateFailure(mtbfHours: number, mttrHours: number, source: 'own' | 'defaults'): Extract<Failure, { kind: 'rates' }> {
  const cycle = mtbfHours + mttrHours;
  return {
    kind: 'rates',
    mtbfHours,
    mttrHours,
    availability: mtbfHours / cycle,
    unavailability: mttrHours / cycle,
    frequency: 1 / cycle,
    source,
  };
}

/** Reads a duration in hours, reporting a bad one at its span; a value the schema rejected is not used. */
export function readDuration(node: SyntaxNode | undefined, field: string, context: ReadContext): number | undefined {
  if (node && node.kind !== 'scalar') return undefined; // A schema error already says so.
  const parsed = parseDuration(node?.value);
  // A value the schema rejected is not used, even where this reader would understand it.
  if (parsed.ok) return node && context.rejected(node.span) ? undefined : parsed.value;
  if (node) {
    // With a likely intended text, a quick fix can write it where the value itself is written.
    const data = parsed.suggestion && typeof node.value === 'string' ? { suggestion: parsed.suggestion, written: node.value, textSpan: node.origin ?? node.span } : undefined;
    context.diagnostics.push({ code: 'invalid-duration', severity: 'error', message: `${field}: ${parsed.message}`, span: node.span, ...(data ? { data } : {}) });
  }
  return undefined;
}

export function readAvailability(node: SyntaxNode | undefined, context: ReadContext): Availability | undefined {
  if (!node || node.kind !== 'scalar') return undefined;
  const parsed = parseAvailability(node.value, node.source);
  if (parsed.ok) return context.rejected(node.span) ? undefined : parsed.value;
  context.diagnostics.push({ code: 'invalid-availability', severity: 'error', message: parsed.message, span: node.span });
  return undefined;
}

/** Reads `sla: 99.95%` or `sla: { target, per, maxOutage }`. */
export function readTarget(node: SyntaxNode | undefined, context: ReadContext): Target | undefined {
  if (node?.kind === 'map') {
    const targetNode = findEntry(node, 'target')?.value;
    const availability = readAvailability(targetNode, context);
    if (!availability || !targetNode) return undefined; // The schema reports a missing target.
    const per = findEntry(node, 'per')?.value;
    const period = per?.kind === 'scalar' && (per.value === 'quarter' || per.value === 'year') && !context.rejected(per.span) ? per.value : 'month';
    const maxOutage = findEntry(node, 'maxOutage')?.value;
    const maxOutageHours = maxOutage ? readDuration(maxOutage, 'maxOutage', context) : undefined;
    return { ...availability, period, ...(maxOutageHours !== undefined ? { maxOutageHours } : {}), span: targetNode.span };
  }
  const availability = readAvailability(node, context);
  return availability && node ? { ...availability, period: 'month', span: node.span } : undefined;
}
