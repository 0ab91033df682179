import type { ReadContext } from './readContext';
import { findEntry, type MapEntry, type SyntaxNode } from '../parse/syntax';
import { parsePositiveInteger, parseProbability } from './quantities';
import { readDuration } from './readFailure';
import { readLoad, reportLoadConflict } from './readLoad';
import type { Failover, Group, Requirement } from './types';
import { isId } from './isId';

/**
 * Reads a `requires` list into requirement expressions. Malformed parts are skipped (the
 * schema stage reports them) so that the rest of the list still counts.
 */
export function readRequirements(node: SyntaxNode | undefined, context: ReadContext): Requirement[] {
  if (!node) return [];
  const items = node.kind === 'seq' ? node.items : [node];
  return items.map((item) => readRequirement(item, context)).filter((r): r is Requirement => r !== undefined);
}

function readRequirement(node: SyntaxNode, context: ReadContext): Requirement | undefined {
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string' || !isId(node.value)) return undefined;
    return { kind: 'ref', id: node.value, span: node.span, ...(node.origin ? { origin: node.origin } : {}) };
  }
  if (node.kind !== 'map') return undefined;
  const all = findEntry(node, 'all');
  const any = findEntry(node, 'any');
  const atLeast = findEntry(node, 'atLeast');
  const of = findEntry(node, 'of');
  const loaded = !!(findEntry(node, 'capacity') ?? findEntry(node, 'load'));
  const chosen = all ?? any ?? of;
  if (!chosen) return undefined;
  if (!all && !any && !atLeast && !loaded) {
    context.diagnostics.push({
      code: 'incomplete-load',
      severity: 'error',
      message: 'An "of" group needs "atLeast: k", or "capacity" and "load", to say how many members must hold; meanwhile all of them count.',
      span: of!.keySpan,
    });
  }
  const members = readMembers(chosen.value, context);
  const failoverEntry = findEntry(node, 'failover');
  const failover = readFailover(failoverEntry, context);
  const groupKey = all ? 'all' : any ? 'any' : undefined;
  // The group keeps its own meaning; the demand is ignored.
  if (groupKey) reportLoadConflict(node, undefined, `capacity and load belong on an "of" group or a replicated component: an "${groupKey}" group needs ${groupKey === 'all' ? 'every member' : 'one member'} whatever the load. Write { of: [...], capacity, load }.`, context);
  if (all) return { kind: 'all', threshold: members.length, members, span: node.span, keySpan: all.keySpan };
  const keySpan = (any ?? atLeast ?? of)!.keySpan;
  let threshold = 1;
  const load = !any && !atLeast && loaded ? readLoad(node, { count: members.length, unit: 'members', peakShare: context.peakShare ?? 1 }, context) : undefined;
  // A written atLeast stands; the demand beside it is ignored.
  if (!any && atLeast) reportLoadConflict(node, atLeast, 'atLeast and capacity/load both say how many members must hold; keep one (capacity and load work it out per phase).', context);
  // An incomplete demand is reported by readLoad; meanwhile every member counts.
  if (!any && !atLeast) threshold = load ? load.need.peak : members.length;
  if (!any && !atLeast && !loaded) return { kind: 'all', threshold, members, span: node.span, keySpan };
  if (!any && atLeast) {
    const k = atLeast.value?.kind === 'scalar' && !context.rejected(atLeast.value.span) ? parsePositiveInteger(atLeast.value.value) : undefined;
    if (k === undefined) return undefined; // The schema reports a bad atLeast.
    threshold = k;
    if (k > members.length) {
      context.diagnostics.push({
        code: 'at-least-too-large',
        severity: 'error',
        message: `atLeast ${k} can never hold: the group has only ${members.length} member${members.length === 1 ? '' : 's'}.`,
        span: atLeast.value!.span,
      });
    }
  }
  const group: Group = {
    kind: any ? 'any' : 'atLeast',
    threshold,
    members,
    span: node.span,
    keySpan,
    ...(failover ? { failover } : {}),
    ...(load ? { load } : {}),
  };
  if (failoverEntry && members.length < 2) {
    context.diagnostics.push({
      code: 'failover-without-redundancy',
      severity: 'warning',
      message: 'failover needs a group of at least two members to switch between.',
      span: failoverEntry.keySpan,
    });
  }
  return group;
}

function readMembers(node: SyntaxNode | undefined, context: ReadContext): Requirement[] {
  if (!node || node.kind !== 'seq') return [];
  return readRequirements(node, context);
}

/** Reads `failover: 30s` or `failover: { time, success, manual, requires }`. */
function readFailover(entry: MapEntry | undefined, context: ReadContext): Failover | undefined {
  const node = entry?.value;
  if (!entry || !node) return undefined;
  if (node.kind === 'scalar') {
    const hours = readDuration(node, 'failover', context);
    return hours === undefined ? undefined : { hours, success: 1, requires: [], span: entry.keySpan };
  }
  if (node.kind !== 'map') return undefined;
  const timeNode = findEntry(node, 'time')?.value;
  const hours = timeNode ? readDuration(timeNode, 'failover time', context) : undefined;
  if (hours === undefined) return undefined; // The schema reports a missing time.
  const manualNode = findEntry(node, 'manual')?.value;
  const manualHours = manualNode ? readDuration(manualNode, 'failover manual', context) : undefined;
  const successNode = findEntry(node, 'success')?.value;
  const success = successNode ? readProbability(successNode, context) : 1;
  return {
    hours,
    success: success ?? 1,
    ...(manualHours !== undefined ? { manualHours } : {}),
    requires: readRequirements(findEntry(node, 'requires')?.value, context),
    span: entry.keySpan,
  };
}

/** Reads a probability in [0, 1]: `98%` or `0.98`. */
export function readProbability(node: SyntaxNode, context: ReadContext): number | undefined {
  if (node.kind !== 'scalar') return undefined;
  const parsed = parseProbability(node.value);
  if (parsed.ok) return context.rejected(node.span) ? undefined : parsed.value;
  context.diagnostics.push({ code: 'invalid-probability', severity: 'error', message: parsed.message, span: node.span });
  return undefined;
}
