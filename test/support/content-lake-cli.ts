/**
 * Serves an NDJSON dataset as a local Content Lake, to run the Studio against:
 *
 *   npx node test/support/content-lake-cli.ts --port 4000 --ndjson data.ndjson --tls
 *   SANITY_STUDIO_API_HOST=https://localhost:4000 npx sanity dev
 *
 * Use `--tls` for a Studio in a browser: editing needs HTTP/2 (see startContentLake).
 */
import {readFile} from 'node:fs/promises'
import {parseArgs} from 'node:util'
import type {SanityDocumentLike} from '@sanity/types'
import {startContentLake} from './content-lake.ts'

function parseDocuments(text: string, source: string): SanityDocumentLike[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, index) => {
      const doc: unknown = JSON.parse(line)
      if (typeof doc !== 'object' || doc === null || !('_id' in doc) || !('_type' in doc)) {
        throw new Error(`${source}:${index + 1}: not a document with _id and _type`)
      }
      return doc as SanityDocumentLike
    })
}

const {values} = parseArgs({
  options: {
    port: {type: 'string', default: '4000'},
    ndjson: {type: 'string'},
    tls: {type: 'boolean', default: false},
    'project-id': {type: 'string'},
    dataset: {type: 'string'},
    token: {type: 'string'},
  },
})

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  throw new Error(`--port must be a port number, got "${values.port}"`)
}
const documents =
  values.ndjson === undefined
    ? []
    : parseDocuments(await readFile(values.ndjson, 'utf8'), values.ndjson)

const lake = await startContentLake({
  documents,
  port,
  tls: values.tls,
  ...(values['project-id'] === undefined ? {} : {projectId: values['project-id']}),
  ...(values.dataset === undefined ? {} : {dataset: values.dataset}),
  ...(values.token === undefined ? {} : {token: values.token}),
})
console.log(
  `Content Lake for project "${lake.projectId}", dataset "${lake.dataset}" ` +
    `(${documents.length} documents) at ${lake.url}`,
)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    lake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
