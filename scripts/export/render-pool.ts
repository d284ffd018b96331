import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import type {SiteConfig} from '../../converter/config.ts'
import {startThread} from '../lib/thread.ts'
import type {DocumentInfo, PlannedRender} from './plan.ts'
import type {RenderOptions} from './render.ts'

/** One document to render: parsed, or as its dataset line (parsed by the worker). */
export type RenderJob = {id: string; options: RenderOptions} & ({doc: unknown} | {text: string})

/** A thrown error's fields, rebuilt into an Error on this side. */
export interface ErrorFields {
  message: string
  documentId: unknown
  path: unknown
  pathString: unknown
}

export type RenderOutcome = {id: string; info: DocumentInfo | undefined} & (
  | {result: PlannedRender}
  | {error: ErrorFields}
)

/**
 * One dataset line the scan has not seen before, as UTF-8 bytes (moved to the
 * worker, not copied), with the slugs its document had at the last export.
 */
export interface ScanJob {
  bytes: Uint8Array
  /** For a line that is not a document: where it is, e.g. `data.ndjson:12`. */
  where: string
  /** The manifest's slug history for the line's id (`previousSlugs`, then `slug`). */
  history: {previousSlugs: string[]; slug: string} | undefined
}

/** What the scan of one line found: its indexed fields, and its rendering when exportable. */
export type ScanOutcome =
  | {error: string}
  | {
      header: Record<string, unknown>
      rendered?: {aliases: readonly string[]; outcome: RenderOutcome}
    }

/** A scan batch's answer: each line's outcome, and the lines' buffers, moved back. */
export interface ScanAnswer {
  outcomes: ScanOutcome[]
  spent: ArrayBuffer[]
}

/** Settings every scan job of a run shares, sent once per batch. */
export interface ScanSettings {
  site: SiteConfig
  types: readonly string[]
}

export type WorkerRequest =
  | {kind: 'render'; jobs: RenderJob[]}
  | {kind: 'scan'; jobs: ScanJob[]; settings: ScanSettings}

export interface Rendered {
  info: DocumentInfo | undefined
  value: PlannedRender | Error
}

/** Documents (or dataset lines) sent to a render thread at a time. */
export const BATCH = 25
/** Below this, starting workers (each loads the converter) costs more than it saves. */
export const POOL_THRESHOLD = 200

export function defaultWorkers(env: Record<string, string | undefined>): number {
  const configured = Number(env['SANITY_EXPORT_WORKERS'])
  if (env['SANITY_EXPORT_WORKERS'] !== undefined && Number.isInteger(configured) && configured >= 0)
    return configured
  return Math.min(availableParallelism(), 8)
}

export function rebuildError(fields: ErrorFields): Error {
  return Object.assign(new Error(fields.message), fields)
}

interface Task {
  request: WorkerRequest
  transfer: ArrayBuffer[]
  resolve: (answer: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Worker threads that render documents, one per core: the converter is pure and
 * CPU-bound, so a full export of a big dataset scales with the cores. Documents can
 * be sent as their dataset lines, so that the main thread never holds them parsed.
 * A document that threw comes back as an Error with the converter's fields
 * (documentId, path, pathString), so reports stay the same.
 *
 * Batches queue up and go to whichever worker is free, so a caller can keep
 * submitting while earlier batches render (the dataset scan does).
 */
export class RenderPool {
  readonly #workers: Worker[]
  readonly #queue: Task[] = []
  /** Each thread's sent batches, oldest first: it answers them in order. */
  readonly #running = new Map<Worker, Task[]>()
  #failure: unknown

  constructor(size: number) {
    const url = new URL('./render-worker.ts', import.meta.url)
    // The young generation is bounded so that a 10,000-post export stays under 1 GB
    // (about 850 MB with 64 MB); a 16 MB bound saved another 100 MB but cost about
    // 1.5 s of CPU in collections over the same export. `npm run export` caps every
    // thread's semi-spaces lower still (--max-semi-space-size, which wins over this);
    // this bound holds when the exporter is started without it.
    this.#workers = Array.from({length: Math.max(1, size)}, () =>
      startThread(url, {resourceLimits: {maxYoungGenerationSizeMb: 64}}),
    )
    for (const worker of this.#workers) {
      this.#running.set(worker, [])
      worker.on('message', (answer: unknown) => {
        const task = this.#running.get(worker)?.shift()
        // The next batch goes first: the thread should not wait for what the
        // answer starts on this thread (the scan writes files ahead with it).
        this.#next()
        task?.resolve(answer)
      })
      worker.on('error', (error) => this.#fail(error))
      worker.on('exit', (code) => {
        if ((this.#running.get(worker)?.length ?? 0) > 0)
          this.#fail(new Error(`a render thread exited (${code})`))
      })
    }
  }

  #fail(error: unknown): void {
    this.#failure ??= error
    const tasks = [...this.#running.values()].flatMap((sent) => sent.splice(0))
    for (const task of [...tasks, ...this.#queue.splice(0)]) task.reject(error)
  }

  /**
   * Keeps up to two batches with each thread, so that a thread finishing one starts
   * the next at once instead of waiting until this thread gets to its answer.
   */
  #next(): void {
    for (const depth of [1, 2]) {
      for (const worker of this.#workers) {
        const sent = this.#running.get(worker) as Task[]
        if (sent.length >= depth) continue
        const task = this.#queue.shift()
        if (task === undefined) return
        sent.push(task)
        worker.postMessage(task.request, task.transfer)
      }
    }
  }

  #submit(request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#queue.push({request, transfer, resolve, reject})
      this.#next()
    })
  }

  /**
   * Parses (and, when exportable, renders) one batch of dataset lines, in order. Each
   * line's buffer is moved to the thread and back: one buffer per line.
   */
  async scan(jobs: ScanJob[], settings: ScanSettings): Promise<ScanAnswer> {
    const transfer = jobs.map((job) => job.bytes.buffer as ArrayBuffer)
    return (await this.#submit({kind: 'scan', jobs, settings}, transfer)) as ScanAnswer
  }

  async render(
    jobs: readonly RenderJob[],
    onDone?: (count: number) => void,
  ): Promise<Map<string, Rendered>> {
    const results = new Map<string, Rendered>()
    const batches: Promise<void>[] = []
    for (let i = 0; i < jobs.length; i += BATCH) {
      const batch = jobs.slice(i, i + BATCH)
      batches.push(
        this.#submit({kind: 'render', jobs: batch}).then((outcomes) => {
          for (const outcome of outcomes as RenderOutcome[]) {
            const value = 'result' in outcome ? outcome.result : rebuildError(outcome.error)
            results.set(outcome.id, {info: outcome.info, value})
          }
          onDone?.(results.size)
        }),
      )
    }
    await Promise.all(batches)
    return results
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }
}
