/** An attempt failed in a way that may pass: the caller tries again after a pause. */
export class RetryableError extends Error {
  override name = 'RetryableError'
  /** What the server asked for (Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined

  constructor(message: string, retryAfterMs?: number) {
    super(message)
    this.retryAfterMs = retryAfterMs
  }
}

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number
  /** Pause before the second attempt; doubled for each further one. */
  baseDelayMs: number
  /** Longest pause, including a server's Retry-After: a longer one ends the run instead. */
  maxDelayMs: number
  sleep?: (ms: number) => Promise<void>
  /** Told about each retry, e.g. to print it. */
  onRetry?: (error: RetryableError, attempt: number, delayMs: number) => void
}

export const DEFAULT_RETRY: RetryPolicy = {attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs `attempt` until it succeeds, throws a non-retryable error, or the attempts
 * are used up (then the last error is thrown, with the count in its message).
 * Pauses double each time; a server's Retry-After is honoured when it is longer.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep
  for (let n = 1; ; n++) {
    try {
      return await attempt(n)
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error
      if (n >= policy.attempts)
        throw new RetryableError(
          `${error.message} (gave up after ${n} attempts)`,
          error.retryAfterMs,
        )
      const backoff = policy.baseDelayMs * 2 ** (n - 1)
      const delay = Math.max(backoff, error.retryAfterMs ?? 0)
      if (delay > policy.maxDelayMs)
        throw new RetryableError(
          `${error.message} (the server asked to wait ${Math.ceil(delay / 1000)} s, longer than the ${Math.ceil(policy.maxDelayMs / 1000)} s allowed)`,
          error.retryAfterMs,
        )
      policy.onRetry?.(error, n, delay)
      await sleep(delay)
    }
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
