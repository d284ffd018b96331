import {parentPort} from 'node:worker_threads'
import {loadConverter} from './render.ts'
import type {RenderJob, RenderOutcome} from './render-pool.ts'

/** Renders batches of documents for the pool in render-pool.ts. */
const converter = await loadConverter()

parentPort?.on('message', (jobs: RenderJob[]) => {
  const outcomes: RenderOutcome[] = jobs.map((job) => {
    try {
      return {id: job.id, result: converter.renderPost(job.doc, job.options)}
    } catch (error) {
      const record = (error instanceof Error ? error : new Error(String(error))) as Error &
        Record<string, unknown>
      return {
        id: job.id,
        error: {
          message: record.message,
          documentId: record['documentId'],
          path: record['path'],
          pathString: record['pathString'],
        },
      }
    }
  })
  parentPort?.postMessage(outcomes)
})
