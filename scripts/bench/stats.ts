/** Several runs of one measure: the raw samples and their median, min and max. */
export interface Series {
  n: number
  median: number
  min: number
  max: number
  samples: number[]
}

export function series(samples: readonly number[]): Series {
  if (samples.length === 0) throw new Error('a series needs at least one sample')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
  return {
    n: samples.length,
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    samples: samples.map((value) => round(value)),
  }
}

/** The value at quantile q (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] as number
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export interface RunLimits {
  /** At most this many runs. */
  runs: number
  /** No new run starts once the runs so far took this long (at least one always runs). */
  budgetMs: number
}

/**
 * Repeats `run` up to `limits.runs` times, stopping early once the time budget is
 * spent, so a slow size (10,000 posts before its hot paths are fixed) still
 * finishes while fast sizes get every run.
 */
export async function repeat<T>(
  limits: RunLimits,
  run: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = []
  const start = performance.now()
  while (results.length < limits.runs) {
    if (results.length > 0 && performance.now() - start >= limits.budgetMs) break
    results.push(await run(results.length))
  }
  return results
}
