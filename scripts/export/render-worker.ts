import {parentPort} from 'node:worker_threads'
import {parseDocument} from './ndjson.ts'
import type {DocumentInfo} from './plan.ts'
import {loadConverter} from './render.ts'
import type {RenderJob, RenderOutcome} from './render-pool.ts'

/** Renders batches of documents for RenderPool (render-pool.ts). */
const converter = await loadConverter()
const encoder = new TextEncoder()

function infoOf(doc: unknown): DocumentInfo | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined
  const record = doc as Record<string, unknown>
  const {_id, _type, _rev, _updatedAt} = record
  if (typeof _id !== 'string' || typeof _type !== 'string' || typeof _rev !== 'string')
    return undefined
  return {_id, _type, _rev, _updatedAt}
}

function renderJob(job: RenderJob): RenderOutcome {
  let doc: unknown
  try {
    doc = 'text' in job ? parseDocument(job.text, job.id) : job.doc
    const result = converter.renderPost(doc, job.options)
    // As bytes, moved (not copied) to the main thread, which keeps them until it writes.
    return {
      id: job.id,
      info: infoOf(doc),
      result: {...result, markdown: encoder.encode(result.markdown)},
    }
  } catch (error) {
    const record = (error instanceof Error ? error : new Error(String(error))) as Error &
      Record<string, unknown>
    return {
      id: job.id,
      info: infoOf(doc),
      error: {
        message: record.message,
        documentId: record['documentId'],
        path: record['path'],
        pathString: record['pathString'],
      },
    }
  }
}

parentPort?.on('message', (jobs: RenderJob[]) => {
  const outcomes = jobs.map(renderJob)
  const buffers = outcomes.flatMap((outcome) =>
    'result' in outcome && outcome.result.markdown instanceof Uint8Array
      ? [outcome.result.markdown.buffer as ArrayBuffer]
      : [],
  )
  parentPort?.postMessage(outcomes, buffers)
})
