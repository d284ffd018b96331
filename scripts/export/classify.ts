import {scrub} from '../lib/git.ts'
import {parseRetryAfter, RetryableError} from './retry.ts'
import {SourceError} from './source.ts'

/**
 * Sorts a failed request into "try again" (rate limits, server errors, timeouts,
 * dropped or cut-off answers) and "stop" (authentication, bad requests), with a
 * message a person can act on. The token is removed from anything reported.
 */
export function classify(
  error: unknown,
  what: string,
  timeoutMs: number,
  secrets: readonly string[],
): Error {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >
  const message = scrub(error instanceof Error ? error.message : String(error), secrets)
  const status = typeof record['statusCode'] === 'number' ? record['statusCode'] : undefined
  if (status !== undefined) {
    const response = record['response'] as {headers?: Record<string, string>} | undefined
    const retryAfter = parseRetryAfter(response?.headers?.['retry-after'], Date.now())
    if (status === 401 || status === 403)
      return new SourceError(
        `${what} was refused (HTTP ${status}): set SANITY_API_READ_TOKEN to a token that may read this dataset`,
      )
    if (status === 429 || status >= 500)
      return new RetryableError(`${what} failed: HTTP ${status} ${message}`.trim(), retryAfter)
    return new SourceError(`${what} failed: HTTP ${status} ${message}`.trim())
  }
  const name = error instanceof Error ? error.name : ''
  const code = typeof record['code'] === 'string' ? record['code'] : ''
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    /TIMEDOUT/.test(code) ||
    /timed? ?out/i.test(message)
  )
    return new RetryableError(`${what} timed out after ${seconds(timeoutMs)}`)
  if (error instanceof SyntaxError || /JSON/i.test(message))
    return new RetryableError(`${what} returned an incomplete or malformed answer (${message})`)
  if (/^E[A-Z]+$/.test(code) || /socket|network|fetch failed|terminated|aborted/i.test(message))
    return new RetryableError(`${what} failed: ${message}${code ? ` (${code})` : ''}`)
  return new SourceError(`${what} failed: ${message}`)
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}
