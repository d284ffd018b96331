import {parentPort} from 'node:worker_threads'
import {parseDocument} from './ndjson.ts'
import type {DocumentInfo} from './plan.ts'
import {loadConverter} from './render.ts'
import type {RenderJob, RenderOutcome} from './render-pool.ts'

/** Renders batches of documents for RenderPool (render-pool.ts). */
const converter = await loadConverter()

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
    return {id: job.id, info: infoOf(doc), result: converter.renderPost(doc, job.options)}
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
  parentPort?.postMessage(jobs.map(renderJob))
})
