import { pieceOf } from '../parse/parseIncrementally';
import { setPlainProperty, toPlainValue, type MapEntry, type MapNode, type SyntaxNode } from '../parse/syntax';

/** Yes/no checks of one entry of `components` or `services`, and of an id (see SchemaChecks). */
export interface EntryChecks {
  readonly component: (data: unknown) => boolean;
  readonly service: (data: unknown) => boolean;
  readonly id: (data: unknown) => boolean;
}

/**
 * Verdicts remembered per section: the same text is a valid component and an invalid service.
 * Keyed by piece (see pieceOf), so they go when the parser forgets the piece.
 */
export interface EntryVerdicts {
  readonly components: WeakMap<object, boolean>;
  readonly services: WeakMap<object, boolean>;
  /**
   * What is left of each section checked. An IncrementalParser gives a section again as the
   * very same node while none of its entries changed (see IncrementalParser.placeSection).
   */
  readonly sections: WeakMap<MapNode, Record<string, unknown>>;
}

/**
 * The document as plain data for the schema, with every entry of `components` and `services`
 * that is valid on its own left out.
 *
 * The schema constrains those two maps entry by entry (each key is an id, each value a
 * component or a service) and never as a whole, so the document is valid exactly when what is
 * left is, and ajv finds the same errors in what is left as in the whole: the errors of the
 * entries left in, at the same paths. An entry's verdict is remembered by the piece of text
 * it was parsed from (see pieceOf), so after an edit only the entries it changed are checked
 * and converted again; everything else is left out without being read.
 */
export function pruneValidEntries(root: SyntaxNode, checks: EntryChecks, verdicts: EntryVerdicts): unknown {
  if (root.kind !== 'map') return toPlainValue(root);
  const result: Record<string, unknown> = {};
  for (const entry of root.entries) {
    if (Object.prototype.hasOwnProperty.call(result, entry.key)) continue;
    const section = entry.key === 'components' ? { check: checks.component, verdicts: verdicts.components } : entry.key === 'services' ? { check: checks.service, verdicts: verdicts.services } : undefined;
    const value = section && entry.value?.kind === 'map' ? pruneSectionOnce(entry.value, section.check, checks.id, section.verdicts, verdicts.sections) : toPlainValue(entry.value);
    setPlainProperty(result, entry.key, value);
  }
  return result;
}

/** What is left of a section: nothing of it is read again where it is the node checked last time (no one changes what is left). */
function pruneSectionOnce(section: MapNode, check: (data: unknown) => boolean, isId: (data: unknown) => boolean, verdicts: WeakMap<object, boolean>, sections: WeakMap<MapNode, Record<string, unknown>>): Record<string, unknown> {
  let left = sections.get(section);
  if (!left) sections.set(section, (left = pruneSection(section, check, isId, verdicts)));
  return left;
}

function pruneSection(section: MapNode, check: (data: unknown) => boolean, isId: (data: unknown) => boolean, verdicts: WeakMap<object, boolean>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // The first of duplicate keys wins, as in toPlainValue: a later duplicate is never checked,
  // even where the first was left out.
  const seen = new Set<string>();
  for (const entry of section.entries) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    if (isValidEntry(entry, check, isId, verdicts)) continue;
    setPlainProperty(result, entry.key, toPlainValue(entry.value));
  }
  return result;
}

function isValidEntry(entry: MapEntry, check: (data: unknown) => boolean, isId: (data: unknown) => boolean, verdicts: WeakMap<object, boolean>): boolean {
  const piece = pieceOf(entry);
  const known = verdicts.get(piece);
  if (known !== undefined) return known;
  const valid = isId(entry.key) && check(toPlainValue(entry.value));
  verdicts.set(piece, valid);
  return valid;
}
