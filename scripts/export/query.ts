/**
 * The GROQ the exporter runs. File sources evaluate these strings with groq-js, so
 * a dataset file and the live Content Lake select the same documents; the listing's
 * is answered row by row from its indexed fields (`listingRow`), which a property
 * test holds to groq-js's answer.
 *
 * Drafts and release versions are excluded by id as well as by the `published`
 * perspective: a file export holds them, and a perspective bug must not publish one.
 * By prefix rather than `path("drafts.**")`, which groq-js turns into a pattern whose
 * dot matches any character: it skipped published ids such as `draftsman-guide`.
 */

/** Pinned so a Content Lake change cannot silently change what gets exported. */
export const API_VERSION = '2025-02-19'

const EXPORTABLE =
  '_type in $types && !string::startsWith(_id, "drafts.") && !string::startsWith(_id, "versions.")'

/**
 * Every exportable document, small: enough to see deletions, renames and changed
 * revisions. It reads only `_id`, `_type`, `_rev`, `_updatedAt` and `slug`, which a
 * file source relies on to answer it from an index of those fields. Unordered:
 * groq-js sorts slowly, and the exporter orders by id itself.
 */
export const LISTING_QUERY = `*[${EXPORTABLE}]{_id, _rev, _updatedAt, "slug": slug.current}`

/**
 * Full documents: all of them (`$all`), or those changed since the last run
 * (`_updatedAt > $since`) plus the ones named in `$ids` (new, revision differs from
 * the manifest, or their files need repair).
 */
export const DOCUMENTS_QUERY = `*[${EXPORTABLE} && ($all || _id in $ids || _updatedAt > $since)]`

/** The fields the two queries' filters and the listing read. */
export const INDEXED_FIELDS = ['_id', '_type', '_rev', '_updatedAt', 'slug'] as const

/** A document's indexed fields: what a file source keeps of it to answer the listing. */
export function headerOf(doc: Record<string, unknown>): Record<string, unknown> {
  const header: Record<string, unknown> = {}
  for (const field of INDEXED_FIELDS) if (doc[field] !== undefined) header[field] = doc[field]
  return header
}

const DRAFT_ID = /^drafts\./
const VERSION_ID = /^versions\./

/**
 * LISTING_QUERY's answer for one document from its indexed fields, or undefined when
 * the query does not select it: the same filter and projection, without a query
 * engine, which took a quarter of a second for 10,000 rows. A property test holds it
 * to groq-js's answer for the same fields.
 */
export function listingRow(
  header: Record<string, unknown>,
  types: readonly string[],
): Record<string, unknown> | undefined {
  const id = header['_id']
  const type = header['_type']
  if (typeof id !== 'string' || typeof type !== 'string' || !types.includes(type)) return undefined
  if (DRAFT_ID.test(id) || VERSION_ID.test(id)) return undefined
  const slug = header['slug']
  const current =
    typeof slug === 'object' && slug !== null && !Array.isArray(slug)
      ? (slug as Record<string, unknown>)['current']
      : undefined
  return {
    _id: id,
    _rev: header['_rev'] ?? null,
    _updatedAt: header['_updatedAt'] ?? null,
    slug: current ?? null,
  }
}

/** Raw dataset exports keep image assets as documents; their `url` says where the file is. */
export const IMAGE_ASSETS_QUERY = `*[_type == "sanity.imageAsset" && _id in $ids]{_id, url, originalFilename, sha1hash, extension}`

export interface ListingRow {
  _id: string
  _rev: string
  _updatedAt: string | null
  slug: string | null
}

export interface DocumentsParams {
  types: readonly string[]
  all: boolean
  since: string | null
  ids: readonly string[]
}

/** Checks one listing row from a query answer; anything else means the source is broken. */
export function toListingRow(value: unknown): ListingRow {
  if (typeof value !== 'object' || value === null) throw new Error('listing row is not an object')
  const row = value as Record<string, unknown>
  const id = row['_id']
  const rev = row['_rev']
  if (typeof id !== 'string' || id === '') throw new Error('listing row without _id')
  if (typeof rev !== 'string' || rev === '') throw new Error(`document ${id} has no _rev`)
  const updatedAt = row['_updatedAt']
  const slug = row['slug']
  return {
    _id: id,
    _rev: rev,
    _updatedAt: typeof updatedAt === 'string' ? updatedAt : null,
    slug: typeof slug === 'string' ? slug : null,
  }
}
