import type { MapEntry } from '../parse/syntax';
import { findEntry } from '../parse/syntax';
import type { ReadContext } from './readContext';
import { readDuration } from './readFailure';
import type { Maintenance } from './types';

/** Reads `maintenance: { every, duration }`; a window as long as its period is an error. */
export function readMaintenance(entry: MapEntry | undefined, context: ReadContext): Maintenance | undefined {
  const node = entry?.value;
  if (!entry || node?.kind !== 'map') return undefined;
  const read = (key: 'every' | 'duration'): number | undefined => readDuration(findEntry(node, key)?.value, `maintenance ${key}`, context);
  const everyHours = read('every');
  const durationHours = read('duration');
  if (everyHours === undefined || durationHours === undefined) return undefined;
  if (durationHours >= everyHours) {
    context.diagnostics.push({
      code: 'invalid-maintenance',
      severity: 'error',
      message: 'A maintenance window must be shorter than the time between windows (duration < every).',
      span: findEntry(node, 'duration')!.value!.span,
    });
    return undefined;
  }
  return { everyHours, durationHours, span: entry.keySpan };
}
