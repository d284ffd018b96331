import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {isCode} from '../lib/atomic.ts'

/** Kept in the blog repo (and committed): what the exporter owns and what it last wrote. */
export const MANIFEST_FILE = '.sanity-export.json'
export const MANIFEST_FORMAT = 1

export interface AssetRecord {
  /** Site-root relative path of the image file. */
  path: string
  sha256: string
  size: number
}

export interface ManifestEntry {
  /**
   * The document type (empty when not recorded), and below its `_updatedAt`: with
   * `rev`, what a file source needs to list an unchanged document without parsing it.
   */
  type: string
  updatedAt: string | null
  slug: string
  /** Site-root relative path of the markdown file. */
  path: string
  /** The document `_rev` that was rendered. */
  rev: string
  /** Fingerprint of the render options and renderer the file was made with. */
  options: string
  /** sha256 of the markdown as written; a file that differs was edited by hand. */
  sha256: string
  assets: AssetRecord[]
  /** Slugs the post had before, oldest first: their URLs become `aliases`. */
  previousSlugs: string[]
  /**
   * When Hugo starts showing the post (its `publishDate`, else its `date`) and stops
   * (its `expiryDate`), as its front matter writes them; none for a Hugo draft, which
   * Hugo never shows. A build after one of them changes the site with no commit, so
   * the scheduled deploy check reads them (scripts/ci/scheduled-deploy.ts).
   */
  publishDate?: string
  expiryDate?: string
}

export interface Manifest {
  format: number
  dataset: string
  /** Fingerprint of the exported documents' ids and revisions at the last full run. */
  revision: string | null
  /** Latest `_updatedAt` seen at the last full run: the next live run asks for newer ones. */
  since: string | null
  documents: Record<string, ManifestEntry>
}

export class ManifestError extends Error {
  override name = 'ManifestError'
}

export function emptyManifest(dataset: string): Manifest {
  return {format: MANIFEST_FORMAT, dataset, revision: null, since: null, documents: {}}
}

/** Reads the manifest, or returns undefined when the blog has none yet. */
export async function readManifest(blogDir: string): Promise<Manifest | undefined> {
  let text: string
  try {
    text = await readFile(join(blogDir, MANIFEST_FILE), 'utf8')
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined
    throw error
  }
  return parseManifest(text)
}

export function parseManifest(text: string): Manifest {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ManifestError(
      `${MANIFEST_FILE} is not valid JSON (${(error as Error).message}); fix it (e.g. resolve a merge conflict) or restore it from git`,
    )
  }
  const record = asRecord(value, MANIFEST_FILE)
  if (record['format'] !== MANIFEST_FORMAT)
    throw new ManifestError(
      `${MANIFEST_FILE} has format ${JSON.stringify(record['format'])}; this exporter reads format ${MANIFEST_FORMAT}`,
    )
  const documents = asRecord(record['documents'], 'documents')
  for (const id of Object.keys(documents)) parseEntry(id, documents[id])
  return {
    format: MANIFEST_FORMAT,
    dataset: stringField(record, 'dataset', MANIFEST_FILE),
    revision: nullableString(record, 'revision', MANIFEST_FILE),
    since: nullableString(record, 'since', MANIFEST_FILE),
    documents: documents as Record<string, ManifestEntry>,
  }
}

/**
 * Checks one entry and fills in its optional hints, in place: a big blog's manifest
 * has tens of thousands of entries, and a run with nothing to do spends much of its
 * time reading them, so no entry is copied and an error's path is spelled out only
 * when there is an error. Keys this exporter does not know stay on the object and
 * are dropped when the manifest is next written.
 */
function parseEntry(id: string, raw: unknown): ManifestEntry {
  const where = () => `documents["${id}"]`
  const entry = asRecord(raw, where)
  // Hints for recognising unchanged documents; a manifest without them still works.
  if (entry['type'] === undefined) entry['type'] = ''
  else stringField(entry, 'type', where)
  entry['updatedAt'] = nullableString(entry, 'updatedAt', where)
  stringField(entry, 'slug', where)
  safePath(stringField(entry, 'path', where), () => `${where()}.path`)
  stringField(entry, 'rev', where)
  stringField(entry, 'options', where)
  stringField(entry, 'sha256', where)
  const assets = entry['assets']
  if (!Array.isArray(assets)) throw new ManifestError(`${where()}.assets must be a list`)
  for (let index = 0; index < assets.length; index++) {
    const at = () => `${where()}.assets[${index}]`
    const asset = asRecord(assets[index], at)
    safePath(stringField(asset, 'path', at), () => `${at()}.path`)
    stringField(asset, 'sha256', at)
    const size = asset['size']
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
      throw new ManifestError(`${at()}.size must be a byte count`)
  }
  const previous = entry['previousSlugs']
  if (!Array.isArray(previous) || !previous.every((slug) => typeof slug === 'string'))
    throw new ManifestError(`${where()}.previousSlugs must be a list of strings`)
  for (const key of ['publishDate', 'expiryDate'])
    if (entry[key] !== undefined) stringField(entry, key, where)
  return entry as unknown as ManifestEntry
}

/**
 * Manifest paths decide what gets deleted, so a tampered manifest must not point
 * outside the blog or into git's own files.
 */
function safePath(path: string, where: () => string): string {
  if (!isSafeRelativePath(path))
    throw new ManifestError(`${where()} must be a relative path inside the blog, got "${path}"`)
  return path
}

/** An empty segment, `.`, `..` or `.git`, anywhere in a slash-separated path. */
const UNSAFE_SEGMENT = /(?:^|\/)(?:|\.|\.\.|\.git)(?:\/|$)/

export function isSafeRelativePath(path: string): boolean {
  return !(
    path.startsWith('/') ||
    path.includes('\\') ||
    path.includes('\0') ||
    UNSAFE_SEGMENT.test(path)
  )
}

/** Where a value sits, for an error message: a function, so that it costs nothing until then. */
type Where = string | (() => string)

const named = (where: Where) => (typeof where === 'string' ? where : where())

function asRecord(value: unknown, where: Where): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ManifestError(`${named(where)} must be an object`)
  return value as Record<string, unknown>
}

function stringField(record: Record<string, unknown>, key: string, where: Where): string {
  const value = record[key]
  if (typeof value !== 'string') throw new ManifestError(`${named(where)}.${key} must be a string`)
  return value
}

function nullableString(record: Record<string, unknown>, key: string, where: Where): string | null {
  const value = record[key]
  if (value === null || value === undefined) return null
  if (typeof value !== 'string')
    throw new ManifestError(`${named(where)}.${key} must be a string or null`)
  return value
}

/**
 * Stable text: documents sorted by id, one key order, a trailing newline. The same
 * state always gives the same bytes, so a run that changes nothing leaves git clean,
 * and a change touches only the lines of the documents involved.
 */
export function serializeManifest(manifest: Manifest): string {
  const documents: Record<string, ManifestEntry> = {}
  for (const id of Object.keys(manifest.documents).sort()) {
    const entry = manifest.documents[id]
    if (entry === undefined) continue
    documents[id] = {
      type: entry.type,
      updatedAt: entry.updatedAt,
      slug: entry.slug,
      path: entry.path,
      rev: entry.rev,
      options: entry.options,
      sha256: entry.sha256,
      assets: [...entry.assets]
        .sort((a, b) => compare(a.path, b.path))
        .map((asset) => ({path: asset.path, sha256: asset.sha256, size: asset.size})),
      previousSlugs: [...entry.previousSlugs],
      ...scheduleOf(entry),
    }
  }
  const ordered: Manifest = {
    format: MANIFEST_FORMAT,
    dataset: manifest.dataset,
    revision: manifest.revision,
    since: manifest.since,
    documents,
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

/** An entry's schedule keys, only those it has. */
export function scheduleOf(
  entry: Pick<ManifestEntry, 'publishDate' | 'expiryDate'>,
): Pick<ManifestEntry, 'publishDate' | 'expiryDate'> {
  return {
    ...(entry.publishDate === undefined ? {} : {publishDate: entry.publishDate}),
    ...(entry.expiryDate === undefined ? {} : {expiryDate: entry.expiryDate}),
  }
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether two manifests serialize the same, without serializing them: entries that a
 * run left alone are the same objects, so a run with nothing to do compares quickly.
 */
export function sameManifest(a: Manifest, b: Manifest): boolean {
  if (a.dataset !== b.dataset || a.revision !== b.revision || a.since !== b.since) return false
  const ids = Object.keys(a.documents)
  if (ids.length !== Object.keys(b.documents).length) return false
  for (const id of ids) {
    const left = a.documents[id]
    const right = b.documents[id]
    if (left === right) continue
    if (left === undefined || right === undefined) return false
    if (JSON.stringify(entryForm(left)) !== JSON.stringify(entryForm(right))) return false
  }
  return true
}

function entryForm(entry: ManifestEntry): unknown {
  return [
    entry.type,
    entry.updatedAt,
    entry.slug,
    entry.path,
    entry.rev,
    entry.options,
    entry.sha256,
    [...entry.assets]
      .sort((x, y) => compare(x.path, y.path))
      .map((x) => [x.path, x.sha256, x.size]),
    entry.previousSlugs,
    entry.publishDate ?? null,
    entry.expiryDate ?? null,
  ]
}
