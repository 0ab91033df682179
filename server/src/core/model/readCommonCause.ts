import type { MapEntry, MapNode, SyntaxNode } from '../parse/syntax';
import { findEntry } from '../parse/syntax';
import { parseProbability } from './quantities';
import type { ReadContext } from './readContext';
import type { CommonCauseGroup, Component } from './types';

/**
 * Reads the beta-factor groups: `commonCause: 5%` on a replicated component (its instances
 * fail together now and then; `ownEntries` are those entries, in the components' order) and
 * the top-level `commonCause` list of groups of components.
 * Every rule of the format is checked at its own range; a group that breaks one is left out,
 * so the figures never rest on a group shown as an error.
 */
export function readCommonCause(top: MapNode | undefined, components: ReadonlyMap<string, Component>, ownEntries: readonly { readonly id: string; readonly entry: MapEntry }[], context: ReadContext): CommonCauseGroup[] {
  const groups: CommonCauseGroup[] = [];
  const groupOf = new Map<string, string>();
  const accept = (group: CommonCauseGroup): void => {
    if (group.beta === 0) return; // A factor of zero adds nothing.
    for (const member of group.members) {
      const other = groupOf.get(member.id);
      if (other !== undefined) {
        report(context, member.span, `"${member.id}" is already in the common-cause group "${other}"; a component can be in one group only.`);
        return;
      }
    }
    const reason = checkMembers(group, components);
    if (reason) {
      report(context, group.span, reason);
      return;
    }
    for (const member of group.members) groupOf.set(member.id, group.id);
    groups.push(group);
  };
  // A component's own factor: its `commonCause` entry, which has a value.
  for (const { id, entry } of ownEntries) {
    const beta = readBeta(entry.value!, context);
    if (beta !== undefined) accept({ id: `common:${id}`, members: [{ id, span: entry.keySpan }], beta, span: entry.keySpan });
  }
  const list = top && findEntry(top, 'commonCause')?.value;
  for (const item of list?.kind === 'seq' ? list.items : []) {
    if (item.kind !== 'map') continue;
    const membersNode = findEntry(item, 'members')?.value;
    const betaNode = findEntry(item, 'beta')?.value;
    const idNode = findEntry(item, 'id')?.value;
    if (membersNode?.kind !== 'seq' || !betaNode) continue; // The schema says what is missing.
    const beta = readBeta(betaNode, context);
    if (beta === undefined) continue;
    const members: { id: string; span: CommonCauseGroup['span'] }[] = [];
    for (const member of membersNode.items) {
      if (member.kind !== 'scalar' || typeof member.value !== 'string') continue;
      if (!components.has(member.value)) {
        context.diagnostics.push({ code: 'unknown-reference', severity: 'error', message: `"${member.value}" is not a component.`, span: member.span, data: { id: member.value, textSpan: member.origin ?? member.span } });
        continue;
      }
      if (!members.some((m) => m.id === member.value)) members.push({ id: member.value, span: member.span });
    }
    const id = idNode?.kind === 'scalar' && typeof idNode.value === 'string' ? idNode.value : `common:${members.map((m) => m.id).join('+')}`;
    accept({ id, members, beta, span: findEntry(item, 'members')!.keySpan });
  }
  return groups;
}

function readBeta(node: SyntaxNode, context: ReadContext): number | undefined {
  if (node.kind !== 'scalar') return undefined;
  const parsed = parseProbability(node.value);
  if (!parsed.ok || parsed.value >= 1) {
    report(context, node.span, `A beta factor is a share in [0, 1), such as 5%${parsed.ok ? ': 100% would make every failure a common one' : ''}.`);
    return undefined;
  }
  return context.rejected(node.span) ? undefined : parsed.value;
}

/** Says what makes a group impossible to model, or undefined when it is sound. */
function checkMembers(group: CommonCauseGroup, components: ReadonlyMap<string, Component>): string | undefined {
  const members = group.members.map((m) => components.get(m.id)!);
  const events = members.reduce((sum, c) => sum + c.replicas, 0);
  if (events < 2) return `A common cause needs at least two things that fail: "${group.members[0]?.id ?? group.id}" is ${events === 1 ? 'one' : 'none'}${events === 1 ? ' (give it replicas, or list more members)' : ''}.`;
  const noData = members.find((c) => c.failure.kind === 'never');
  if (noData) return `"${noData.id}" has no failure data, so no share of its failures can be common.`;
  const kinds = new Set(members.map((c) => c.failure.kind));
  if (kinds.size > 1) return 'The members mix mtbf/mttr with availability only; give them all the same kind of failure data.';
  return undefined;
}

function report(context: ReadContext, span: CommonCauseGroup['span'], message: string): void {
  context.diagnostics.push({ code: 'invalid-common-cause', severity: 'error', message, span });
}
