import {classify} from './classify.ts'
import {parseRetryAfter, RetryableError, type RetryPolicy, withRetries} from './retry.ts'
import {AssetError} from './source.ts'

export interface DownloadOptions {
  timeoutMs: number
  retry: RetryPolicy
}

/** Downloads one image, retrying rate limits, server errors and timeouts a bounded number of times. */
export function download(url: string, name: string, options: DownloadOptions): Promise<Uint8Array> {
  return withRetries(async () => {
    let response: Response
    try {
      response = await fetch(url, {signal: AbortSignal.timeout(options.timeoutMs)})
    } catch (error) {
      throw classify(error, `download of ${name}`, options.timeoutMs, [])
    }
    if (response.status === 429 || response.status >= 500)
      throw new RetryableError(
        `download of ${name} failed: HTTP ${response.status}`,
        parseRetryAfter(response.headers.get('retry-after'), Date.now()),
      )
    if (!response.ok)
      throw new AssetError(`download of ${name} from ${url} failed: HTTP ${response.status}`)
    try {
      return new Uint8Array(await response.arrayBuffer())
    } catch (error) {
      throw classify(error, `download of ${name}`, options.timeoutMs, [])
    }
  }, options.retry).catch((error: unknown) => {
    if (error instanceof RetryableError) throw new AssetError(error.message)
    if (error instanceof Error && !(error instanceof AssetError))
      throw new AssetError(error.message)
    throw error
  })
}

/** The same path on another host, e.g. the CDN's on a local server in tests. */
export function rehost(url: string, host: string | undefined): string {
  if (host === undefined) return url
  const parsed = new URL(url)
  return `${host.replace(/\/+$/, '')}${parsed.pathname}${parsed.search}`
}
