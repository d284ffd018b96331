import {parentPort} from 'node:worker_threads'
import {sha256} from '../lib/hash.ts'
import {utf8Bytes} from '../lib/utf8.ts'
import {DatasetError, parseDocument} from './ndjson.ts'
import {type DocumentInfo, renderOptionsFor} from './plan.ts'
import {headerOf, listingRow} from './query.ts'
import {type InputFacts, loadConverter, type RenderOptions} from './render.ts'
import type {
  RenderJob,
  RenderOutcome,
  ScanAnswer,
  ScanJob,
  ScanOutcome,
  ScanSettings,
  WorkerRequest,
} from './render-pool.ts'

/** Renders batches of documents for RenderPool (render-pool.ts). */
const converter = await loadConverter()
const decoder = new TextDecoder()

function infoOf(doc: unknown): DocumentInfo | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined
  const record = doc as Record<string, unknown>
  const {_id, _type, _rev, _updatedAt} = record
  if (typeof _id !== 'string' || typeof _type !== 'string' || typeof _rev !== 'string')
    return undefined
  return {_id, _type, _rev, _updatedAt}
}

function render(
  id: string,
  doc: unknown,
  options: RenderOptions,
  facts?: InputFacts,
): RenderOutcome {
  try {
    const result = converter.renderPost(doc, options, facts)
    // As bytes, moved (not copied) to the main thread, which keeps them until it
    // writes; hashed here, where the work is spread over the threads.
    const markdown = utf8Bytes(result.markdown)
    return {id, info: infoOf(doc), result: {...result, markdown, sha256: sha256(markdown)}}
  } catch (error) {
    return failure(id, doc, error)
  }
}

/** What threw, with the converter's fields (documentId, path, pathString) when it has them. */
function failure(id: string, doc: unknown, error: unknown): RenderOutcome {
  const record = (error instanceof Error ? error : new Error(String(error))) as Error &
    Record<string, unknown>
  return {
    id,
    info: infoOf(doc),
    error: {
      message: record.message,
      documentId: record['documentId'],
      path: record['path'],
      pathString: record['pathString'],
    },
  }
}

function renderJob(job: RenderJob): RenderOutcome {
  let doc: unknown
  try {
    doc = 'text' in job ? parseDocument(job.text, job.id) : job.doc
  } catch (error) {
    return failure(job.id, undefined, error)
  }
  return render(job.id, doc, job.options)
}

/**
 * A line the scan had not seen: its indexed fields for the listing and, when it is
 * an exportable document, its rendering with the aliases its slug history gives. A
 * run renders every such document anyway, so this saves parsing it twice and lets
 * rendering start while the rest of the file is still being read.
 */
function scanJob(job: ScanJob, settings: ScanSettings): ScanOutcome {
  let doc: ReturnType<typeof parseDocument>
  // Decoded UTF-8 holds no lone surrogate and JSON no raw NUL: only an escape can
  // put either in a string.
  const text = decoder.decode(job.bytes)
  const facts: InputFacts = {writableText: !text.includes('\\u')}
  try {
    doc = parseDocument(text, job.where)
  } catch (error) {
    if (error instanceof DatasetError) return {error: error.message}
    throw error
  }
  const header = headerOf(doc)
  // Rendered exactly when the listing selects it, as the listing's own row says.
  const listed = listingRow(header, settings.types)
  if (listed === undefined) return {header}
  const slug = typeof listed['slug'] === 'string' ? listed['slug'] : null
  const {options} = renderOptionsFor(settings.site, job.history, slug)
  return {
    header,
    rendered: {aliases: options.aliases ?? [], outcome: render(doc._id, doc, options, facts)},
  }
}

function transferable(outcome: RenderOutcome | undefined): ArrayBuffer[] {
  return outcome !== undefined &&
    'result' in outcome &&
    outcome.result.markdown instanceof Uint8Array
    ? [outcome.result.markdown.buffer as ArrayBuffer]
    : []
}

parentPort?.on('message', (request: WorkerRequest) => {
  if (request.kind === 'render') {
    const outcomes = request.jobs.map(renderJob)
    parentPort?.postMessage(outcomes, outcomes.flatMap(transferable))
    return
  }
  const outcomes = request.jobs.map((job) => scanJob(job, request.settings))
  // The lines' memory goes back too: the scan copies later lines into it, instead of
  // into new memory, which this machine is slow to hand out.
  const spent = request.jobs.map((job) => job.bytes.buffer as ArrayBuffer)
  const answer: ScanAnswer = {outcomes, spent}
  parentPort?.postMessage(answer, [
    ...outcomes.flatMap((outcome) =>
      'rendered' in outcome ? transferable(outcome.rendered?.outcome) : [],
    ),
    ...spent,
  ])
})
