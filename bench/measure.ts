/** The median time of `repeat` runs after one warm-up run, in milliseconds. */
export function medianMs(run: () => void, repeat = 3): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(repeat / 2)]!;
}
