import { maxLabel } from './placement';
import type { MapEntry } from './syntax';

/** A piece of text as the IncrementalParser places it: its entry stands at `label` (0: not yet placed). */
export interface Labelled {
  label: number;
  entry?: MapEntry | undefined;
}

/**
 * Gives the pieces of one text rising labels, in the text's order, keeping every label it
 * can: a piece that kept its label keeps its tree, so text typed above a piece moves nothing
 * but the offset the placement gives its label.
 *
 * A piece keeps its label while the labels kept so far stay rising, unless the next labelled
 * piece would then have to give up its own (one entry moved up past many keeps theirs). The
 * others get labels spread evenly over the gap between the labels kept around them; a new
 * piece typed between two others takes the middle of their gap, so typing inside one entry
 * takes the same label keystroke after keystroke. Only when a gap is used up (about fifteen
 * new pieces inserted one after another at one place, on a file of 10,000) are all pieces
 * labelled afresh, which moves every tree once.
 */
export function labelPieces(pieces: readonly Labelled[]): Float64Array {
  const count = pieces.length;
  const labels = new Float64Array(count);
  const kept = new Uint8Array(count);
  // The label of the next piece that has one, for each piece: read backwards once.
  const nextLabel = new Float64Array(count);
  for (let i = count - 2; i >= 0; i--) {
    const label = pieces[i + 1]!.label;
    nextLabel[i] = label > 0 && label <= maxLabel ? label : nextLabel[i + 1]!;
  }
  let last = 0;
  for (let i = 0; i < count; i++) {
    const label = pieces[i]!.label;
    if (label <= last || label > maxLabel) continue;
    const next = nextLabel[i]!;
    if (next > last && next < label) continue;
    kept[i] = 1;
    labels[i] = label;
    last = label;
  }
  if (!spreadBetweenKept(labels, kept)) {
    kept.fill(0);
    spreadBetweenKept(labels, kept);
  }
  return labels;
}

/** Labels each run of pieces not kept evenly between the kept labels around it; false when a gap is too small. */
function spreadBetweenKept(labels: Float64Array, kept: Uint8Array): boolean {
  let i = 0;
  while (i < labels.length) {
    if (kept[i]) {
      i++;
      continue;
    }
    const first = i;
    while (i < labels.length && !kept[i]) i++;
    const low = first === 0 ? 0 : labels[first - 1]!;
    const high = i === labels.length ? maxLabel + 1 : labels[i]!;
    const run = i - first;
    if (high - low - 1 < run) return false;
    const step = (high - low) / (run + 1);
    for (let j = 0; j < run; j++) labels[first + j] = low + Math.floor(step * (j + 1));
  }
  return true;
}
