import { knownKinds } from '../model/types';
import type { Span } from '../text/span';
import type { EditorIndex } from './editorIndex';
import { isBlankTopology, skeletonSnippet } from './skeleton';
import { formatAvailability } from './format';

export interface CompletionItem {
  readonly label: string;
  readonly kind: 'id' | 'kind' | 'key' | 'value' | 'snippet';
  readonly detail?: string;
  readonly documentation?: string;
  readonly insertText: string;
  readonly isSnippet?: boolean;
  readonly replaceSpan: Span;
  readonly sortText?: string;
}

type JsonSchema = Record<string, unknown>;

const requirementKeys = new Set(['requires', 'any', 'all', 'of']);
const durationKeys = new Set(['mtbf', 'mttr', 'failover', 'time', 'manual', 'every', 'duration', 'maxOutage']);
/** Probabilities and the values people usually start from: a switch that mostly works, a small beta factor. */
const probabilityExamples = new Map([
  ['success', ['99%', '95%', '90%']],
  ['beta', ['2%', '5%', '10%']],
  ['commonCause', ['2%', '5%', '10%']],
  ['peakShare', ['10%', '20%', '30%']],
]);
/** Keys whose value has a shape worth a snippet, by where they are: at the top level or in a component. */
const keySnippets = new Map([
  ['top:commonCause', { insertText: 'commonCause:\n  - members: [${1}, ${2}]\n    beta: ${3:5%}', documentation: 'Components that fail together now and then: a share beta of each failure is common to all.' }],
  ['component:maintenance', { insertText: 'maintenance: { every: ${1:30d}, duration: ${2:1h} }', documentation: 'Planned downtime: down for `duration` once every `every`.' }],
  ['component:commonCause', { insertText: 'commonCause: ${1:5%}', documentation: 'Beta factor: the share of failures that take every replica down at once.' }],
  ['component:load', { insertText: 'load: { peak: ${1:1000}, normal: ${2:300} }', documentation: 'The demand the instances carry together, at peak and the rest of the time, in the unit of `capacity`.' }],
  ['top:sla', { insertText: 'sla: { target: ${1:99.95%}, per: ${2|month,quarter,year|}, maxOutage: ${3:30m} }', documentation: 'The contract: a target per period, and the longest outage it tolerates.' }],
  ['service:sla', { insertText: 'sla: { target: ${1:99.95%}, per: ${2|month,quarter,year|}, maxOutage: ${3:30m} }', documentation: 'The contract: a target per period, and the longest outage it tolerates.' }],
]);
const availabilityKeys = new Set(['sla', 'availability', 'target']);
const durationUnits: [string, string][] = [['s', 'seconds'], ['m', 'minutes'], ['h', 'hours'], ['d', 'days'], ['w', 'weeks'], ['y', 'years of 8760 h']];

/**
 * Completion from the current text and the last index: ids inside requirements (never the
 * id being defined), kinds, keys with the schema's descriptions, duration units after a
 * number, typical availabilities, and snippets for redundancy groups.
 */
export function listCompletions(index: EditorIndex, text: string, offset: number, schema: JsonSchema): { items: CompletionItem[]; isIncomplete: boolean } {
  const context = findContext(text, offset);
  const replaceSpan = context.word;
  const typed = text.slice(replaceSpan.start, offset);
  switch (context.kind) {
    case 'requirement': {
      const ids = completeIds(index, context.owner, replaceSpan, typed);
      const choices = index.entities.filter((e) => e.type === 'component' && e.id !== context.owner).map((e) => e.id);
      return { items: [...ids.items, ...groupSnippets(replaceSpan, choices)], isIncomplete: ids.isIncomplete };
    }
    case 'value':
      return { items: completeValue(context.key, typed, replaceSpan, schema), isIncomplete: false };
    case 'key': {
      const keys = completeKeys(context.path, context.existing, replaceSpan, schema);
      // An empty file: a whole topology to start from, first.
      if (!isBlankTopology(text)) return { items: keys, isIncomplete: false };
      const skeleton: CompletionItem = { label: 'topology skeleton', kind: 'snippet', insertText: skeletonSnippet, isSnippet: true, documentation: 'A topology to start from: one component and one service that requires it.', replaceSpan, sortText: '0' };
      return { items: [skeleton, ...keys], isIncomplete: false };
    }
  }
}

/** Past this many ids, only the best matches of what was typed are sent, marked incomplete. */
const maxIdItems = 200;

/** True when the letters of `typed` appear in `id` in order, as editors filter. */
function matchesTyped(id: string, typed: string): boolean {
  let at = 0;
  const lower = id.toLowerCase();
  for (const c of typed.toLowerCase()) {
    at = lower.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

type Context =
  | { kind: 'requirement'; owner: string | undefined; word: Span }
  | { kind: 'value'; key: string; word: Span }
  | { kind: 'key'; path: string[]; existing: string[]; word: Span };

function findContext(text: string, offset: number): Context {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  let wordStart = offset;
  while (wordStart > lineStart && /[A-Za-z0-9_.%-]/.test(text.charAt(wordStart - 1))) wordStart--;
  const word = { start: wordStart, end: offset };
  const ancestors = findAncestors(text, lineStart, indentOf(prefix));
  const owner = ancestors.length >= 2 && (ancestors[0]!.key === 'components' || ancestors[0]!.key === 'services') ? ancestors[1]!.key : undefined;
  const path = ancestors.map((a) => a.key);
  // Inside brackets on this line: the key before the innermost opener decides.
  const flow = findFlowContext(prefix);
  if (flow) {
    if (flow.opener === '[' && requirementKeys.has(flow.key ?? path[path.length - 1] ?? '')) return { kind: 'requirement', owner: owner ?? flow.definedHere, word };
    if (flow.opener === '{' && flow.valueKey && !requirementKeys.has(flow.valueKey)) return { kind: 'value', key: flow.valueKey, word };
    if (flow.opener === '{' && flow.valueKey && requirementKeys.has(flow.valueKey)) return { kind: 'requirement', owner: owner ?? flow.definedHere, word };
    if (flow.opener === '{') {
      const inEntity = flow.definedHere !== undefined ? [...path, flow.definedHere] : path;
      return { kind: 'key', path: inEntity, existing: flow.keys, word };
    }
  }
  const valueOnLine = /^\s*(?:-\s+)?([A-Za-z][A-Za-z0-9_.-]*):\s+\S*$/.exec(prefix);
  if (valueOnLine) {
    const key = valueOnLine[1]!;
    return requirementKeys.has(key) ? { kind: 'requirement', owner, word } : { kind: 'value', key, word };
  }
  if (/^\s*-\s+\S*$/.test(prefix) && requirementKeys.has(path[path.length - 1] ?? '')) return { kind: 'requirement', owner, word };
  return { kind: 'key', path, existing: findSiblingKeys(text, lineStart, indentOf(prefix)), word };
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** Keys of the lines above with less indentation, outermost first. */
function findAncestors(text: string, lineStart: number, indent: number): { key: string; indent: number }[] {
  const result: { key: string; indent: number }[] = [];
  let limit = indent;
  let end = lineStart - 1;
  while (end > 0 && limit > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const lineIndent = indentOf(line);
    const dash = /^(\s*)-\s+/.exec(line);
    const effective = dash ? dash[0].length : lineIndent;
    if (lineIndent >= limit && effective >= limit) continue;
    const key = /^\s*(?:-\s+)?([A-Za-z][A-Za-z0-9_.-]*|"[^"]*"|'[^']*')\s*:/.exec(line);
    if (key && effective < limit) result.unshift({ key: key[1]!.replace(/^["']|["']$/g, ''), indent: effective });
    limit = lineIndent;
  }
  return result;
}

function findSiblingKeys(text: string, lineStart: number, indent: number): string[] {
  const keys: string[] = [];
  const collect = (line: string) => {
    const match = /^(\s*)([A-Za-z][A-Za-z0-9_.-]*)\s*:/.exec(line);
    if (match && match[1]!.length === indent) keys.push(match[2]!);
  };
  // Upwards, then downwards, until a line with less indentation.
  for (let end = lineStart - 1; end > 0; ) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (indentOf(line) < indent) break;
    collect(line);
  }
  for (let start = text.indexOf('\n', lineStart); start >= 0 && start < text.length; ) {
    const end = text.indexOf('\n', start + 1);
    const line = text.slice(start + 1, end < 0 ? text.length : end);
    start = end;
    if (!line.trim() || line.trimStart().startsWith('#')) {
      if (end < 0) break;
      continue;
    }
    if (indentOf(line) < indent) break;
    collect(line);
    if (end < 0) break;
  }
  return keys;
}

/** The innermost unclosed bracket on the line, the key that holds it and the key being valued. */
function findFlowContext(prefix: string): { opener: '[' | '{'; key: string | undefined; valueKey: string | undefined; keys: string[]; definedHere: string | undefined } | undefined {
  const stack: { opener: '[' | '{'; at: number }[] = [];
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(prefix.charAt(i - 1)))) return undefined;
    else if (c === '[' || c === '{') stack.push({ opener: c, at: i });
    else if (c === ']' || c === '}') stack.pop();
  }
  const innermost = stack[stack.length - 1];
  if (!innermost) return undefined;
  const before = prefix.slice(0, innermost.at);
  const key = /([A-Za-z][A-Za-z0-9_.-]*)\s*:\s*$/.exec(before)?.[1];
  const inside = prefix.slice(innermost.at + 1);
  const afterLastComma = inside.slice(Math.max(inside.lastIndexOf(','), inside.lastIndexOf('{')) + 1);
  const valueKey = innermost.opener === '{' ? /^\s*([A-Za-z][A-Za-z0-9_.-]*)\s*:\s*\S*$/.exec(afterLastComma)?.[1] : undefined;
  const keys = [...inside.matchAll(/([A-Za-z][A-Za-z0-9_.-]*)\s*:/g)].map((m) => m[1]!);
  // `web-1: { requires: [` defines web-1 on this very line.
  const definedHere = /^\s*([A-Za-z][A-Za-z0-9_.-]*)\s*:\s*\{/.exec(prefix)?.[1];
  return { opener: innermost.opener, key, valueKey, keys, definedHere };
}

function completeIds(index: EditorIndex, owner: string | undefined, replaceSpan: Span, typed: string): { items: CompletionItem[]; isIncomplete: boolean } {
  let candidates = index.entities.filter((e) => e.id !== owner && matchesTyped(e.id, typed));
  const isIncomplete = candidates.length > maxIdItems;
  if (isIncomplete) {
    const lower = typed.toLowerCase();
    candidates = [...candidates.filter((e) => e.id.toLowerCase().startsWith(lower)), ...candidates.filter((e) => !e.id.toLowerCase().startsWith(lower))].slice(0, maxIdItems);
  }
  const figuresById = new Map<string, { availability: number | null; unavailability: number | null }>();
  for (const figures of [...index.components, ...index.services]) figuresById.set(figures.id, figures);
  const items = candidates.map((e, i) => {
      const figures = figuresById.get(e.id);
      const availability = figures && figures.availability !== null && figures.unavailability !== null ? formatAvailability(figures.availability, figures.unavailability) : undefined;
      return {
        label: e.id,
        kind: 'id' as const,
        detail: [e.type === 'service' ? 'service' : (e.kind ?? 'component'), availability].filter(Boolean).join(' · '),
        ...(e.description ? { documentation: e.description } : {}),
        insertText: e.id,
        replaceSpan,
        sortText: `0${String(i).padStart(6, '0')}`,
      };
    });
  return { items, isIncomplete };
}

/**
 * Snippets for redundancy groups. Member placeholders are never made-up ids (which would
 * light up as unknown references while the user fills them in): they offer the file's
 * components as choices, or are empty when there are none.
 */
function groupSnippets(replaceSpan: Span, ids: readonly string[]): CompletionItem[] {
  const snippet = (label: string, insertText: string, documentation: string): CompletionItem => ({
    label,
    kind: 'snippet',
    insertText,
    isSnippet: true,
    documentation,
    replaceSpan,
    sortText: `1${label}`,
  });
  // Snippet choices are comma-separated: ids never hold commas or pipes, but escape them anyway.
  const offered = ids.slice(0, 30).map((id) => id.replace(/[\\,|$}]/g, (c) => `\\${c}`));
  const member = (n: number, preferred: number) => (offered.length > 0 ? `\${${n}|${[...offered.slice(preferred), ...offered.slice(0, preferred)].join(',')}|}` : `\${${n}}`);
  return [
    snippet('any group', `{ any: [${member(1, 0)}, ${member(2, 1)}] }`, 'At least one member must hold: parallel redundancy.'),
    snippet('atLeast group', `{ atLeast: \${1:2}, of: [${member(2, 0)}, ${member(3, 1)}, ${member(4, 2)}] }`, 'At least k members must hold: a quorum.'),
    snippet('failover group', `{ any: [${member(1, 0)}, ${member(2, 1)}], failover: \${3:30s} }`, 'Active-passive: each failure of the primary (the first member) costs the switchover time.'),
    snippet(
      'failover group that can fail',
      `{ any: [${member(1, 0)}, ${member(2, 1)}], failover: { time: \${3:2m}, success: \${4:99%}, manual: \${5:30m}, requires: [${member(6, 2)}] } }`,
      'Active-passive where the switch itself can fail: it works `success` of the time and needs `requires` (an HA manager, a fencing device) at that moment; otherwise the takeover is manual.',
    ),
    snippet('all group', `{ all: [${member(1, 0)}, ${member(2, 1)}] }`, 'Every member must hold.'),
    snippet(
      'group sized by load',
      `{ of: [${member(1, 0)}, ${member(2, 1)}, ${member(3, 2)}], capacity: \${4:400}, load: { peak: \${5:1000}, normal: \${6:300} } }`,
      'Enough members must hold to carry the load: ceil(load / capacity) of them, at peak and off-peak.',
    ),
  ];
}

function completeValue(key: string, typed: string, replaceSpan: Span, schema: JsonSchema): CompletionItem[] {
  if (key === 'kind') {
    return knownKinds.map((kind) => ({ label: kind, kind: 'kind' as const, insertText: kind, replaceSpan, detail: 'component kind' }));
  }
  if (durationKeys.has(key)) {
    const number = /^\d+(?:\.\d+)?$/.exec(typed)?.[0];
    if (number) {
      return durationUnits.map(([unit, name], i) => ({ label: `${number}${unit}`, kind: 'value' as const, detail: name, insertText: `${number}${unit}`, replaceSpan, sortText: String(i) }));
    }
    const examples = key === 'mtbf' ? ['8760h', '50000h', '5y'] : key === 'mttr' ? ['30m', '4h', '1d'] : ['30s', '2m', '5m'];
    return examples.map((value) => ({ label: value, kind: 'value' as const, detail: describeKey(schema, key), insertText: value, replaceSpan }));
  }
  if (availabilityKeys.has(key)) {
    return ['99%', '99.5%', '99.9%', '99.95%', '99.99%', '99.999%'].map((value, i) => ({
      label: value,
      kind: 'value' as const,
      detail: `${key}: down ${describeDowntime(value)} a year`,
      insertText: value,
      replaceSpan,
      sortText: String(i),
    }));
  }
  const probabilities = probabilityExamples.get(key);
  if (probabilities) return probabilities.map((value, i) => ({ label: value, kind: 'value' as const, insertText: value, replaceSpan, sortText: String(i) }));
  if (key === 'replicas' || key === 'quorum') {
    return ['2', '3'].map((value) => ({ label: value, kind: 'value' as const, insertText: value, replaceSpan }));
  }
  return [];
}

function describeDowntime(percent: string): string {
  const minutes = (1 - Number(percent.replace('%', '')) / 100) * 525600;
  return minutes >= 120 ? `${(minutes / 60).toFixed(1)} h` : `${minutes.toFixed(1)} min`;
}

function completeKeys(path: readonly string[], existing: readonly string[], replaceSpan: Span, schema: JsonSchema): CompletionItem[] {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  let properties: Record<string, JsonSchema> | undefined;
  if (path.length === 0) properties = schema.properties as Record<string, JsonSchema>;
  else if (path.length === 2 && path[0] === 'components') properties = definitions.component?.properties as Record<string, JsonSchema>;
  else if (path.length === 2 && path[0] === 'services') properties = definitions.service?.properties as Record<string, JsonSchema>;
  else if (path.length === 2 && path[0] === 'defaults') properties = definitions.failureData?.properties as Record<string, JsonSchema>;
  else if (path.length === 1 && path[0] === 'defaults') {
    return knownKinds.filter((k) => !existing.includes(k)).map((kind) => ({ label: kind, kind: 'kind' as const, insertText: `${kind}: { mtbf: \${1:50000h}, mttr: \${2:4h} }`, isSnippet: true, replaceSpan, detail: 'failure data for this kind' }));
  }
  if (!properties) return [];
  const place = path.length === 0 ? 'top' : path[0] === 'components' ? 'component' : path[0] === 'services' ? 'service' : 'other';
  return Object.entries(properties)
    .filter(([key]) => !existing.includes(key))
    .map(([key, property], i) => {
      const snippet = keySnippets.get(`${place}:${key}`);
      return {
        label: key,
        kind: 'key' as const,
        detail: resolveTitle(schema, property),
        documentation: describeKeyOf(schema, property) ?? snippet?.documentation,
        insertText: snippet?.insertText ?? `${key}: `,
        ...(snippet ? { isSnippet: true } : {}),
        replaceSpan,
        sortText: String(i).padStart(3, '0'),
      };
    });
}

function resolve(schema: JsonSchema, property: JsonSchema): JsonSchema {
  if (typeof property.$ref !== 'string') return property;
  const target = property.$ref.replace(/^#\//, '').split('/').reduce<JsonSchema | undefined>((at, key) => at?.[key] as JsonSchema | undefined, schema);
  return { ...(target ? resolve(schema, target) : {}), ...property };
}

function resolveTitle(schema: JsonSchema, property: JsonSchema): string | undefined {
  const resolved = resolve(schema, property);
  return typeof resolved.title === 'string' ? resolved.title : undefined;
}

function describeKeyOf(schema: JsonSchema, property: JsonSchema): string | undefined {
  const resolved = resolve(schema, property);
  return typeof resolved.markdownDescription === 'string' ? resolved.markdownDescription : typeof resolved.description === 'string' ? resolved.description : undefined;
}

function describeKey(schema: JsonSchema, key: string): string | undefined {
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  const definition = definitions[key];
  return definition && typeof definition.description === 'string' ? definition.description : undefined;
}
