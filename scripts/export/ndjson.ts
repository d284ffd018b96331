import {open} from 'node:fs/promises'
import {sha256} from '../lib/hash.ts'

export interface SanityDocument {
  _id: string
  _type: string
  _rev: string
  [key: string]: unknown
}

export class DatasetError extends Error {
  override name = 'DatasetError'
}

/** Where one document's line sits in the file, in bytes (newline excluded). */
export interface LineSpan {
  offset: number
  length: number
}

/**
 * Reads a dataset's ndjson in large chunks and hands over each non-empty line as
 * bytes with its span, without ever holding the whole file as one string (a big
 * dataset exceeds V8's string limit). Parsing is left to the caller, which can
 * skip lines it already knows. A caller that hands lines on to other threads can
 * return a promise to hold the scan back until it has room for more.
 *
 * The bytes are valid only until `onLine` returns (or its promise settles): one
 * read buffer is reused for the whole file, which reads several times faster than
 * a stream allocating a buffer per chunk. A caller that keeps a line copies it.
 */
export async function scanLines(
  file: string,
  onLine: (bytes: Buffer, span: LineSpan) => void | Promise<void>,
  chunkSize = 4 << 20,
): Promise<void> {
  const handle = await open(file, 'r')
  const chunk = Buffer.allocUnsafe(chunkSize)
  // Copies of the pieces of a line that spans chunks.
  let pending: Buffer[] = []
  let lineStart = 0
  let position = 0
  const take = (bytes: Buffer, offset: number) => {
    const first = bytes.findIndex((byte) => byte !== 32 && byte !== 9 && byte !== 13)
    if (first === -1) return
    return onLine(bytes, {offset, length: bytes.length})
  }
  try {
    for (;;) {
      const {bytesRead} = await handle.read(chunk, 0, chunkSize, position)
      if (bytesRead === 0) break
      let start = 0
      let newline = chunk.indexOf(10)
      while (newline !== -1 && newline < bytesRead) {
        const piece = chunk.subarray(start, newline)
        const waiting = take(
          pending.length === 0 ? piece : Buffer.concat([...pending, piece]),
          lineStart,
        )
        if (waiting !== undefined) await waiting
        pending = []
        start = newline + 1
        lineStart = position + start
        newline = chunk.indexOf(10, start)
      }
      if (start < bytesRead) pending.push(Buffer.from(chunk.subarray(start, bytesRead)))
      position += bytesRead
    }
    if (pending.length > 0) await take(Buffer.concat(pending), lineStart)
  } finally {
    await handle.close()
  }
}

const ID_KEY = Buffer.from('"_id":"')
const REV_KEY = Buffer.from('"_rev":"')

function quickString(bytes: Buffer, key: Buffer): string | undefined {
  const at = bytes.indexOf(key)
  if (at === -1) return undefined
  const start = at + key.length
  const end = bytes.indexOf(34, start)
  if (end === -1) return undefined
  const value = bytes.toString('latin1', start, end)
  // Ids and revisions are plain ASCII; anything escaped goes the slow way.
  return /^[\x21-\x7e]+$/.test(value) && !value.includes('\\') ? value : undefined
}

/**
 * The id and revision of a document line without parsing it: the first `"_id":"` and
 * `"_rev":"` in the line. In JSON text that byte sequence can only be a key (a quote
 * inside a string is escaped), and Sanity documents carry these two keys only at the
 * top. A caller uses this only to recognise a line it has seen before, so a wrong
 * guess can only make it parse the line after all.
 */
export function quickIdentity(bytes: Buffer): {id: string; rev: string} | undefined {
  const id = quickString(bytes, ID_KEY)
  const rev = id === undefined ? undefined : quickString(bytes, REV_KEY)
  return id === undefined || rev === undefined ? undefined : {id, rev}
}

/** Reads the lines at these spans (from an earlier scan of the same file). */
export async function readLinesAt(file: string, spans: readonly LineSpan[]): Promise<string[]> {
  const handle = await open(file, 'r')
  try {
    const lines: string[] = []
    for (const span of spans) {
      const buffer = Buffer.alloc(span.length)
      const {bytesRead} = await handle.read(buffer, 0, span.length, span.offset)
      if (bytesRead !== span.length) throw new DatasetError(`${file} changed while it was read`)
      lines.push(buffer.toString('utf8'))
    }
    return lines
  } finally {
    await handle.close()
  }
}

/** Reads and parses the documents at these spans (from an earlier scan of the same file). */
export async function readDocumentsAt(
  file: string,
  spans: readonly LineSpan[],
): Promise<SanityDocument[]> {
  const lines = await readLinesAt(file, spans)
  return lines.map((line, i) => parseDocument(line, `${file}@${spans[i]?.offset ?? 0}`))
}

/**
 * A document without `_rev` gets one derived from its content, so unchanged
 * documents are still recognised between runs.
 */
export function parseDocument(line: string, where: string): SanityDocument {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    throw new DatasetError(`${where}: not valid JSON (${(error as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DatasetError(`${where}: a line must hold one document object`)
  const record = value as Record<string, unknown>
  if (typeof record['_id'] !== 'string' || record['_id'] === '')
    throw new DatasetError(`${where}: document without _id`)
  if (typeof record['_type'] !== 'string')
    throw new DatasetError(`${where}: document ${record['_id']} has no _type`)
  if (typeof record['_rev'] !== 'string' || record['_rev'] === '')
    record['_rev'] = sha256(line).slice(0, 22)
  return record as SanityDocument
}
