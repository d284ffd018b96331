import {createClient, type SanityClient} from '@sanity/client'
import type {AssetPlacement} from '../../converter/types.ts'
import {classify} from './classify.ts'
import {download} from './download.ts'
import type {SanityDocument} from './ndjson.ts'
import {API_VERSION, DOCUMENTS_QUERY, LISTING_QUERY, toListingRow} from './query.ts'
import {RetryableError, type RetryPolicy, withRetries} from './retry.ts'
import {AssetError, cachedAssets, type Source, SourceError} from './source.ts'

export {API_VERSION}
export const DEFAULT_ASSET_HOST = 'https://cdn.sanity.io'

export interface LiveOptions {
  projectId: string
  dataset: string
  token: string | undefined
  /** Replaces `https://<projectId>.api.sanity.io`, e.g. a local stand-in in tests. */
  apiHost: string | undefined
  /** Where image files are downloaded from; the CDN unless overridden. */
  assetHost: string
  timeoutMs: number
  retry: RetryPolicy
}

/** The published documents in the Content Lake, read through the official client. */
export function openLiveSource(options: LiveOptions): Source {
  const secrets = options.token ? [options.token] : []
  const client: SanityClient = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: API_VERSION,
    useCdn: false,
    perspective: 'published',
    ...(options.token ? {token: options.token} : {}),
    ...(options.apiHost ? {apiHost: options.apiHost, useProjectHostname: false} : {}),
    // Retries are ours: bounded, honouring Retry-After, and reported.
    maxRetries: 0,
    timeout: options.timeoutMs,
  })
  const where = `${options.projectId}/${options.dataset}`

  const query = (name: string, groq: string, params: Record<string, unknown>): Promise<unknown[]> =>
    withRetries(async () => {
      let result: unknown
      try {
        result = await client.fetch(groq, params)
      } catch (error) {
        throw classify(error, `${name} query to ${where}`, options.timeoutMs, secrets)
      }
      // A body cut off in transit can reach us as text instead of a parse error.
      if (!Array.isArray(result))
        throw new RetryableError(
          `${name} query to ${where} returned an incomplete or malformed answer (not a list)`,
        )
      return result
    }, options.retry).catch((error: unknown) => {
      if (error instanceof RetryableError) throw new SourceError(error.message)
      throw error
    })

  const fetchAsset = async (placement: AssetPlacement): Promise<Uint8Array> => {
    if (placement.source.kind !== 'ref')
      throw new AssetError(
        `image ${placement.fileName} points at a file, which a live dataset cannot serve`,
      )
    const url = `${options.assetHost.replace(/\/+$/, '')}/images/${encodeURIComponent(options.projectId)}/${encodeURIComponent(options.dataset)}/${encodeURIComponent(placement.fileName)}`
    return download(url, placement.fileName, options)
  }

  return {
    description: `live ${where}`,
    async listing(types) {
      const rows = await query('listing', LISTING_QUERY, {types})
      try {
        return rows.map((row) => toListingRow(row))
      } catch (error) {
        throw new SourceError(`listing query to ${where}: ${(error as Error).message}`)
      }
    },
    async documents(params) {
      return (await query('documents', DOCUMENTS_QUERY, {...params})) as SanityDocument[]
    },
    asset: cachedAssets(fetchAsset),
    async close() {},
  }
}
