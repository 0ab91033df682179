import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDocument, createSchemaValidator, type DocumentAnalysis, type DocumentOptions, type Placement, type Span } from '../../server/src/core';
import { loadSchema } from '../../server/src/node/packageFiles';

/** The repository root, from the compiled test's place under out/. */
export const repoRoot = join(__dirname, '..', '..', '..');

export const validator = createSchemaValidator(loadSchema());

/** Analyses a text through the core's public entry point, as the server and CLI do. */
export function analyse(text: string, options: Partial<DocumentOptions> = {}): DocumentAnalysis {
  return analyseDocument(text, { validator, ...options });
}

export function readFixture(...parts: string[]): string {
  return readFileSync(join(repoRoot, 'test', 'fixtures', ...parts), 'utf8');
}

/**
 * A clock that advances one millisecond each time it is read. Time limits then count the
 * checks the analysis makes (a measure of work), so a test's outcome never depends on the
 * machine's speed.
 */
export function countingClock(): () => number {
  let now = 0;
  return () => now++;
}

/**
 * A copy of anything derived from a parse (a model, figures) with every span in it turned
 * into text offsets by the parse's placement (see Placement), to compare what an
 * IncrementalParser's trees gave with what a whole parse gives. A span is any object with
 * just `start` and `end`.
 */
export function placeSpans<T>(value: T, placement: Placement): T {
  const place = (item: unknown): unknown => {
    if (item instanceof Map) return new Map([...item].map(([key, entry]) => [key, place(entry)]));
    if (Array.isArray(item)) return item.map(place);
    if (item === null || typeof item !== 'object') return item;
    const keys = Object.keys(item);
    if (keys.length === 2 && typeof (item as Span).start === 'number' && typeof (item as Span).end === 'number') return placement.spanOf(item as Span);
    return Object.fromEntries(keys.map((key) => [key, place((item as Record<string, unknown>)[key])]));
  };
  return place(value) as T;
}
