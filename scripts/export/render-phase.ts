import type {SiteConfig} from '../../converter/config.ts'
import type {AssetPlacement} from '../../converter/types.ts'
import {utf8Bytes} from '../lib/utf8.ts'
import type {Manifest} from './manifest.ts'
import {quickIdentity, type SanityDocument} from './ndjson.ts'
import {
  assetHash,
  checkPaths,
  type DocumentInfo,
  type PlannedRender,
  type PlanRender,
  renderOptionsFor,
} from './plan.ts'
import type {ListingRow} from './query.ts'
import {type Converter, EXPORTED_TYPES, loadConverter, type RenderOptions} from './render.ts'
import {
  BATCH,
  POOL_THRESHOLD,
  type Rendered,
  type RenderJob,
  RenderPool,
  rebuildError,
  type ScanJob,
} from './render-pool.ts'
import type {Source} from './source.ts'
import type {LineParser, UnseenLine} from './source-file.ts'
import type {Stage} from './stage.ts'

/** Documents per request when many are needed: one huge answer is slow and fragile. */
export const PAGE = 500

export interface RenderPhaseInput {
  source: Source
  /** The listed documents that must be rendered. */
  need: readonly ListingRow[]
  manifest: Manifest
  site: SiteConfig
  /** Ask for everything in one query (a first or full export). */
  all: boolean
  /** `_updatedAt` of the last complete run; null to ask by id only. */
  since: string | null
  workers: number
  /** What the dataset scan already rendered, when it handed its lines to the render threads. */
  scanned?: ScanRenderer
  onProgress: (done: number, total: number) => void
}

export interface RenderPhase {
  /** The system fields of every document that came back, for the planner. */
  documents: Map<string, DocumentInfo>
  render: PlanRender
}

function infoOf(doc: SanityDocument): DocumentInfo {
  return {_id: doc._id, _type: doc._type, _rev: doc._rev, _updatedAt: doc['_updatedAt']}
}

const aliasKey = (aliases: readonly string[] | undefined) => JSON.stringify(aliases ?? [])

/** The smallest buffer a line is copied into: most dataset lines fit one. */
const SPARE_MIN = 64 * 1024

interface Ahead {
  aliases: string
  value: PlannedRender | Error
}

/**
 * The file source's line parser for a big run: unseen lines go to the render threads,
 * which parse them for the listing and render the exportable ones straight away
 * (every document whose line changed is rendered anyway). Rendering then overlaps the
 * scan, and no line is parsed twice. The threads start with the first handed-over
 * batch, so a run with few changed lines never starts them.
 */
export class ScanRenderer implements LineParser {
  readonly threshold = POOL_THRESHOLD
  readonly batch = BATCH
  readonly inFlight: number
  /** Renderings by document id, with the aliases they were rendered with. */
  readonly results = new Map<string, Ahead & {info: DocumentInfo | undefined}>()
  readonly #workers: number
  readonly #site: SiteConfig
  readonly #manifest: Manifest
  readonly #stage: Stage | undefined
  #pool: RenderPool | undefined
  /** Line buffers the render threads have finished with. */
  readonly #spare: ArrayBuffer[] = []
  /** The source's images, once it is open: staged with the posts that place them. */
  assets: ((placement: AssetPlacement) => Promise<Uint8Array>) | undefined

  /** With a `stage`, what each rendering will most likely write is written ahead. */
  constructor(workers: number, site: SiteConfig, manifest: Manifest, stage?: Stage) {
    this.#workers = workers
    this.#site = site
    this.#manifest = manifest
    this.#stage = stage
    // Enough queued to keep every thread busy, few enough to bound the lines in memory.
    this.inFlight = workers * 4
  }

  /** The threads, once started: the render phase uses them for whatever is left. */
  get pool(): RenderPool | undefined {
    return this.#pool
  }

  /**
   * A copy of a line in a buffer a render thread gave back, when one is big enough;
   * new buffers get room to spare, so that most later lines fit them.
   */
  copy(bytes: Uint8Array): Uint8Array {
    const buffer = this.#spare.pop()
    const copy =
      buffer !== undefined && buffer.byteLength >= bytes.byteLength
        ? new Uint8Array(buffer, 0, bytes.byteLength)
        : new Uint8Array(
            new ArrayBuffer(Math.max(SPARE_MIN, Math.ceil(bytes.byteLength * 1.25))),
            0,
            bytes.byteLength,
          )
    copy.set(bytes)
    return copy
  }

  async parse(lines: UnseenLine[]) {
    this.#pool ??= new RenderPool(this.#workers)
    const jobs: ScanJob[] = lines.map(({bytes, where}) => {
      const quick = quickIdentity(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      const entry = quick === undefined ? undefined : this.#manifest.documents[quick.id]
      return {
        bytes,
        where,
        history:
          entry === undefined ? undefined : {previousSlugs: entry.previousSlugs, slug: entry.slug},
      }
    })
    const {outcomes, spent} = await this.#pool.scan(jobs, {
      site: this.#site,
      types: EXPORTED_TYPES,
    })
    this.#spare.push(...spent)
    return outcomes.map((outcome) => {
      if ('error' in outcome) return outcome
      const rendered = outcome.rendered
      if (rendered !== undefined) {
        const {outcome: result} = rendered
        this.results.set(result.id, {
          aliases: aliasKey(rendered.aliases),
          info: result.info,
          value:
            'result' in result
              ? this.#stageAhead(result.id, result.result)
              : rebuildError(result.error),
        })
      }
      return {header: outcome.header}
    })
  }

  /**
   * Writes ahead the files the planner will most likely ask for: the post when the
   * manifest does not record this content at this path, and each image it does not
   * record. The planner still decides; what it does not take is discarded. A post
   * written ahead is kept as its `Staged` token, not its bytes: a big export no
   * longer holds every post in memory until it writes.
   */
  #stageAhead(id: string, result: PlannedRender): PlannedRender {
    const stage = this.#stage
    if (stage === undefined || !(result.markdown instanceof Uint8Array)) return result
    if (result.sha256 === undefined || checkPaths(this.#site, result) !== undefined) return result
    const entry = this.#manifest.documents[id]
    const staged =
      entry?.path !== result.path || entry.sha256 !== result.sha256
        ? stage.put(result.path, result.markdown, result.sha256)
        : undefined
    const assets = this.assets
    if (assets !== undefined)
      for (const placement of result.assets) {
        if (entry?.assets.some((asset) => asset.path === placement.path)) continue
        stage.putLater(placement.path, assets(placement), assetHash)
      }
    return staged === undefined ? result : {...result, markdown: staged}
  }

  async close(): Promise<void> {
    await this.#pool?.close()
  }
}

/** Renders on this thread and keeps the markdown as bytes, like the render threads do. */
function renderToBytes(
  converter: Converter,
  doc: SanityDocument,
  options: RenderOptions,
): PlannedRender | Error {
  try {
    const result = converter.renderPost(doc, options)
    return {...result, markdown: utf8Bytes(result.markdown)}
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/**
 * Fetches and renders the documents that changed.
 *
 * A small run asks the source once (everything, or what changed since the last run
 * plus the named ids) and renders on this thread as the planner asks. A big run
 * asks a page of ids at a time and renders ahead (on worker threads when there are
 * cores for them), keeping only the results, as bytes: the documents never all sit
 * in memory at once, and a dataset file hands the workers its lines unparsed.
 */
export async function prepareRenders(input: RenderPhaseInput): Promise<RenderPhase> {
  const {source, manifest, site} = input
  const documents = new Map<string, DocumentInfo>()
  const ahead = new Map<string, Ahead>()
  let need = input.need
  if (input.scanned !== undefined) {
    const rest: ListingRow[] = []
    for (const row of input.need) {
      const done = input.scanned.results.get(row._id)
      if (done === undefined) {
        rest.push(row)
        continue
      }
      documents.set(row._id, done.info ?? {_id: row._id, _type: '', _rev: row._rev})
      ahead.set(row._id, {aliases: done.aliases, value: done.value})
    }
    need = rest
  }
  if (input.need.length === 0)
    return {
      documents,
      render: () => {
        throw new Error('rendering was not expected in this run')
      },
    }
  // Started now, to load while the documents are fetched; not at all when the scan
  // rendered everything, unless a slug turns out to need other aliases.
  let loading: Promise<Converter> | undefined = need.length > 0 ? loadConverter() : undefined
  const converter = () => {
    loading ??= loadConverter()
    return loading
  }
  const full = new Map<string, SanityDocument>()
  const all = input.all && need.length === input.need.length
  const pooled = input.workers > 1 && need.length >= POOL_THRESHOLD

  if (need.length === 0) {
    // The scan rendered everything.
  } else if (!pooled && need.length <= PAGE) {
    const fetched = await source.documents({
      types: EXPORTED_TYPES,
      all,
      since: all ? null : input.since,
      ids: all ? [] : need.map((row) => row._id),
    })
    for (const doc of fetched) {
      full.set(doc._id, doc)
      documents.set(doc._id, infoOf(doc))
    }
  } else {
    const shared = input.scanned?.pool
    const pool = pooled ? (shared ?? new RenderPool(input.workers)) : undefined
    try {
      let done = 0
      for (let i = 0; i < need.length; i += PAGE) {
        const page = need.slice(i, i + PAGE)
        const params = {
          types: EXPORTED_TYPES,
          all: false,
          since: null,
          ids: page.map((row) => row._id),
        }
        const optionsFor = (row: ListingRow) =>
          renderOptionsFor(site, manifest.documents[row._id], row.slug).options
        if (pool === undefined) {
          const loaded = await converter()
          const docs = new Map((await source.documents(params)).map((doc) => [doc._id, doc]))
          for (const row of page) {
            const doc = docs.get(row._id)
            if (doc === undefined) continue
            const options = optionsFor(row)
            documents.set(doc._id, infoOf(doc))
            ahead.set(doc._id, {
              aliases: aliasKey(options.aliases),
              value: renderToBytes(loaded, doc, options),
            })
          }
          done += page.length
          input.onProgress(done, need.length)
          continue
        }
        const jobs: RenderJob[] = []
        if (source.texts !== undefined) {
          const texts = await source.texts(params)
          for (const row of page) {
            const text = texts.get(row._id)
            if (text !== undefined) jobs.push({id: row._id, text, options: optionsFor(row)})
          }
        } else {
          const docs = new Map((await source.documents(params)).map((doc) => [doc._id, doc]))
          for (const row of page) {
            const doc = docs.get(row._id)
            if (doc !== undefined) jobs.push({id: row._id, doc, options: optionsFor(row)})
          }
        }
        const results: Map<string, Rendered> = await pool.render(jobs, (count) =>
          input.onProgress(done + count, need.length),
        )
        done += jobs.length
        for (const job of jobs) {
          const rendered = results.get(job.id)
          if (rendered === undefined) continue
          // A line that no longer parses still reaches the report, through its error.
          const row = page.find((candidate) => candidate._id === job.id)
          documents.set(job.id, rendered.info ?? {_id: job.id, _type: '', _rev: row?._rev ?? ''})
          ahead.set(job.id, {aliases: aliasKey(job.options.aliases), value: rendered.value})
        }
      }
    } finally {
      if (pool !== shared) await pool?.close()
    }
  }

  return {
    documents,
    render: async (info, options) => {
      const ready = ahead.get(info._id)
      if (ready !== undefined && ready.aliases === aliasKey(options.aliases)) {
        if (ready.value instanceof Error) throw ready.value
        return ready.value
      }
      // Rendered ahead with other aliases (the slug was not what the listing said), or
      // not rendered yet: render here, from the document itself.
      let doc = full.get(info._id)
      if (doc === undefined) {
        const fetched = await source.documents({
          types: EXPORTED_TYPES,
          all: false,
          since: null,
          ids: [info._id],
        })
        doc = fetched.find((candidate) => candidate._id === info._id)
        if (doc === undefined) throw new Error('the source no longer returns this document')
      }
      return (await converter()).renderPost(doc, options)
    },
  }
}
