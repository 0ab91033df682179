import type { MapEntry } from './syntax';

/** How many entries a map reads with a scan for repeated keys before it keeps a set of them. */
const manyKeys = 8;

/**
 * Whether a key is among a map's entries so far: scanned while there are few (most maps
 * have a handful of keys, and a set for every map was a tenth of what a parse allocated),
 * looked up in `keys` once there are many, which keeps a section of thousands linear.
 */
export function isRepeated(entries: readonly MapEntry[], key: string, keys: Set<string> | undefined): boolean {
  if (keys) return keys.has(key);
  for (let i = 0; i < entries.length; i++) if (entries[i]!.key === key) return true;
  return false;
}

/** The set of a map's keys once it has many entries, with the key just read (see isRepeated). */
export function noteKey(entries: readonly MapEntry[], key: string, keys: Set<string> | undefined): Set<string> | undefined {
  if (keys) return keys.add(key);
  return entries.length >= manyKeys ? new Set(entries.map((entry) => entry.key)) : undefined;
}
