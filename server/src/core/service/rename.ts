import type { Span } from '../text/span';
import type { EditorIndex } from './editorIndex';
import { isId } from '../model/isId';

export type RenameResult = { readonly ok: true; readonly edits: readonly { span: Span; newText: string }[] } | { readonly ok: false; readonly message: string };

/**
 * Renames an id at its definition and every reference, after checking the new id is valid
 * and free. Each edit goes where the id is written: a reference reached through a YAML
 * alias is renamed once, in the anchor's definition, never at the alias. Where the text at
 * a place is not the id itself (plain or quoted), nothing is renamed and the message says
 * where, so that a rename can never overwrite anything but the id.
 */
export function renameId(index: EditorIndex, text: string, id: string, newId: string): RenameResult {
  if (!isId(newId)) {
    return { ok: false, message: `"${newId}" is not a valid id: start with a letter, then letters, digits, "_", "." or "-".` };
  }
  if (newId !== id && index.entities.some((e) => e.id === newId)) {
    return { ok: false, message: `"${newId}" is already used; components and services share one namespace.` };
  }
  const definition = index.entities.find((e) => e.id === id);
  if (!definition) return { ok: false, message: `"${id}" is not defined in this file.` };
  const places = [definition.idSpan, ...index.references.filter((r) => r.id === id).map((r) => r.origin ?? r.span)];
  const edits = new Map<string, { span: Span; newText: string }>();
  for (const place of places) {
    const span = findIdText(text, place, id);
    if (!span) {
      return { ok: false, message: `"${id}" cannot be renamed safely: at offset ${place.start} the text is "${text.slice(place.start, Math.min(place.end, place.start + 40))}", not the id itself.` };
    }
    edits.set(`${span.start}:${span.end}`, { span, newText: newId });
  }
  return { ok: true, edits: [...edits.values()].sort((a, b) => a.span.start - b.span.start) };
}

/** The span of the id's own characters at a place: the place itself, or inside its quotes. */
export function findIdText(text: string, place: Span, id: string): Span | undefined {
  const written = text.slice(place.start, place.end);
  if (written === id) return place;
  const quote = written.charAt(0);
  if ((quote === '"' || quote === "'") && written === `${quote}${id}${quote}`) return { start: place.start + 1, end: place.end - 1 };
  return undefined;
}
