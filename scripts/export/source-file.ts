import {mkdtemp, readdir, readFile, rm, stat} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {basename, dirname, join, relative, resolve, sep} from 'node:path'
import type {DereferenceFunction} from 'groq-js'
import type {AssetPlacement} from '../../converter/types.ts'
import {isCode} from '../lib/atomic.ts'
import {readCache, writeCache} from './cache.ts'
import {type DownloadOptions, download, rehost} from './download.ts'
import {
  DatasetError,
  type LineSpan,
  parseDocument,
  quickIdentity,
  readDocumentsAt,
  readLinesAt,
  type SanityDocument,
  scanLines,
} from './ndjson.ts'
import {
  DOCUMENTS_QUERY,
  type DocumentsParams,
  headerOf,
  IMAGE_ASSETS_QUERY,
  LISTING_QUERY,
  type ListingRow,
  listingRow,
  toListingRow,
} from './query.ts'
import {AssetError, cachedAssets, type Source, SourceError} from './source.ts'

const INDEX_FORMAT = 1
const KEEP_PARSED_BYTES = 16 << 20

/** The indexed fields of one document, and where its line is. */
interface IndexRow extends LineSpan {
  header: Record<string, unknown>
}

interface DatasetFiles {
  dataFile: string
  /** What `file://./images/…` and `images/` are relative to. */
  datasetDir: string
}

export interface FileSourceOptions {
  /** Where to keep the dataset index between runs; undefined: no index kept. */
  cacheDir: string | undefined
  /**
   * The indexed fields of a document the last export rendered at exactly this
   * revision (from the manifest): such a line need not be parsed to be listed.
   */
  known?: (id: string, rev: string) => Record<string, unknown> | undefined
  /**
   * How to fetch an image a raw export names only by its CDN url (the archive's
   * images/ folder is then empty): with the host replaced by `assetHost` when set.
   */
  download: DownloadOptions & {assetHost: string | undefined}
  /** Parses unseen lines on other threads once there are enough of them (see `LineParser`). */
  parser?: LineParser
}

/** A dataset line the scan has not seen before, with where it is for messages. */
export interface UnseenLine {
  /** A copy of the line's bytes, which the parser may move to another thread. */
  bytes: Uint8Array
  where: string
}

/**
 * Parses lines somewhere else than the scanning thread: a big first export parses
 * (and renders) them on the render threads while the scan reads on. Each outcome
 * is the line's indexed fields, or why it is not a document.
 */
export interface LineParser {
  /** Unseen lines up to this count are parsed on this thread; past it, all go to `parse`. */
  readonly threshold: number
  /** Lines handed over at a time. */
  readonly batch: number
  /** Batches parsing at once, at most; the scan waits for room beyond it. */
  readonly inFlight: number
  parse(lines: UnseenLine[]): Promise<({header: Record<string, unknown>} | {error: string})[]>
  /**
   * A copy of a line for `parse`, in memory the parser may have had back from the
   * threads it moved earlier lines to; a plain copy when it has no such method.
   */
  copy?(bytes: Uint8Array): Uint8Array
}

async function runQuery(
  query: string,
  params: Record<string, unknown>,
  dataset: readonly Record<string, unknown>[],
): Promise<unknown[]> {
  const byId = new Map(dataset.map((doc) => [doc['_id'], doc]))
  // Without this, each `->` scans the whole dataset.
  const dereference: DereferenceFunction = ({_ref}) =>
    byId.get(_ref) as ReturnType<DereferenceFunction>
  // Loaded here: the listing needs no query, and a run that renders nothing asks no other.
  const {evaluate, parse} = await import('groq-js')
  const value = await evaluate(parse(query, {params}), {dataset, params, dereference})
  const result = await value.get()
  if (!Array.isArray(result)) throw new SourceError('a dataset query did not return a list')
  return result
}

/**
 * A dataset file: `.ndjson` (images resolved beside it), or the `.tar.gz` that
 * `sanity dataset export` writes, in its default form (`_sanityAsset` fields) or
 * with `--raw` (`sanity.imageAsset` documents and `asset._ref` references).
 *
 * The document queries run with groq-js; the listing reads only indexed fields and
 * is answered row by row (`listingRow`, held to groq-js by a property test). Parsing
 * a big dataset costs more than a whole run
 * with nothing to do, so the first run keeps an index of each document's id, type,
 * revision, update time and slug with its line's position; while the file is
 * unchanged, the listing is answered from the index and only documents that must
 * be rendered are parsed.
 */
export async function openFileSource(file: string, options: FileSourceOptions): Promise<Source> {
  const absolute = resolve(file)
  let info: Awaited<ReturnType<typeof stat>>
  try {
    info = await stat(absolute)
  } catch (error) {
    if (isCode(error, 'ENOENT')) throw new SourceError(`dataset file not found: ${file}`)
    throw error
  }
  if (info.isDirectory())
    throw new SourceError(
      `${file} is a folder; pass the dataset file in it (data.ndjson) or the .tar.gz export`,
    )
  const isArchive = /\.(tar\.gz|tgz)$/i.test(absolute)
  const indexKey = `${absolute}\0${info.dev}\0${info.ino}\0${info.size}\0${info.mtimeMs}`

  let cleanup = async (): Promise<void> => {}
  let files: Promise<DatasetFiles> | undefined
  const datasetFiles = (): Promise<DatasetFiles> => {
    files ??= isArchive
      ? extractArchive(absolute).then((extracted) => {
          cleanup = extracted.cleanup
          return {
            dataFile: join(extracted.datasetDir, 'data.ndjson'),
            datasetDir: extracted.datasetDir,
          }
        })
      : Promise.resolve({dataFile: absolute, datasetDir: dirname(absolute)})
    return files
  }

  let rows: IndexRow[] | undefined = await cachedIndex(options.cacheDir, indexKey)
  /**
   * Documents parsed by the scan, kept so that a small export parses nothing twice;
   * a big one keeps only the first few megabytes and reads the rest back by position.
   */
  const parsed = new Map<string, SanityDocument>()
  let parsedBytes = 0
  const index = async (): Promise<IndexRow[]> => {
    if (rows !== undefined) return rows
    const {dataFile} = await datasetFiles()
    const scanned: IndexRow[] = []
    const parseHere = (bytes: Uint8Array, where: string, slot: number) => {
      // A view, not a copy: held lines are copies already, scanned ones are read here.
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
      const doc = parseDocument(text, where)
      ;(scanned[slot] as IndexRow).header = headerOf(doc)
      if (parsedBytes + bytes.length <= KEEP_PARSED_BYTES) {
        parsed.set(doc._id, doc)
        parsedBytes += bytes.length
      }
    }
    const elsewhere = options.parser === undefined ? undefined : handOver(options.parser, scanned)
    try {
      let line = 0
      await scanLines(dataFile, (bytes, span) => {
        line += 1
        const quick = options.known === undefined ? undefined : quickIdentity(bytes)
        const header = quick === undefined ? undefined : options.known?.(quick.id, quick.rev)
        if (header !== undefined) {
          scanned.push({...span, header})
          return
        }
        const slot = scanned.push({...span, header: {}}) - 1
        const where = `${file}:${line}`
        if (elsewhere === undefined) return parseHere(bytes, where, slot)
        return elsewhere.add(bytes, where, slot)
      })
      for (const held of (await elsewhere?.finish()) ?? [])
        parseHere(held.bytes, held.where, held.slot)
    } catch (error) {
      if (error instanceof DatasetError) throw new SourceError(error.message)
      throw error
    }
    requireUniqueIds(scanned, file)
    rows = scanned
    if (options.cacheDir !== undefined)
      await writeCache(options.cacheDir, 'datasets', indexKey, {
        format: INDEX_FORMAT,
        rows: scanned.map((row) => [row.offset, row.length, row.header]),
      })
    return scanned
  }

  const load = async (ids: ReadonlySet<string>): Promise<SanityDocument[]> => {
    const wanted = (await index()).filter((row) => ids.has(row.header['_id'] as string))
    const unread = wanted.filter((row) => !parsed.has(row.header['_id'] as string))
    if (unread.length > 0) {
      const {dataFile} = await datasetFiles()
      try {
        const documents = await readDocumentsAt(dataFile, unread)
        for (const [i, doc] of documents.entries()) {
          if (doc._id !== unread[i]?.header['_id'])
            throw new DatasetError(`${file} does not match its index; run again`)
          parsed.set(doc._id, doc)
        }
      } catch (error) {
        if (error instanceof DatasetError) throw new SourceError(error.message)
        throw error
      }
    }
    return wanted.map((row) => parsed.get(row.header['_id'] as string) as SanityDocument)
  }

  /**
   * The ids DOCUMENTS_QUERY selects. Its filter reads indexed fields only, so it
   * picks the same documents from the index; rows that cannot match (not named, not
   * newer) are left out before groq-js sees them.
   */
  const pick = async (params: DocumentsParams): Promise<Set<string>> => {
    const named = new Set(params.ids)
    const since = params.since
    const candidates = (await index())
      .map((row) => row.header)
      .filter((header) => {
        if (params.all || named.has(header['_id'] as string)) return true
        const updated = header['_updatedAt']
        return since !== null && typeof updated === 'string' && updated > since
      })
    const picked = await runQuery(DOCUMENTS_QUERY, {...params}, candidates)
    return new Set(picked.map((doc) => (doc as {_id: string})._id))
  }

  let imageAssets: Promise<SanityDocument[]> | undefined
  const fetchAsset = async (placement: AssetPlacement): Promise<Uint8Array> => {
    const {datasetDir} = await datasetFiles()
    const source = placement.source
    if (source.kind === 'file') return readInside(datasetDir, fileUrlPath(source.url), placement)
    // Both archive forms keep the files in images/, named as the placement says.
    try {
      return await readInside(datasetDir, join('images', placement.fileName), placement)
    } catch (error) {
      if (!(error instanceof AssetError)) throw error
    }
    imageAssets ??= index().then((all) =>
      load(
        new Set(
          all
            .filter((row) => row.header['_type'] === 'sanity.imageAsset')
            .map((row) => row.header['_id'] as string),
        ),
      ),
    )
    const rows = await runQuery(IMAGE_ASSETS_QUERY, {ids: [source.ref]}, await imageAssets)
    const url = (rows[0] as {url?: unknown} | undefined)?.url
    if (typeof url !== 'string')
      throw new AssetError(
        `image ${source.ref} is neither in the dataset's images/ nor an asset document`,
      )
    if (url.startsWith('file://') || !/^[a-z]+:/i.test(url))
      return readInside(datasetDir, fileUrlPath(url), placement)
    // A raw export keeps the CDN url: the file may be in images/ under its base name,
    // else it is downloaded.
    try {
      return await readInside(
        datasetDir,
        join('images', basename(new URL(url).pathname)),
        placement,
      )
    } catch (error) {
      if (!(error instanceof AssetError)) throw error
    }
    return download(rehost(url, options.download.assetHost), placement.fileName, options.download)
  }

  return {
    description: file,
    async listing(types) {
      // The same query on the same unchanged file gives the same answer: kept too.
      const listingKey = `${indexKey}\0${LISTING_QUERY}\0${JSON.stringify(types)}`
      const cached =
        options.cacheDir === undefined || rows === undefined
          ? undefined
          : await readCache(options.cacheDir, 'listings', listingKey)
      const result = Array.isArray(cached) ? cached : listAll(await index(), types)
      let listing: ListingRow[]
      try {
        listing = result.map((row) => toListingRow(row))
      } catch (error) {
        throw new SourceError(`${file}: ${(error as Error).message}`)
      }
      if (options.cacheDir !== undefined && !Array.isArray(cached))
        await writeCache(options.cacheDir, 'listings', listingKey, listing)
      return listing
    },
    async documents(params: DocumentsParams) {
      const documents = await load(await pick(params))
      // Again on the full documents, which is what the query answers.
      return (await runQuery(DOCUMENTS_QUERY, {...params}, documents)) as SanityDocument[]
    },
    async texts(params: DocumentsParams) {
      const ids = await pick(params)
      const wanted = (await index()).filter((row) => ids.has(row.header['_id'] as string))
      const {dataFile} = await datasetFiles()
      const lines = await readLinesAt(dataFile, wanted)
      const texts = new Map<string, string>()
      wanted.forEach((row, i) => {
        const id = row.header['_id'] as string
        texts.set(id, lines[i] as string)
        parsed.delete(id)
      })
      return texts
    },
    asset: cachedAssets(fetchAsset),
    close: () => cleanup(),
  }
}

/**
 * One document per id: of two lines with one id, the queries would answer with one
 * and drop the other unseen. A Sanity export never repeats an id, so the file is refused.
 */
function requireUniqueIds(rows: readonly IndexRow[], file: string): void {
  const lineOf = new Map<unknown, number>()
  rows.forEach((row, slot) => {
    const id = row.header['_id']
    const first = lineOf.get(id)
    if (first !== undefined)
      throw new SourceError(
        `${file}:${slot + 1} repeats the _id ${JSON.stringify(id)} of line ${first}; a dataset export holds each document once`,
      )
    lineOf.set(id, slot + 1)
  })
}

/**
 * LISTING_QUERY over the index, answered row by row (`listingRow`): the query's
 * filter and projection read only the indexed fields.
 */
function listAll(rows: readonly IndexRow[], types: readonly string[]): unknown[] {
  const listed: unknown[] = []
  for (const row of rows) {
    const listing = listingRow(row.header, types)
    if (listing !== undefined) listed.push(listing)
  }
  return listed
}

interface HeldLine extends UnseenLine {
  slot: number
}

/**
 * Hands unseen lines to `parser` in batches once there are more than its threshold,
 * filling in their rows' headers as the answers come back. Lines below the threshold
 * are held, and returned by `finish` to be parsed on this thread: a run that meets a
 * few changed documents is not worth starting threads for. An error is the first
 * bad line's, in file order, as parsing here would have reported it.
 */
function handOver(parser: LineParser, scanned: IndexRow[]) {
  let held: HeldLine[] = []
  let delegating = false
  const running: Promise<void>[] = []
  let firstError: {slot: number; message: string} | undefined
  const send = (lines: HeldLine[]): Promise<void> | undefined => {
    const answer = parser.parse(lines).then((outcomes) => {
      outcomes.forEach((outcome, i) => {
        const slot = (lines[i] as HeldLine).slot
        if ('header' in outcome) (scanned[slot] as IndexRow).header = outcome.header
        else if (firstError === undefined || slot < firstError.slot)
          firstError = {slot, message: outcome.error}
      })
    })
    // Awaited later; a scan that fails first must not leave it unhandled.
    answer.catch(() => {})
    running.push(answer)
    return running.length >= parser.inFlight ? (running.shift() as Promise<void>) : undefined
  }
  const flush = async (): Promise<void> => {
    while (held.length > 0) await send(held.splice(0, parser.batch))
  }
  return {
    add(bytes: Buffer, where: string, slot: number): Promise<void> | undefined {
      // A copy: the line is a view of a read buffer that must not be held or moved.
      held.push({bytes: parser.copy?.(bytes) ?? new Uint8Array(bytes), where, slot})
      if (!delegating && held.length > parser.threshold) {
        delegating = true
        return flush()
      }
      return delegating && held.length >= parser.batch ? flush() : undefined
    },
    /** Waits for every answer; returns the lines left to parse here. */
    async finish(): Promise<HeldLine[]> {
      if (delegating) await flush()
      await Promise.all(running)
      if (firstError !== undefined) throw new DatasetError(firstError.message)
      const rest = held
      held = []
      return rest
    },
  }
}

async function cachedIndex(
  cacheDir: string | undefined,
  key: string,
): Promise<IndexRow[] | undefined> {
  if (cacheDir === undefined) return undefined
  const value = (await readCache(cacheDir, 'datasets', key)) as {format?: unknown; rows?: unknown}
  if (value?.format !== INDEX_FORMAT || !Array.isArray(value.rows)) return undefined
  const rows: IndexRow[] = []
  for (const item of value.rows) {
    if (!Array.isArray(item) || item.length !== 3) return undefined
    const [offset, length, header] = item as [unknown, unknown, unknown]
    if (typeof offset !== 'number' || typeof length !== 'number') return undefined
    if (typeof header !== 'object' || header === null) return undefined
    if (typeof (header as Record<string, unknown>)['_id'] !== 'string') return undefined
    rows.push({offset, length, header: header as Record<string, unknown>})
  }
  return rows
}

function fileUrlPath(url: string): string {
  return decodeURIComponent(url.replace(/^file:\/\//, ''))
}

/** Reads a file the dataset names, refusing paths that climb out of the dataset. */
async function readInside(
  root: string,
  path: string,
  placement: AssetPlacement,
): Promise<Uint8Array> {
  const target = resolve(root, path)
  if (target !== root && !target.startsWith(`${root}${sep}`))
    throw new AssetError(`image path "${path}" points outside the dataset`)
  try {
    return await readFile(target)
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'EISDIR'))
      throw new AssetError(
        `image ${placement.fileName} not found in the dataset (looked for ${relative(root, target)})`,
      )
    throw error
  }
}

async function extractArchive(
  file: string,
): Promise<{datasetDir: string; cleanup: () => Promise<void>}> {
  const dir = await mkdtemp(join(tmpdir(), 'sanity-export-archive-'))
  // Retried: a folder whose extraction was cut short can still be filling for a moment.
  const cleanup = () => rm(dir, {recursive: true, force: true, maxRetries: 5, retryDelay: 50})
  try {
    // Loaded here: only a .tar.gz export needs it.
    const {extract} = await import('tar')
    // A dataset export holds only files and folders. A link would be followed when an
    // image is read, to wherever it points: links are not extracted, and the archive is
    // refused. tar itself refuses absolute paths and `..` entries.
    let link: string | undefined
    await extract({
      file,
      cwd: dir,
      strict: true,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : undefined
        if (type === undefined || type === 'File' || type === 'OldFile' || type === 'Directory')
          return true
        link ??= `${path} (${type})`
        return false
      },
    })
    if (link !== undefined)
      throw new SourceError(
        `${file} holds ${link}, a link or special file that a dataset export never holds; it was not read`,
      )
    const datasetDir = await findDataDir(dir)
    if (datasetDir === undefined)
      throw new SourceError(`${file} holds no data.ndjson: not a dataset export`)
    return {datasetDir, cleanup}
  } catch (error) {
    await cleanup()
    if (error instanceof SourceError) throw error
    throw new SourceError(`cannot read archive ${file}: ${(error as Error).message}`)
  }
}

/** `sanity dataset export` puts everything under one folder named after the export. */
async function findDataDir(root: string): Promise<string | undefined> {
  const entries = await readdir(root, {withFileTypes: true})
  if (entries.some((entry) => entry.isFile() && entry.name === 'data.ndjson')) return root
  for (const entry of entries) {
    if (!entry.isDirectory()) continue
    const inner = await readdir(join(root, entry.name))
    if (inner.includes('data.ndjson')) return join(root, entry.name)
  }
  return undefined
}
