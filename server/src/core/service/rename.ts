import type { Span } from '../text/span';
import type { EditorIndex } from './editorIndex';
import { findOccurrences } from './locate';

const idPattern = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export type RenameResult = { readonly ok: true; readonly edits: readonly { span: Span; newText: string }[] } | { readonly ok: false; readonly message: string };

/** Renames an id at its definition and every reference, after checking the new id is valid and free. */
export function renameId(index: EditorIndex, id: string, newId: string): RenameResult {
  if (!idPattern.test(newId)) {
    return { ok: false, message: `"${newId}" is not a valid id: start with a letter, then letters, digits, "_", "." or "-".` };
  }
  if (newId !== id && index.entities.some((e) => e.id === newId)) {
    return { ok: false, message: `"${newId}" is already used; components and services share one namespace.` };
  }
  if (!index.entities.some((e) => e.id === id)) return { ok: false, message: `"${id}" is not defined in this file.` };
  return { ok: true, edits: findOccurrences(index, id).map((o) => ({ span: o.span, newText: newId })) };
}
