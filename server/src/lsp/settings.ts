import { defaultServerSettings, type ServerSettings } from '../protocol';

/**
 * The bounds every setting is held to, whatever the workspace says. Workspace settings come
 * from the folder, which may be untrusted: a limit that could be switched off would let a
 * hostile repository turn an alias bomb back on. Values outside the bounds are clamped;
 * values of the wrong type fall back to the default.
 */
export const settingBounds = {
  debounceMs: { min: 0, max: 5_000 },
  maxBddNodes: { min: 1_000, max: 20_000_000 },
  timeLimitMs: { min: 100, max: 60_000 },
  maxFileSizeKb: { min: 1, max: 51_200 },
  maxNestingDepth: { min: 10, max: 1_000 },
  maxAliasNodes: { min: 100, max: 1_000_000 },
} as const;

const styles = new Set(['inlayHint', 'codeLens', 'off']);
const units = new Set(['auto', 'seconds', 'minutes', 'hours']);

/** Reads the `haTopology` configuration section into settings that are safe to use. */
export function readSettings(value: unknown): ServerSettings {
  const section = asRecord(value);
  const validation = asRecord(section.get('validation'));
  const analysis = asRecord(section.get('analysis'));
  const limits = asRecord(section.get('limits'));
  const inlineFigures = asRecord(section.get('inlineFigures'));
  const defaults = defaultServerSettings;
  const style = inlineFigures.get('style');
  const unit = section.get('downtimeUnit');
  const sla = section.get('defaultSla');
  return {
    validation: { debounceMs: bounded(validation.get('debounceMs'), defaults.validation.debounceMs, settingBounds.debounceMs) },
    analysis: {
      maxBddNodes: bounded(analysis.get('maxBddNodes'), defaults.analysis.maxBddNodes, settingBounds.maxBddNodes),
      timeLimitMs: bounded(analysis.get('timeLimitMs'), defaults.analysis.timeLimitMs, settingBounds.timeLimitMs),
    },
    limits: {
      maxFileSizeKb: bounded(limits.get('maxFileSizeKb'), defaults.limits.maxFileSizeKb, settingBounds.maxFileSizeKb),
      maxNestingDepth: bounded(limits.get('maxNestingDepth'), defaults.limits.maxNestingDepth, settingBounds.maxNestingDepth),
      maxAliasNodes: bounded(limits.get('maxAliasNodes'), defaults.limits.maxAliasNodes, settingBounds.maxAliasNodes),
    },
    inlineFigures: { style: typeof style === 'string' && styles.has(style) ? (style as ServerSettings['inlineFigures']['style']) : defaults.inlineFigures.style },
    downtimeUnit: typeof unit === 'string' && units.has(unit) ? (unit as ServerSettings['downtimeUnit']) : defaults.downtimeUnit,
    defaultSla: typeof sla === 'string' && sla.length <= 32 ? sla : defaults.defaultSla,
  };
}

/** Own properties only, in a Map: a setting named "constructor" or "__proto__" is just unknown. */
function asRecord(value: unknown): Map<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? new Map(Object.entries(value)) : new Map();
}

function bounded(value: unknown, fallback: number, bounds: { readonly min: number; readonly max: number }): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(value)));
}
