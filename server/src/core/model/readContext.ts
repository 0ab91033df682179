import type { Diagnostic } from '../diagnostics';
import type { Span } from '../text/span';

/**
 * What the model's readers share: where their diagnostics go, and which values an earlier
 * stage (the schema) already rejected. A rejected value is never used, so the figures never
 * rest on a value the editor shows as an error.
 */
export interface ReadContext {
  readonly diagnostics: Diagnostic[];
  readonly rejected: (span: Span) => boolean;
  /** The share of the time at peak load (the top-level `peakShare`), for load findings. */
  readonly peakShare?: number;
}
