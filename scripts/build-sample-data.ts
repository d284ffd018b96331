/**
 * Builds the bundled sample dataset from the TypeScript posts, so it can never
 * drift from the golden fixture:
 *
 * - sample-data/production.ndjson: the default `sanity dataset export` form
 *   (image fields as `_sanityAsset`, no asset documents), with a draft, a release
 *   version and the release itself, which an export must skip;
 * - test/fixtures/datasets/production.tar.gz and production-raw.tar.gz: the same
 *   dataset as the archives `sanity dataset export` and `… --raw` write.
 *
 * The images in sample-data/images/ are the input; their names must be the
 * sha1 of their bytes and their real size (see scripts/make-sample-images.ts).
 *
 * Run: npx node scripts/build-sample-data.ts [--check]
 * With --check nothing is written; it exits 1 when a committed file is stale.
 */
import {createHash} from 'node:crypto'
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {gunzipSync} from 'node:zlib'
import {create, list, type ReadEntry} from 'tar'
import {DEFAULT_DATASET, PLACEHOLDER_PROJECT_ID} from '../studio-env.ts'
import {
  COVER_IMAGE_REF,
  fullPost,
  TOKEN_BUCKET_IMAGE_REF,
} from '../test/fixtures/system-design-post.full.ts'
import {
  autumnRefreshRelease,
  DISTRIBUTED_CACHE_COVER_REF,
  distributedCachePost,
  distributedCacheVersion,
} from './sample-posts/distributed-cache.ts'
import {NOTIFICATION_COVER_REF, notificationFanoutPost} from './sample-posts/notification-fanout.ts'
import {
  URL_SHORTENER_COVER_REF,
  urlShortenerDraft,
  urlShortenerPost,
} from './sample-posts/url-shortener.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const IMAGES_DIR = join(ROOT, 'sample-data', 'images')
export const NDJSON_FILE = join(ROOT, 'sample-data', 'production.ndjson')
export const DEFAULT_ARCHIVE = join(ROOT, 'test', 'fixtures', 'datasets', 'production.tar.gz')
export const RAW_ARCHIVE = join(ROOT, 'test', 'fixtures', 'datasets', 'production-raw.tar.gz')

/** When the archives say they were exported; fixed so the output is reproducible. */
const EXPORTED_AT = '2025-10-02T12:00:00.000Z'
/** The folder `sanity dataset export` names after the dataset and the export time. */
export const ARCHIVE_FOLDER = `${DEFAULT_DATASET}-export-${EXPORTED_AT.replace(/[^a-z0-9]/gi, '-').toLowerCase()}`

type Doc = {readonly _id: string; readonly _type: string; readonly [key: string]: unknown}

/** Everything in the dataset, as the Content Lake holds it. */
export const SAMPLE_DOCUMENTS: readonly Doc[] = [
  fullPost,
  urlShortenerPost,
  urlShortenerDraft,
  distributedCachePost,
  distributedCacheVersion,
  autumnRefreshRelease,
  notificationFanoutPost,
]

/** The names the images were uploaded under; asset documents keep them. */
const ORIGINAL_FILENAMES: Readonly<Record<string, string>> = {
  [COVER_IMAGE_REF]: 'rate-limiter-cover.png',
  [TOKEN_BUCKET_IMAGE_REF]: 'token-bucket.png',
  [URL_SHORTENER_COVER_REF]: 'url-shortener-cover.png',
  [DISTRIBUTED_CACHE_COVER_REF]: 'distributed-cache-cover.png',
  [NOTIFICATION_COVER_REF]: 'notification-fanout-cover.png',
}

export class SampleDataError extends Error {
  override name = 'SampleDataError'
}

const IMAGE_REF = /^image-([a-f0-9]{40})-(\d+)x(\d+)-([a-z]+)$/

interface SampleImage {
  ref: string
  fileName: string
  sha1: string
  width: number
  height: number
  extension: string
  bytes: Uint8Array
}

/** Reads sample-data/images/, refusing any file whose name does not match its bytes. */
export function readSampleImages(dir: string = IMAGES_DIR): Map<string, SampleImage> {
  const images = new Map<string, SampleImage>()
  for (const fileName of readdirSync(dir).sort()) {
    const match = /^([a-f0-9]{40})-(\d+)x(\d+)\.(png)$/.exec(fileName)
    if (!match)
      throw new SampleDataError(`sample-data/images/${fileName}: not named <sha1>-<W>x<H>.png`)
    const [, sha1 = '', width = '', height = '', extension = ''] = match
    const bytes = readFileSync(join(dir, fileName))
    const actualSha1 = createHash('sha1').update(bytes).digest('hex')
    if (actualSha1 !== sha1)
      throw new SampleDataError(
        `sample-data/images/${fileName}: sha1 of the bytes is ${actualSha1}`,
      )
    // PNG: 8-byte signature, then the IHDR chunk whose data starts with width and height.
    const actualSize = `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`
    if (actualSize !== `${width}x${height}`)
      throw new SampleDataError(`sample-data/images/${fileName}: the image is ${actualSize}`)
    const ref = `image-${sha1}-${width}x${height}-${extension}`
    images.set(ref, {
      ref,
      fileName,
      sha1,
      width: Number(width),
      height: Number(height),
      extension,
      bytes,
    })
  }
  return images
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const get = (record: Readonly<Record<string, unknown>>, key: string): unknown => record[key]

/** The Content Lake returns attributes in key order; an export keeps that order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (!isRecord(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  )
}

function assetRef(value: Record<string, unknown>): string | undefined {
  const asset = get(value, 'asset')
  if (!isRecord(asset)) return undefined
  const ref = get(asset, '_ref')
  return typeof ref === 'string' && IMAGE_REF.test(ref) ? ref : undefined
}

/** Every image reference in a document, with the field path that holds it. */
function imageRefs(value: unknown, path: string, out: {ref: string; path: string}[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemKey = isRecord(item) ? get(item, '_key') : undefined
      const key = typeof itemKey === 'string' ? `_key=="${itemKey}"` : index
      imageRefs(item, `${path}[${key}]`, out)
    })
    return
  }
  if (!isRecord(value)) return
  const ref = assetRef(value)
  if (ref) out.push({ref, path})
  for (const [key, child] of Object.entries(value))
    imageRefs(child, path ? `${path}.${key}` : key, out)
}

/** What the default export does to an image field: the reference becomes a local file URL. */
function rewriteAssets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteAssets)
  if (!isRecord(value)) return value
  const ref = assetRef(value)
  if (ref) {
    const {asset: _asset, ...rest} = value
    const [, sha1, width, height, extension] = IMAGE_REF.exec(ref) ?? []
    return {
      _sanityAsset: `image@file://./images/${sha1}-${width}x${height}.${extension}`,
      ...(rewriteAssets(rest) as Record<string, unknown>),
    }
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, rewriteAssets(child)]),
  )
}

function assetDocument(image: SampleImage, uploadedAt: string): Doc {
  const file = `${image.sha1}-${image.width}x${image.height}.${image.extension}`
  const originalFilename = ORIGINAL_FILENAMES[image.ref]
  if (!originalFilename)
    throw new SampleDataError(`${image.ref}: add its upload name to ORIGINAL_FILENAMES`)
  return {
    _id: image.ref,
    _type: 'sanity.imageAsset',
    _createdAt: uploadedAt,
    _updatedAt: uploadedAt,
    _rev: image.sha1.slice(0, 22),
    assetId: image.sha1,
    extension: image.extension,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {
        _type: 'sanity.imageDimensions',
        aspectRatio: image.width / image.height,
        height: image.height,
        width: image.width,
      },
      hasAlpha: false,
      isOpaque: true,
    },
    mimeType: `image/${image.extension}`,
    originalFilename,
    path: `images/${PLACEHOLDER_PROJECT_ID}/${DEFAULT_DATASET}/${file}`,
    sha1hash: image.sha1,
    size: image.bytes.length,
    uploadId: `upload-${image.sha1.slice(0, 16)}`,
    url: `https://cdn.sanity.io/images/${PLACEHOLDER_PROJECT_ID}/${DEFAULT_DATASET}/${file}`,
  }
}

/** Export keeps asset metadata in assets.json, keyed by `image-<sha1>`, minus what the file name says. */
const ASSET_MAP_EXCLUDED = new Set([
  '_id',
  '_type',
  'assetId',
  'extension',
  'mimeType',
  'path',
  'uploadId',
  'url',
])

export interface ArchiveEntry {
  path: string
  type: 'File' | 'Directory'
  content: string
}

export interface SampleData {
  /** sample-data/production.ndjson */
  ndjson: string
  /** Entries of the default and the --raw archive, in archive order; file contents as latin1 text. */
  archives: {default: ArchiveEntry[]; raw: ArchiveEntry[]}
  images: Map<string, SampleImage>
}

const toNdjson = (docs: readonly unknown[]): string =>
  docs.map((doc) => `${JSON.stringify(doc)}\n`).join('')

const byId = (a: Doc, b: Doc): number => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

export function buildSampleData(imagesDir: string = IMAGES_DIR): SampleData {
  const images = readSampleImages(imagesDir)

  const uploadedAt = new Map<string, string>()
  for (const doc of [...SAMPLE_DOCUMENTS].sort(byId)) {
    const refs: {ref: string; path: string}[] = []
    imageRefs(doc, '', refs)
    for (const {ref, path} of refs) {
      if (!images.has(ref))
        throw new SampleDataError(
          `${doc._id}: ${path} references ${ref}, which is not in sample-data/images/`,
        )
      const docCreatedAt = get(doc, '_createdAt')
      const createdAt = typeof docCreatedAt === 'string' ? docCreatedAt : EXPORTED_AT
      const known = uploadedAt.get(ref)
      if (known === undefined || createdAt < known) uploadedAt.set(ref, createdAt)
    }
  }
  const unused = [...images.keys()].filter((ref) => !uploadedAt.has(ref))
  if (unused.length > 0)
    throw new SampleDataError(
      `sample-data/images/ holds images no document uses: ${unused.join(', ')}`,
    )

  const assets = [...images.values()].map((image) =>
    assetDocument(image, uploadedAt.get(image.ref) ?? EXPORTED_AT),
  )
  const lake = [...SAMPLE_DOCUMENTS, ...assets].sort(byId).map((doc) => sortKeys(doc) as Doc)

  const defaultDocs = lake.filter((doc) => doc._type !== 'sanity.imageAsset').map(rewriteAssets)
  const assetMap = Object.fromEntries(
    lake
      .filter((doc) => doc._type === 'sanity.imageAsset')
      .map((doc) => [
        `image-${String(get(doc, 'sha1hash'))}`,
        Object.fromEntries(Object.entries(doc).filter(([key]) => !ASSET_MAP_EXCLUDED.has(key))),
      ]),
  )
  const ndjson = toNdjson(defaultDocs)

  const folder = (path: string) => `${ARCHIVE_FOLDER}/${path}`
  const file = (path: string, content: string | Uint8Array): ArchiveEntry => ({
    path: folder(path),
    type: 'File',
    content:
      typeof content === 'string'
        ? Buffer.from(content).toString('latin1')
        : Buffer.from(content).toString('latin1'),
  })
  const dir = (path: string): ArchiveEntry => ({
    path: `${folder(path)}/`,
    type: 'Directory',
    content: '',
  })
  const imageFiles = [...images.values()].map((image) =>
    file(`images/${image.fileName}`, image.bytes),
  )

  return {
    ndjson,
    images,
    archives: {
      default: [
        file('data.ndjson', ndjson),
        file('assets.json', JSON.stringify(assetMap)),
        dir('files'),
        dir('images'),
        ...imageFiles,
      ],
      // A raw export rewrites nothing and downloads nothing: asset documents
      // keep their CDN url, and images/ stays empty.
      raw: [
        file('data.ndjson', toNdjson(lake)),
        file('assets.json', '{}'),
        dir('files'),
        dir('images'),
      ],
    },
  }
}

/** Reads an archive back into entries, for comparing with a fresh build. */
export async function readArchive(archive: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = []
  const pending: Promise<void>[] = []
  await list({
    file: archive,
    onReadEntry: (entry: ReadEntry) => {
      const chunks: Buffer[] = []
      const type = entry.type === 'Directory' ? 'Directory' : 'File'
      const record: ArchiveEntry = {path: entry.path, type, content: ''}
      entries.push(record)
      pending.push(
        new Promise((resolve, reject) => {
          entry.on('data', (chunk: Buffer) => chunks.push(chunk))
          entry.on('end', () => {
            record.content = Buffer.concat(chunks).toString('latin1')
            resolve()
          })
          entry.on('error', reject)
        }),
      )
    },
  })
  await Promise.all(pending)
  return entries
}

async function writeArchive(target: string, entries: readonly ArchiveEntry[]): Promise<void> {
  const stage = mkdtempSync(join(tmpdir(), 'sample-dataset-'))
  try {
    const prefix = `${ARCHIVE_FOLDER}/`
    for (const entry of entries) {
      const local = join(stage, entry.path.slice(prefix.length))
      if (entry.type === 'Directory') {
        mkdirSync(local, {recursive: true})
        chmodSync(local, 0o755)
      } else {
        mkdirSync(dirname(local), {recursive: true})
        writeFileSync(local, Buffer.from(entry.content, 'latin1'))
        chmodSync(local, 0o644)
      }
    }
    mkdirSync(dirname(target), {recursive: true})
    // Entries are listed one by one, in order, with a fixed time and modes,
    // so the archive does not depend on the file system or the clock.
    await create(
      {
        file: target,
        gzip: true,
        cwd: stage,
        prefix: ARCHIVE_FOLDER,
        portable: true,
        noDirRecurse: true,
        mtime: new Date(EXPORTED_AT),
      },
      entries.map((entry) => entry.path.slice(prefix.length).replace(/\/$/, '')),
    )
  } finally {
    rmSync(stage, {recursive: true, force: true})
  }
}

function sameEntries(a: readonly ArchiveEntry[], b: readonly ArchiveEntry[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

async function main(check: boolean): Promise<number> {
  const data = buildSampleData()
  const targets = [
    {file: DEFAULT_ARCHIVE, entries: data.archives.default},
    {file: RAW_ARCHIVE, entries: data.archives.raw},
  ]
  if (!check) {
    writeFileSync(NDJSON_FILE, data.ndjson)
    for (const {file, entries} of targets) await writeArchive(file, entries)
    console.log(`wrote ${NDJSON_FILE} and ${targets.length} archives`)
    return 0
  }
  const stale: string[] = []
  let committed = ''
  try {
    committed = readFileSync(NDJSON_FILE, 'utf8')
  } catch {
    stale.push(NDJSON_FILE)
  }
  if (committed !== data.ndjson && !stale.includes(NDJSON_FILE)) stale.push(NDJSON_FILE)
  for (const {file, entries} of targets) {
    try {
      // Only the contents count: gzip bytes can differ between zlib builds.
      gunzipSync(readFileSync(file))
      if (!sameEntries(await readArchive(file), entries)) stale.push(file)
    } catch {
      stale.push(file)
    }
  }
  for (const file of stale)
    console.error(`stale: ${file} (run npx node scripts/build-sample-data.ts)`)
  return stale.length === 0 ? 0 : 1
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.includes('--check')).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    },
  )
}
