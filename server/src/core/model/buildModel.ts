import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';
import type { ReadContext } from './readContext';
import { findEntry, type MapEntry, type MapNode, type SyntaxNode } from '../parse/syntax';
import { coverSpans } from '../text/span';
import { findClosest } from '../util/closest';
import { parsePositiveInteger, type Availability } from './quantities';
import { readFailureData, readTarget, type OwnFailureData } from './readFailure';
import { readCommonCause } from './readCommonCause';
import { readLoad, reportLoadConflict } from './readLoad';
import { readMaintenance } from './readMaintenance';
import { readProbability } from './readRequirements';
import { readRequirements } from './readRequirements';
import { readEntryOnce, Rejections } from './readEntryOnce';
import { readSectionAgain, recordSection, type ModelMemo } from './readSectionOnce';
import { isId } from './isId';
import { knownKinds, type Component, type Failure, type Service, type Target, type Topology } from './types';

export interface ModelResult {
  readonly topology: Topology;
  readonly diagnostics: readonly Diagnostic[];
}

const kindSet: ReadonlySet<string> = new Set(knownKinds);
const maxReplicas = 1000;

/**
 * Builds the model from the syntax tree, whatever the schema said: every well-formed part
 * is kept, and values the schema cannot judge (durations, availabilities, quorums) are
 * checked here at their own span. `rejectedSpans` are the values the schema rejected, which
 * are never used. With `rememberEntries` (for trees from an IncrementalParser), components
 * and services whose entries come again unchanged and unmoved are not read again (see
 * readEntryOnce); a tree parsed whole never gives an entry twice, so remembering would be waste.
 * With a `memo` as well (one per document), a section whose entries all come again is read
 * at the cost of a comparison (see readSectionAgain).
 */
export function buildModel(root: SyntaxNode | undefined, fallbackSla?: Availability, rejectedSpans: readonly Span[] = [], rememberEntries = false, memo?: ModelMemo): ModelResult {
  const diagnostics: Diagnostic[] = [];
  const rejections = new Rejections(rejectedSpans);
  const rejected = (span: Span) => rejections.has(span);
  const top = root?.kind === 'map' ? root : undefined;
  const peakShareNode = top && findEntry(top, 'peakShare')?.value;
  const peakShare = (peakShareNode && readProbability(peakShareNode, { diagnostics, rejected })) ?? 1;
  const context: ReadContext = { diagnostics, rejected, peakShare };
  const nameNode = top && findEntry(top, 'topology')?.value;
  const sla = (top ? readTarget(findEntry(top, 'sla')?.value, context) : undefined) ?? (fallbackSla && { ...fallbackSla, period: 'month' as const });
  const defaults = readDefaults(top && mapValue(findEntry(top, 'defaults')), context);
  // What a component reads beyond its entry: the peak share, and its kind's defaults.
  const defaultsRead = new Map([...defaults].map(([kind, data]) => [kind, `${peakShare}\u0000${describeValues(data.failure)}`]));
  const inputsOfKind = (kind: string | undefined) => (kind !== undefined && defaultsRead.get(kind)) || `${peakShare}`;
  // Where only its kind's default failure data changed (most often, typing in `defaults`), a
  // component that took its failure data from there gets the new data and keeps the rest:
  // nothing else it reads, and none of its diagnostics, depends on the defaults then.
  const peakSharePrefix = `${peakShare}\u0000`;
  const refigureComponent = (last: Component, lastInputs: string): Component | undefined => {
    const failure = last.kind !== undefined ? defaults.get(last.kind)?.failure : undefined;
    return failure && lastInputs.startsWith(peakSharePrefix) && last.failure.kind !== 'never' && last.failure.source === 'defaults' ? withFailure(last, failure) : undefined;
  };
  const readComponentOnce = (entry: MapEntry, inputs: string) => readEntryOnce(entry, inputs, rejections, diagnostics, () => readComponent(entry, defaults, context), refigureComponent);
  const componentEntries = entriesOf(top, 'components');
  // A component's kind is in its value: what it reads beyond its entry follows from that.
  const componentsAgain = rememberEntries ? readSectionAgain(memo?.components, componentEntries, rejections, diagnostics, (last) => inputsOfKind(last.kind), readComponentOnce) : undefined;
  const readOne = rememberEntries
    ? (entry: MapEntry) => readComponentOnce(entry, inputsOfKind(kindOf(entry.value?.kind === 'map' ? findEntry(entry.value, 'kind')?.value : undefined)))
    : (entry: MapEntry) => readComponent(entry, defaults, context);
  const { components, ownCommonCause } = componentsAgain ? { components: componentsAgain.values, ownCommonCause: memo!.ownCommonCause } : readComponents(componentEntries, readOne, memo);
  if (memo && componentsAgain) memo.components = componentsAgain;
  const commonCause = readCommonCause(top, components, ownCommonCause, context);
  const serviceInputs = describeValues(sla && withoutSpan(sla));
  const readServiceOnce = (entry: MapEntry, inputs: string) => readEntryOnce(entry, inputs, rejections, diagnostics, () => readService(entry, sla, context));
  const serviceEntries = entriesOf(top, 'services');
  // Which services collide with a component follows from the components' ids: the same only where those were read again.
  const servicesAgain = componentsAgain ? readSectionAgain(memo?.services, serviceEntries, rejections, diagnostics, () => serviceInputs, readServiceOnce) : undefined;
  const services = servicesAgain ? servicesAgain.values : readServices(serviceEntries, components, context, rememberEntries ? (entry) => readServiceOnce(entry, serviceInputs) : (entry) => readService(entry, sla, context), memo);
  if (memo && servicesAgain) memo.services = servicesAgain;
  if (memo) memo.lastBuild = { componentsReadAgain: componentsAgain !== undefined, servicesReadAgain: servicesAgain !== undefined };
  const topology: Topology = {
    ...(nameNode?.kind === 'scalar' && typeof nameNode.value === 'string' ? { name: nameNode.value } : {}),
    ...(sla ? { sla } : {}),
    peakShare,
    components,
    services,
    commonCause,
  };
  return { topology, diagnostics };
}

/**
 * Reads the components entry by entry, an id's first entry only, with each one's own
 * `commonCause` entry (few have one); with a memo, records how (see recordSection).
 */
function readComponents(entries: readonly MapEntry[], read: (entry: MapEntry) => Component, memo: ModelMemo | undefined): { components: ReadonlyMap<string, Component>; ownCommonCause: ModelMemo['ownCommonCause'] } {
  const components = new Map<string, Component>();
  const readEntries: MapEntry[] = [];
  const ownCommonCause: { readonly id: string; readonly entry: MapEntry }[] = [];
  for (const entry of entries) {
    if (!isId(entry.key) || components.has(entry.key)) continue;
    components.set(entry.key, read(entry));
    readEntries.push(entry);
    const commonCause = entry.value?.kind === 'map' ? findEntry(entry.value, 'commonCause') : undefined;
    if (commonCause?.value) ownCommonCause.push({ id: entry.key, entry: commonCause });
  }
  if (memo) {
    memo.components = recordSection(entries, readEntries, components);
    memo.ownCommonCause = ownCommonCause;
  }
  return { components, ownCommonCause };
}

/**
 * Reads the services entry by entry, an id's first entry only; with a memo, records how
 * (none where a service collided with a component: that finding is not an entry's own).
 */
function readServices(entries: readonly MapEntry[], components: ReadonlyMap<string, Component>, context: ReadContext, read: (entry: MapEntry) => Service, memo: ModelMemo | undefined): ReadonlyMap<string, Service> {
  const services = new Map<string, Service>();
  const readEntries: MapEntry[] = [];
  let collided = false;
  for (const entry of entries) {
    if (!isId(entry.key) || services.has(entry.key)) continue;
    if (components.has(entry.key)) {
      collided = true;
      context.diagnostics.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `"${entry.key}" is already a component; components and services share one namespace.`,
        span: entry.keySpan,
        related: [{ span: components.get(entry.key)!.idSpan, message: `component "${entry.key}"` }],
      });
      continue;
    }
    services.set(entry.key, read(entry));
    readEntries.push(entry);
  }
  if (memo) memo.services = collided ? undefined : recordSection(entries, readEntries, services);
  return services;
}

function mapValue(entry: MapEntry | undefined): MapNode | undefined {
  return entry?.value?.kind === 'map' ? entry.value : undefined;
}

/** The entries of a section of the top-level map; those whose keys are no ids are skipped by the caller. */
function entriesOf(top: MapNode | undefined, section: string): readonly MapEntry[] {
  return (top && mapValue(findEntry(top, section))?.entries) ?? [];
}

function readDefaults(map: MapNode | undefined, context: ReadContext): Map<string, OwnFailureData> {
  const defaults = new Map<string, OwnFailureData>();
  for (const entry of map?.entries ?? []) {
    const value = entry.value;
    if (value?.kind !== 'map' || defaults.has(entry.key)) continue;
    defaults.set(entry.key, readFailureData(value, 'defaults', context));
    if (!kindSet.has(entry.key)) reportUnknownKind(entry.key, entry.keySpan, context);
  }
  return defaults;
}

function readComponent(entry: MapEntry, defaults: Map<string, OwnFailureData>, context: ReadContext): Component {
  const map: MapNode = entry.value?.kind === 'map' ? entry.value : { kind: 'map', span: entry.keySpan, entries: [] };
  const { node: kindNode, kind } = findKind(map);
  if (kind !== undefined && kindNode && !kindSet.has(kind)) reportUnknownKind(kind, kindNode.span, context);
  const ownData = readFailureData(map, 'own', context);
  const failure: Failure = ownData.failure ?? (kind !== undefined ? defaults.get(kind)?.failure : undefined) ?? { kind: 'never' };
  const replicasEntry = findEntry(map, 'replicas');
  const quorumEntry = findEntry(map, 'quorum');
  // More than 1,000 replicas is an error (the schema says so); the analysis then counts one.
  const replicaCount = (replicasEntry?.value?.kind === 'scalar' && !context.rejected(replicasEntry.value.span) && parsePositiveInteger(replicasEntry.value.value)) || 1;
  const replicas = replicaCount > maxReplicas ? 1 : replicaCount;
  let quorum = (quorumEntry?.value?.kind === 'scalar' && !context.rejected(quorumEntry.value.span) && parsePositiveInteger(quorumEntry.value.value)) || 1;
  if (quorum > replicas && quorumEntry?.value) {
    context.diagnostics.push({
      code: 'quorum-too-large',
      severity: 'error',
      message: `quorum ${quorum} can never be met with ${replicas} replica${replicas === 1 ? '' : 's'}.`,
      span: quorumEntry.value.span,
    });
    quorum = replicas + 1;
  }
  // A written quorum stands; the demand beside it is ignored.
  const conflict = quorumEntry && reportLoadConflict(map, quorumEntry, 'quorum and capacity/load both say how many instances must be up; keep one (capacity and load work it out per phase).', context);
  const load = conflict ? undefined : readLoad(map, { count: replicas, unit: 'instances', peakShare: context.peakShare ?? 1 }, context);
  if (load) quorum = load.need.peak;
  if (failure.kind === 'never' && !ownData.written) {
    context.diagnostics.push({
      code: 'never-fails',
      severity: 'information',
      message: `"${entry.key}" has no mtbf/mttr or availability${kind ? ` and no defaults for kind "${kind}"` : ''}, so it is treated as never failing.`,
      span: entry.keySpan,
    });
  }
  const descriptionNode = findEntry(map, 'description')?.value;
  const tagsNode = findEntry(map, 'tags')?.value;
  const maintenance = readMaintenance(findEntry(map, 'maintenance'), context);
  return {
    type: 'component',
    id: entry.key,
    idSpan: entry.keySpan,
    span: coverSpans(entry.keySpan, map.span),
    failure,
    requires: readRequirements(findEntry(map, 'requires')?.value, context),
    replicas,
    quorum,
    ...(load ? { load } : {}),
    tags: tagsNode?.kind === 'seq' ? tagsNode.items.flatMap((t) => (t.kind === 'scalar' && typeof t.value === 'string' ? [t.value] : [])) : [],
    ...(kind !== undefined ? { kind } : {}),
    ...(kindNode ? { kindSpan: kindNode.span } : {}),
    ...(maintenance ? { maintenance } : {}),
    ...(descriptionNode?.kind === 'scalar' && typeof descriptionNode.value === 'string' ? { description: descriptionNode.value } : {}),
  };
}

/**
 * A component with other failure data. Written as readComponent writes a component, field by
 * field in the same order, so that the copy has the object shape of one read from the text (a
 * spread gives it another): code that reads components stays with the shapes it has seen.
 */
function withFailure(last: Component, failure: Failure): Component {
  return {
    type: 'component',
    id: last.id,
    idSpan: last.idSpan,
    span: last.span,
    failure,
    requires: last.requires,
    replicas: last.replicas,
    quorum: last.quorum,
    ...(last.load ? { load: last.load } : {}),
    tags: last.tags,
    ...(last.kind !== undefined ? { kind: last.kind } : {}),
    ...(last.kindSpan ? { kindSpan: last.kindSpan } : {}),
    ...(last.maintenance ? { maintenance: last.maintenance } : {}),
    ...(last.description !== undefined ? { description: last.description } : {}),
  };
}

/** The kind a component's map writes, with its node (where a finding about it goes). */
function findKind(map: MapNode): { node: SyntaxNode | undefined; kind: string | undefined } {
  const node = findEntry(map, 'kind')?.value;
  return { node, kind: kindOf(node) };
}

/** The kind a `kind` value writes, if it is text. */
function kindOf(node: SyntaxNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function readService(entry: MapEntry, defaultSla: Target | undefined, context: ReadContext): Service {
  const map: MapNode = entry.value?.kind === 'map' ? entry.value : { kind: 'map', span: entry.keySpan, entries: [] };
  const own = readFailureData(map, 'own', context);
  const slaEntry = findEntry(map, 'sla');
  // An inherited target keeps its value but not its place: findings about it belong on the service.
  const sla = slaEntry ? readTarget(slaEntry.value, context) : defaultSla && withoutSpan(defaultSla);
  const descriptionNode = findEntry(map, 'description')?.value;
  return {
    type: 'service',
    id: entry.key,
    idSpan: entry.keySpan,
    span: coverSpans(entry.keySpan, map.span),
    failure: own.failure ?? { kind: 'never' },
    requires: readRequirements(findEntry(map, 'requires')?.value, context),
    ...(sla ? { sla } : {}),
    ...(descriptionNode?.kind === 'scalar' && typeof descriptionNode.value === 'string' ? { description: descriptionNode.value } : {}),
  };
}

/** A flat record's values as text, every number exactly (JSON would write NaN and Infinity alike). */
function describeValues(record: object | undefined): string {
  return record ? Object.entries(record).map(([key, value]) => `${key}=${String(value)}`).join(',') : '';
}

function withoutSpan(target: Target): Target {
  return { availability: target.availability, unavailability: target.unavailability, period: target.period, ...(target.maxOutageHours !== undefined ? { maxOutageHours: target.maxOutageHours } : {}) };
}

function reportUnknownKind(kind: string, span: { start: number; end: number }, context: ReadContext): void {
  const suggestion = findClosest(kind, knownKinds);
  context.diagnostics.push({
    code: 'unknown-kind',
    severity: 'hint',
    message: `"${kind}" is not a known kind${suggestion ? `; did you mean "${suggestion}"?` : ''} Known kinds drive icons and defaults.`,
    span,
    ...(suggestion ? { data: { suggestion, written: kind, textSpan: span } } : {}),
  });
}
