import { firstLabel, labelsEnd } from './placement';
import type { MapEntry } from './syntax';

/**
 * A piece of text as the IncrementalParser places it: its positions run from `label` to
 * `label + length` (label 0: not placed yet).
 */
export interface Labelled {
  label: number;
  readonly length: number;
  entry?: MapEntry | undefined;
}

/**
 * Gives the pieces of one text rising labels, in the text's order, each past the end of the
 * piece before, keeping every label it can: a piece that kept its label keeps its tree, so
 * text typed above a piece moves nothing but the offset the placement gives its label.
 *
 * A piece keeps its label while it lies past the last piece kept, unless the next labelled
 * piece would then have to give up its own (one entry moved up past many keeps theirs). The
 * others are spread evenly over the room between the pieces kept around them; a new piece
 * typed between two others goes in the middle of the room between them. A first parse spreads
 * the pieces over the whole range, about 2,500 positions for each character of a 10,000-
 * component file, so it takes about a dozen new pieces inserted one after another at one
 * place to use up the room there; then all pieces are labelled afresh, which moves every tree
 * once. Undefined when even that does not fit (a text longer than the range).
 */
export function labelPieces(pieces: readonly Labelled[]): Float64Array | undefined {
  const count = pieces.length;
  const labels = new Float64Array(count);
  const kept = new Uint8Array(count);
  // The label of the next piece that has one, for each piece: read backwards once.
  const nextLabel = new Float64Array(count);
  for (let i = count - 2; i >= 0; i--) {
    const label = pieces[i + 1]!.label;
    nextLabel[i] = label > 0 ? label : nextLabel[i + 1]!;
  }
  // The first position past the last piece kept.
  let free = firstLabel;
  for (let i = 0; i < count; i++) {
    const label = pieces[i]!.label;
    if (label < free || label + roomOf(pieces[i]!) > labelsEnd) continue;
    const next = nextLabel[i]!;
    if (next >= free && next < label) continue;
    kept[i] = 1;
    labels[i] = label;
    free = label + roomOf(pieces[i]!);
  }
  if (spreadBetweenKept(pieces, labels, kept)) return labels;
  kept.fill(0);
  return spreadBetweenKept(pieces, labels, kept) ? labels : undefined;
}

/** A piece's positions, its end included: the next piece starts past it, so an end is never another's start. */
function roomOf(piece: Labelled): number {
  return piece.length + 1;
}

/** Spreads each run of pieces not kept evenly over the room between the kept ones around it; false when a run does not fit. */
function spreadBetweenKept(pieces: readonly Labelled[], labels: Float64Array, kept: Uint8Array): boolean {
  let i = 0;
  while (i < labels.length) {
    if (kept[i]) {
      i++;
      continue;
    }
    const first = i;
    let needed = 0;
    while (i < labels.length && !kept[i]) needed += roomOf(pieces[i++]!);
    const low = first === 0 ? firstLabel : labels[first - 1]! + roomOf(pieces[first - 1]!);
    const high = i === labels.length ? labelsEnd : labels[i]!;
    if (high - low < needed) return false;
    const gap = Math.floor((high - low - needed) / (i - first + 1));
    let at = low + gap;
    for (let j = first; j < i; j++) {
      labels[j] = at;
      at += roomOf(pieces[j]!) + gap;
    }
  }
  return true;
}
