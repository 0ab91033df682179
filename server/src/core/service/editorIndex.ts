import type { DocumentAnalysis } from '../analyseDocument';
import type { ComponentFigures, FigureSite, ServiceFigures } from '../analysis/results';
import { OperationCancelled } from '../budget';
import type { Diagnostic } from '../diagnostics';
import { forEachReference, type Failure, type Requirement } from '../model/types';
import { findEntry, type MapNode, type SyntaxNode } from '../parse/syntax';
import type { Placement } from '../parse/placement';
import type { Span } from '../text/span';

/**
 * Everything the editor features need about one version of a document, as plain data:
 * it crosses from the analysis worker to the language server, so it holds no tree, no
 * classes and nothing that must be cloned twice.
 */
export interface EditorIndex {
  readonly entities: readonly EntityInfo[];
  readonly references: readonly ReferenceInfo[];
  readonly sections: readonly SectionInfo[];
  readonly services: readonly ServiceFigures[];
  readonly components: readonly ComponentFigures[];
  /** Failovers, common causes and maintenance as written, where their figures are shown. */
  readonly sites: readonly SiteInfo[];
  readonly diagnostics: readonly Diagnostic[];
  /** Text that anchors share with their aliases: an edit inside it changes every place that uses it. */
  readonly sharedSpans: readonly Span[];
  /** Flattened [start, end, start, end, …] of every map, list and entry: the document's structure. */
  readonly structure: readonly number[];
  readonly topologyName?: string;
  readonly defaultSla?: number;
}

export interface EntityInfo {
  readonly type: 'component' | 'service';
  readonly id: string;
  readonly idSpan: Span;
  /** From the id to the end of its value. */
  readonly span: Span;
  /** The value: a block or flow map. */
  readonly bodySpan: Span;
  readonly flow: boolean;
  /** True when the body comes through an alias (`db-copy: *db`): its text is shared, not its own. */
  readonly bodyAliased: boolean;
  readonly kind?: string;
  readonly failure: Failure;
  readonly replicas: number;
  readonly quorum: number;
  /** Where `replicas` is written in this entity's own text; absent when missing or reached through an alias. */
  readonly replicasSpan?: Span;
  /** True when `replicas` is set, but through an alias or a merge key. */
  readonly replicasAliased: boolean;
  readonly requiresSpan?: Span;
  readonly description?: string;
  /** Its own SLA target or the top-level one. */
  readonly sla?: number;
  /** The ids it requires directly, in order, each once. */
  readonly requires: readonly string[];
  /** What it requires, as the expressions it is written with: "any of (pdu-a, pdu-b) · san". */
  readonly requiresText: string;
}

export interface ReferenceInfo {
  readonly id: string;
  /** Where it is reported: the alias, for a reference reached through one. */
  readonly span: Span;
  /** Where the id itself is written, when that is not `span` (a reference reached through an alias). */
  readonly origin?: Span;
  /** The entity whose `requires` holds the reference. */
  readonly owner: string;
}

export interface SiteInfo extends FigureSite {
  /** The end of the key's value, where an inline figure goes. */
  readonly valueEnd: number;
}

export interface SectionInfo {
  readonly key: string;
  readonly keySpan: Span;
  readonly valueSpan?: Span;
}

/** Builds the editor index of an analysed document, in text offsets (see DocumentAnalysis.placement). */
export function indexDocument(analysis: DocumentAnalysis, isCancelled?: () => boolean): EditorIndex {
  const { topology, root, placement } = analysis;
  const at = (span: Span) => placement.spanOf(span);
  const top = root?.kind === 'map' ? root : undefined;
  const sections: SectionInfo[] = (top?.entries ?? []).map((entry) => ({
    key: entry.key,
    keySpan: at(entry.keySpan),
    ...(entry.value ? { valueSpan: at(entry.value.span) } : {}),
  }));
  const bodies = new Map<string, MapNode>();
  for (const section of ['components', 'services']) {
    const value = top && findEntry(top, section)?.value;
    if (value?.kind !== 'map') continue;
    for (const entry of value.entries) {
      if (entry.value?.kind === 'map' && !bodies.has(`${section}:${entry.key}`)) bodies.set(`${section}:${entry.key}`, entry.value);
    }
  }
  const entities: EntityInfo[] = [];
  const references: ReferenceInfo[] = [];
  let count = 0;
  for (const entity of [...topology.components.values(), ...topology.services.values()]) {
    // A newer version may be waiting: for a large file, building an index no one will read is worth stopping.
    if ((++count & 511) === 0 && isCancelled?.()) throw new OperationCancelled();
    const body = bodies.get(`${entity.type === 'component' ? 'components' : 'services'}:${entity.id}`);
    const requires: string[] = [];
    forEachReference(entity.requires, (ref) => {
      references.push({ id: ref.id, span: at(ref.span), owner: entity.id, ...(ref.origin ? { origin: at(ref.origin) } : {}) });
      if (!requires.includes(ref.id)) requires.push(ref.id);
    });
    const replicasNode = body && findEntry(body, 'replicas')?.value;
    const requiresNode = body && findEntry(body, 'requires')?.value;
    entities.push({
      type: entity.type,
      id: entity.id,
      idSpan: at(entity.idSpan),
      span: at(entity.span),
      bodySpan: at(body?.span ?? entity.idSpan),
      flow: body !== undefined && isFlow(body, analysis),
      bodyAliased: body?.origin !== undefined,
      replicasAliased: replicasNode?.origin !== undefined,
      failure: entity.failure,
      replicas: entity.type === 'component' ? entity.replicas : 1,
      quorum: entity.type === 'component' ? entity.quorum : 1,
      requires,
      requiresText: entity.requires.map(describeRequirement).join(' · '),
      ...(entity.type === 'component' && entity.kind !== undefined ? { kind: entity.kind } : {}),
      ...(replicasNode && !replicasNode.origin ? { replicasSpan: at(replicasNode.span) } : {}),
      ...(requiresNode ? { requiresSpan: at(requiresNode.span) } : {}),
      ...(entity.description !== undefined ? { description: entity.description } : {}),
      ...(entity.type === 'service' && entity.sla ? { sla: entity.sla.availability } : {}),
    });
  }
  entities.sort((a, b) => a.idSpan.start - b.idSpan.start);
  return {
    entities,
    references,
    sections,
    services: analysis.services ?? [],
    components: analysis.components ?? [],
    sites: locateSites(analysis.sites, root, placement),
    diagnostics: analysis.diagnostics,
    sharedSpans: analysis.sharedSpans.map(at),
    structure: collectStructure(root, placement),
    ...(topology.name !== undefined ? { topologyName: topology.name } : {}),
    ...(topology.sla ? { defaultSla: topology.sla.availability } : {}),
  };
}

/** Gives each site, in text offsets, the end of its key's value, found in one walk over the tree. */
function locateSites(sites: readonly FigureSite[], root: SyntaxNode | undefined, placement: Placement): SiteInfo[] {
  if (sites.length === 0) return [];
  const valueEnds = new Map<number, number>();
  const stack: SyntaxNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        valueEnds.set(entry.keySpan.start, entry.value ? entry.value.span.end : entry.keySpan.end);
        if (entry.value) stack.push(entry.value);
      }
    } else if (node.kind === 'seq') {
      stack.push(...node.items);
    }
  }
  return sites.map((site) => ({ ...site, span: placement.spanOf(site.span), valueEnd: placement.offsetOf(valueEnds.get(site.span.start) ?? site.span.end) }));
}

/** A requirement as words: an id, or "any of (a, b)", "2 of (a, b, c)", "all of (a, b)", with its failover. */
function describeRequirement(requirement: Requirement): string {
  if (requirement.kind === 'ref') return requirement.id;
  const members = `(${requirement.members.map(describeRequirement).join(', ')})`;
  const load = requirement.load;
  const need = load && load.need.peak !== load.need.normal ? `${load.need.peak} (at peak; ${load.need.normal} off-peak)` : `${requirement.threshold}`;
  const rule = requirement.kind === 'all' ? `all of ${members}` : requirement.kind === 'any' ? `any of ${members}` : `${need} of ${members}`;
  return requirement.failover ? `${rule} with failover` : rule;
}

function isFlow(body: MapNode, analysis: DocumentAnalysis): boolean {
  // A flow map is written between braces; the tree keeps no style, so look at the first character.
  return analysis.text.charAt(analysis.placement.offsetOf(body.span.start)) === '{';
}

function collectStructure(root: SyntaxNode | undefined, placement: Placement): number[] {
  const spans: number[] = [];
  const stack: SyntaxNode[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'scalar') continue;
    spans.push(placement.offsetOf(node.span.start), placement.offsetOf(node.span.end));
    if (node.kind === 'map') {
      for (const entry of node.entries) {
        spans.push(placement.offsetOf(entry.keySpan.start), placement.offsetOf(entry.value ? entry.value.span.end : entry.keySpan.end));
        if (entry.value) stack.push(entry.value);
      }
    } else {
      stack.push(...node.items);
    }
  }
  return spans;
}
