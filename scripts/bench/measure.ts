import { performance } from 'node:perf_hooks';

export interface BenchRow {
  name: string;
  ms: number;
  detail: string;
}

/** Median wall time of `runs` calls, after one warm-up call that is not counted. */
export async function medianMs(runs: number, task: () => unknown): Promise<number> {
  await task();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
