import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import type {DocumentInfo, PlannedRender} from './plan.ts'
import type {RenderOptions} from './render.ts'

/** One document to render: parsed, or as its dataset line (parsed by the worker). */
export type RenderJob = {id: string; options: RenderOptions} & ({doc: unknown} | {text: string})

export type RenderOutcome = {id: string; info: DocumentInfo | undefined} & (
  | {result: PlannedRender}
  | {
      /** The thrown error's fields, rebuilt into an Error on this side. */
      error: {message: string; documentId: unknown; path: unknown; pathString: unknown}
    }
)

export interface Rendered {
  info: DocumentInfo | undefined
  value: PlannedRender | Error
}

const BATCH = 25
/** Below this, starting workers (each loads the converter) costs more than it saves. */
export const POOL_THRESHOLD = 200

export function defaultWorkers(env: Record<string, string | undefined>): number {
  const configured = Number(env['SANITY_EXPORT_WORKERS'])
  if (env['SANITY_EXPORT_WORKERS'] !== undefined && Number.isInteger(configured) && configured >= 0)
    return configured
  return Math.min(availableParallelism(), 8)
}

/**
 * Worker threads that render documents, one per core: the converter is pure and
 * CPU-bound, so a full export of a big dataset scales with the cores. Documents can
 * be sent as their dataset lines, so that the main thread never holds them parsed.
 * A document that threw comes back as an Error with the converter's fields
 * (documentId, path, pathString), so reports stay the same.
 */
export class RenderPool {
  readonly #workers: Worker[]

  constructor(size: number) {
    const url = new URL('./render-worker.ts', import.meta.url)
    // A smaller young generation keeps each worker's memory down by about a hundred
    // megabytes, measured at the same CPU time: the results leave the worker at once.
    this.#workers = Array.from(
      {length: Math.max(1, size)},
      () => new Worker(url, {resourceLimits: {maxYoungGenerationSizeMb: 16}}),
    )
  }

  async render(
    jobs: readonly RenderJob[],
    onDone?: (count: number) => void,
  ): Promise<Map<string, Rendered>> {
    const results = new Map<string, Rendered>()
    const batches: RenderJob[][] = []
    for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH))
    let next = 0
    const drive = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        const send = () => {
          const batch = batches[next++]
          if (batch === undefined) {
            worker.off('message', receive)
            worker.off('error', reject)
            resolve()
          } else worker.postMessage(batch)
        }
        const receive = (outcomes: RenderOutcome[]) => {
          for (const outcome of outcomes) {
            const value =
              'result' in outcome
                ? outcome.result
                : Object.assign(new Error(outcome.error.message), outcome.error)
            results.set(outcome.id, {info: outcome.info, value})
          }
          onDone?.(results.size)
          send()
        }
        worker.on('message', receive)
        worker.on('error', reject)
        send()
      })
    await Promise.all(this.#workers.map(drive))
    return results
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }
}
