import type { ServiceFigures } from '../../server/src/core';
import { analyse } from './core';

/** Analyses a topology text and returns the figures of one service, failing loudly if absent. */
export function figuresOf(text: string, serviceId = 's'): ServiceFigures {
  const result = analyse(text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`unexpected errors: ${errors.map((e) => e.message).join('; ')}`);
  const figures = result.services?.find((s) => s.id === serviceId);
  if (!figures) throw new Error(`no figures for ${serviceId}`);
  return figures;
}

/** Asserts two numbers agree to a relative tolerance (default: 12 significant digits). */
export function assertClose(actual: number | null, expected: number, relative = 1e-12, label = ''): void {
  if (actual === null) throw new Error(`${label}: expected ${expected}, got null`);
  const scale = Math.max(Math.abs(expected), 1e-300);
  if (Math.abs(actual - expected) / scale > relative) {
    throw new Error(`${label}: expected ${expected}, got ${actual} (relative error ${Math.abs(actual - expected) / scale})`);
  }
}
