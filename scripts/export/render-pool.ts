import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import type {RenderResult} from '../../converter/types.ts'
import type {RenderOptions} from './render.ts'

export interface RenderJob {
  id: string
  doc: unknown
  options: RenderOptions
}

export type RenderOutcome =
  | {id: string; result: RenderResult}
  | {
      id: string
      /** The thrown error's fields, rebuilt into an Error on this side. */
      error: {message: string; documentId: unknown; path: unknown; pathString: unknown}
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
 * Renders many documents on worker threads, one per core: the converter is pure and
 * CPU-bound, so a full export of a big dataset scales with the cores. Results come
 * back keyed by document id; a document that threw comes back as an Error with the
 * converter's fields (documentId, path, pathString) so reports stay the same.
 */
export async function renderInWorkers(
  jobs: readonly RenderJob[],
  workers: number,
  onDone?: (count: number) => void,
): Promise<Map<string, RenderResult | Error>> {
  const results = new Map<string, RenderResult | Error>()
  const batches: RenderJob[][] = []
  for (let i = 0; i < jobs.length; i += BATCH) batches.push(jobs.slice(i, i + BATCH))
  let next = 0
  const url = new URL('./render-worker.ts', import.meta.url)
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const batch = batches[next++]
        if (batch === undefined) {
          resolve()
          return
        }
        worker.postMessage(batch)
      }
      worker.on('message', (outcomes: RenderOutcome[]) => {
        for (const outcome of outcomes) {
          if ('result' in outcome) results.set(outcome.id, outcome.result)
          else
            results.set(outcome.id, Object.assign(new Error(outcome.error.message), outcome.error))
        }
        onDone?.(results.size)
        send()
      })
      worker.on('error', reject)
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`a render worker stopped (exit ${code})`))
      })
      send()
    })
  const pool = Array.from(
    {length: Math.max(1, Math.min(workers, batches.length))},
    () => new Worker(url),
  )
  try {
    await Promise.all(pool.map(run))
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()))
  }
  return results
}
