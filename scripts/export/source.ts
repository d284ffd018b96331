import type {AssetPlacement} from '../../converter/types.ts'
import {sha1} from '../lib/hash.ts'
import type {SanityDocument} from './ndjson.ts'
import type {DocumentsParams, ListingRow} from './query.ts'

/** Where documents and image files come from: a dataset file or the live Content Lake. */
export interface Source {
  /** For messages and the commit trailer, e.g. `sample-data/production.ndjson` or `live abc123/production`. */
  readonly description: string
  listing(types: readonly string[]): Promise<ListingRow[]>
  documents(params: DocumentsParams): Promise<SanityDocument[]>
  /**
   * The same documents as `documents`, as their dataset lines, when the source has
   * them: a big export then parses them on the render threads instead.
   */
  texts?(params: DocumentsParams): Promise<Map<string, string>>
  /** The bytes of an image the converter placed. Throws `AssetError` when unavailable. */
  asset(placement: AssetPlacement): Promise<Uint8Array>
  close(): Promise<void>
}

/** The source could not be read at all (network, auth, malformed data): the run stops. */
export class SourceError extends Error {
  override name = 'SourceError'
}

/** One image could not be fetched: the documents using it fail, the others go on. */
export class AssetError extends Error {
  override name = 'AssetError'
}

/**
 * Image files are named `<sha1>-<W>x<H>.<ext>` after their content, so a download
 * or copy can be checked: a truncated or wrong file must not be published.
 */
export function verifyAssetBytes(placement: AssetPlacement, bytes: Uint8Array): Uint8Array {
  const expected = /^([0-9a-f]{40})-/.exec(placement.fileName)?.[1]
  if (expected !== undefined) {
    const actual = sha1(bytes)
    if (actual !== expected)
      throw new AssetError(
        `image ${placement.fileName} has different content than its name says (sha1 ${actual}); the file is damaged or incomplete`,
      )
  }
  return bytes
}

/**
 * Remembers each image's bytes by where they come from, so one shared image is fetched
 * once per run. Not by file name: two files of one name in different places differ.
 */
export function cachedAssets(
  fetch: (placement: AssetPlacement) => Promise<Uint8Array>,
): (placement: AssetPlacement) => Promise<Uint8Array> {
  const cache = new Map<string, Promise<Uint8Array>>()
  return (placement) => {
    const {source} = placement
    const key = source.kind === 'ref' ? `ref:${source.ref}` : `file:${source.url}`
    let pending = cache.get(key)
    if (pending === undefined) {
      pending = fetch(placement).then((bytes) => verifyAssetBytes(placement, bytes))
      // A failure is remembered too: retrying within one run would only repeat it.
      cache.set(key, pending)
    }
    return pending
  }
}
