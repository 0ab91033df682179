/**
 * The index of the last value in a rising list that is at most `value`, by binary search;
 * -1 when every value is above it. Line starts and piece labels are looked up this way.
 */
export function findLastAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  let low = -1;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}
