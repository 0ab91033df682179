import type { DiagnosticCode } from '../diagnostics';
import { isId } from '../model/isId';
import type { Span } from '../text/span';
import type { EditorIndex, EntityInfo } from './editorIndex';
import { findIdAt } from './locate';
import { findIdText } from './rename';
import { isBlankTopology, skeletonText } from './skeleton';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor.rewrite';
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
  /** Index into the diagnostics passed in, for the diagnostic this action fixes. */
  readonly fixes?: number;
}

export interface DiagnosticInContext {
  readonly code: DiagnosticCode | string;
  readonly span: Span;
  readonly data?: { readonly [key: string]: unknown };
}

/**
 * Quick fixes for the diagnostics under the cursor, and the one refactoring that makes a
 * plain requirement redundant. Edits are computed on the text the index was built from.
 */
export function listCodeActions(index: EditorIndex, text: string, range: Span, diagnostics: readonly DiagnosticInContext[]): CodeAction[] {
  const actions: CodeAction[] = [];
  diagnostics.forEach((diagnostic, i) => {
    if (diagnostic.code === 'unknown-reference') {
      // The id and where it is written come with the diagnostic: through an alias, the
      // diagnostic sits on the alias, but the misspelt id is in the anchor's definition.
      const missing = typeof diagnostic.data?.id === 'string' ? diagnostic.data.id : text.slice(diagnostic.span.start, diagnostic.span.end);
      const written = isSpan(diagnostic.data?.textSpan) ? diagnostic.data.textSpan : diagnostic.span;
      const place = findIdText(text, written, missing);
      const suggestion = typeof diagnostic.data?.suggestion === 'string' ? diagnostic.data.suggestion : undefined;
      if (suggestion && place) actions.push({ title: `Change to "${suggestion}"`, kind: 'quickfix', isPreferred: true, fixes: i, edits: [{ span: place, newText: suggestion }] });
      const stub = createComponentStub(index, text, missing);
      if (stub) actions.push({ title: `Create component "${missing}"`, kind: 'quickfix', fixes: i, edits: [stub] });
    }
    // A misspelt key, kind or duration unit: write what it most likely meant where the text
    // itself is written, once, if the text there is still what was misspelt.
    const written = typeof diagnostic.data?.written === 'string' ? diagnostic.data.written : typeof diagnostic.data?.key === 'string' ? diagnostic.data.key : undefined;
    if (diagnostic.code !== 'unknown-reference' && typeof diagnostic.data?.suggestion === 'string' && written !== undefined && isSpan(diagnostic.data.textSpan)) {
      const place = findIdText(text, diagnostic.data.textSpan, written);
      const suggestion = diagnostic.data.suggestion;
      if (place && !isShared(index, place)) actions.push({ title: `Change to "${suggestion}"`, kind: 'quickfix', isPreferred: true, fixes: i, edits: [{ span: place, newText: suggestion }] });
    }
    if (diagnostic.code === 'schema' && diagnostic.data?.empty === true && isBlankTopology(text)) {
      actions.push({ title: 'Start from a skeleton topology', kind: 'quickfix', isPreferred: true, fixes: i, edits: [{ span: { start: text.length, end: text.length }, newText: `${text.length > 0 && !text.endsWith('\n') ? '\n' : ''}${skeletonText}` }] });
    }
    if (diagnostic.code === 'single-point-of-failure') {
      const ids = new Set<string>();
      if (typeof diagnostic.data?.component === 'string') ids.add(diagnostic.data.component);
      if (Array.isArray(diagnostic.data?.spofs)) for (const spof of diagnostic.data.spofs as string[]) ids.add(spof.replace(/#\d+$/, ''));
      for (const id of ids) {
        const entity = index.entities.find((e) => e.id === id && e.type === 'component');
        const edit = entity && addReplica(index, entity, text);
        if (edit) actions.push({ title: `Add a replica to "${id}" (replicas: ${entity.replicas + 1})`, kind: 'quickfix', fixes: i, edits: [edit] });
      }
    }
  });
  const target = findIdAt(index, text, range.start, true);
  if (target && !target.isDefinition && target.entity) {
    const grouped = makeRedundant(index, text, target.entity, target.span);
    if (grouped) actions.push(grouped);
  }
  return actions;
}

/** True when the span lies inside text that an anchor shares with its aliases. */
function isShared(index: EditorIndex, span: Span): boolean {
  return index.sharedSpans.some((shared) => shared.start <= span.start && span.end <= shared.end);
}

function isSpan(value: unknown): value is Span {
  return typeof value === 'object' && value !== null && typeof (value as Span).start === 'number' && typeof (value as Span).end === 'number';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/**
 * Inserts `replicas: 2`, or raises the count, keeping the body's own style. A body or a
 * count that comes through an alias is shared text: changing it would change every entity
 * that uses the anchor, so the fix is not offered there.
 */
function addReplica(index: EditorIndex, entity: EntityInfo, text: string): TextEdit | undefined {
  if (entity.bodyAliased || entity.replicasAliased || isShared(index, entity.bodySpan)) return undefined;
  if (entity.replicasSpan) return text.slice(entity.replicasSpan.start, entity.replicasSpan.end) === String(entity.replicas) ? { span: entity.replicasSpan, newText: String(entity.replicas + 1) } : undefined;
  if (entity.flow) {
    const close = text.lastIndexOf('}', entity.bodySpan.end);
    if (close < entity.bodySpan.start) return undefined;
    const before = text.slice(entity.bodySpan.start + 1, close).trim();
    const at = text.charAt(close - 1) === ' ' ? close - 1 : close;
    return { span: { start: at, end: at }, newText: `${before ? ', ' : ' '}replicas: 2${text.charAt(close - 1) === ' ' ? '' : ' '}` };
  }
  if (entity.bodySpan.start === entity.idSpan.start) return undefined;
  const indent = ' '.repeat(columnOf(text, entity.bodySpan.start));
  const lineEnd = text.indexOf('\n', entity.idSpan.end);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return { span: { start: at, end: at }, newText: `\n${indent}replicas: 2` };
}

/** Appends a component with placeholder failure data at the end of `components`. */
function createComponentStub(index: EditorIndex, text: string, id: string): TextEdit | undefined {
  if (!isId(id) || index.entities.some((e) => e.id === id)) return undefined;
  const section = index.sections.find((s) => s.key === 'components');
  const last = [...index.entities].filter((e) => e.type === 'component').sort((a, b) => b.span.end - a.span.end)[0];
  if (!section) return undefined;
  const indent = ' '.repeat(last ? columnOf(text, last.idSpan.start) : 2);
  const at = last ? last.span.end : section.keySpan.end + 1;
  const body = `\n${indent}${id}:\n${indent}  kind: other\n${indent}  mtbf: 8760h\n${indent}  mttr: 4h`;
  return { span: { start: at, end: at }, newText: last ? body : `${body}` };
}

/** Replaces a requirement `x` by `{ any: [x, x-2] }` and defines `x-2` as a copy of `x`. */
function makeRedundant(index: EditorIndex, text: string, entity: EntityInfo, referenceSpan: Span): CodeAction | undefined {
  if (entity.type !== 'component') return undefined;
  // The reference must be the id as written, and the copied body the entity's own text.
  if (text.slice(referenceSpan.start, referenceSpan.end) !== entity.id || entity.bodyAliased) return undefined;
  // A reference inside anchored text is required wherever the anchor is used; a copy of a body
  // that defines an anchor would redefine it. Neither is what "make this one redundant" means.
  if (isShared(index, referenceSpan) || index.sharedSpans.some((shared) => shared.start < entity.span.end && shared.end > entity.span.start)) return undefined;
  let copy = `${entity.id}-2`;
  for (let n = 3; index.entities.some((e) => e.id === copy); n++) copy = `${entity.id}-${n}`;
  const definitionStart = lineStartOf(text, entity.idSpan.start);
  const prefix = text.slice(definitionStart, entity.idSpan.start);
  if (prefix.trim() !== '') return undefined; // Only ids that start their own line can be copied cleanly.
  const definition = text.slice(definitionStart, entity.span.end);
  const copied = prefix + copy + definition.slice(prefix.length + entity.id.length);
  return {
    title: `Make "${entity.id}" redundant: require any of "${entity.id}" and a copy "${copy}"`,
    kind: 'refactor.rewrite',
    edits: [
      { span: referenceSpan, newText: `{ any: [${entity.id}, ${copy}] }` },
      { span: { start: entity.span.end, end: entity.span.end }, newText: `\n${copied}` },
    ],
  };
}
