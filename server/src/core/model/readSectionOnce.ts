import type { Diagnostic } from '../diagnostics';
import { haveSameEntries, type MapEntry } from '../parse/syntax';
import { isClean, recordOf, type ReadRecord, type ReadValue, type Rejections } from './readEntryOnce';
import type { Component, Service } from './types';

/**
 * What reading one section (components or services) gave last time: the entries the parser
 * gave, each entry read with its record (see readEntryOnce), in order, and the map of values.
 */
export interface SectionRead<T extends ReadValue> {
  readonly entries: readonly MapEntry[];
  readonly read: { readonly entry: MapEntry; record: ReadRecord }[];
  readonly values: ReadonlyMap<string, T>;
}

/**
 * What buildModel keeps of a document's last model, one per document: its sections as read,
 * and each component's own `commonCause` entry (found from the components' entries alone).
 */
export class ModelMemo {
  components: SectionRead<Component> | undefined;
  ownCommonCause: readonly { readonly id: string; readonly entry: MapEntry }[] = [];
  services: SectionRead<Service> | undefined;
  /** Which sections the last build read again at the cost of a comparison, for tests. */
  lastBuild = { componentsReadAgain: false, servicesReadAgain: false };
}

/**
 * Records how a section was read, entry by entry: undefined where an entry read has no
 * record (a value inside it was rejected), since the next version could not read it again.
 */
export function recordSection<T extends ReadValue>(entries: readonly MapEntry[], readEntries: readonly MapEntry[], values: ReadonlyMap<string, T>): SectionRead<T> | undefined {
  const read: SectionRead<T>['read'] = [];
  for (const entry of readEntries) {
    const record = recordOf(entry);
    if (!record) return undefined;
    read.push({ entry, record });
  }
  return { entries, read, values };
}

/**
 * A section's values as reading it entry by entry would give them, at the cost of a
 * comparison, where the parser gave the very same entry objects in the same order: the same
 * entries are then read (which are ids, and which come twice, follow from their keys), and
 * each value is the last one unless what it reads beyond its entry changed (`inputsOf`), when
 * `readAgain` reads it (readEntryOnce, which may refigure it). Undefined where the entries
 * differ or a value inside one was rejected: the caller reads the section entry by entry.
 * The last read is updated to this one; the map is the last one where no value changed.
 */
export function readSectionAgain<T extends ReadValue>(
  last: SectionRead<T> | undefined,
  entries: readonly MapEntry[],
  rejections: Rejections,
  diagnostics: Diagnostic[],
  inputsOf: (value: T) => string,
  readAgain: (entry: MapEntry, inputs: string) => T,
): SectionRead<T> | undefined {
  // The parser gives a section whose entries all came again as the same list (see IncrementalParser.placeSection).
  if (!last || !haveSameEntries(last.entries, entries)) return undefined;
  // A record stays right for its entry and inputs: only a value rejected now stops its use.
  for (const { entry } of last.read) if (!isClean(entry, rejections)) return undefined;
  let changed = false;
  for (const item of last.read) {
    const { entry, record } = item;
    const inputs = inputsOf(record.value as T);
    if (inputs === record.inputs) {
      if (record.diagnostics.length > 0) diagnostics.push(...record.diagnostics);
      continue;
    }
    readAgain(entry, inputs);
    changed = true;
    // Refigured, the record holds the new value; read again, the entry has a new record.
    item.record = recordOf(entry)!;
  }
  // One object shape for every SectionRead (a spread would make another): its readers stay optimized.
  if (!changed) return { entries, read: last.read, values: last.values };
  // Set one by one: a map made from a map goes through an entry array per entry.
  const values = new Map<string, T>();
  for (const { entry, record } of last.read) values.set(entry.key, record.value as T);
  return { entries, read: last.read, values };
}
