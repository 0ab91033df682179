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

/**
 * Medians of two runs measured in alternating rounds (a, b, a, b, …) after one warm-up each,
 * so that both see the same machine load.
 */
export function alternatingMedians(a: () => void, b: () => void, rounds = 5): [number, number] {
  a();
  b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const [k, run] of [a, b].entries()) {
      const start = performance.now();
      run();
      times[k]!.push(performance.now() - start);
    }
  }
  const median = (samples: number[]) => samples.sort((x, y) => x - y)[Math.floor(rounds / 2)]!;
  return [median(times[0]), median(times[1])];
}
