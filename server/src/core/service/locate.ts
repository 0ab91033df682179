import type { Span } from '../text/span';
import type { EditorIndex, EntityInfo } from './editorIndex';

const idCharacter = /[A-Za-z0-9_.-]/;

/** An id under the cursor: a definition or a reference, found in the index or by name. */
export interface IdAtCursor {
  readonly id: string;
  /** Where the id is in the current text. */
  readonly span: Span;
  readonly entity: EntityInfo | undefined;
  readonly isDefinition: boolean;
}

/**
 * Finds the id at an offset of the current text. When the index was built from this very
 * text its spans decide; when the text has moved on since, the word under the cursor is
 * looked up by name, so hovers and jumps keep working while an analysis is still running.
 */
export function findIdAt(index: EditorIndex, text: string, offset: number, indexIsCurrent: boolean): IdAtCursor | undefined {
  const word = findWordAt(text, offset);
  if (!word) return undefined;
  const entity = index.entities.find((e) => e.id === word.text);
  if (indexIsCurrent) {
    const definition = index.entities.find((e) => e.idSpan.start === word.span.start && e.idSpan.end === word.span.end);
    if (definition) return { id: definition.id, span: definition.idSpan, entity: definition, isDefinition: true };
    // A reference reached through an alias is not at the cursor: the alias is, and it may stand for many ids.
    const reference = index.references.find((r) => !r.origin && r.span.start <= offset && offset <= r.span.end);
    if (reference) return { id: reference.id, span: reference.span, entity: index.entities.find((e) => e.id === reference.id), isDefinition: false };
    return undefined;
  }
  if (!entity) return undefined;
  return { id: entity.id, span: word.span, entity, isDefinition: false };
}

export function findWordAt(text: string, offset: number): { text: string; span: Span } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && idCharacter.test(text.charAt(start - 1))) start--;
  while (end < text.length && idCharacter.test(text.charAt(end))) end++;
  if (start === end || !/[A-Za-z]/.test(text.charAt(start))) return undefined;
  return { text: text.slice(start, end), span: { start, end } };
}

/** Every place an id occurs: its definition first, then its references in order. */
export function findOccurrences(index: EditorIndex, id: string): { span: Span; isDefinition: boolean }[] {
  const entity = index.entities.find((e) => e.id === id);
  const references = index.references.filter((r) => r.id === id).map((r) => ({ span: r.span, isDefinition: false }));
  references.sort((a, b) => a.span.start - b.span.start);
  return entity ? [{ span: entity.idSpan, isDefinition: true }, ...references] : references;
}
