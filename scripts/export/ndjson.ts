import {createReadStream} from 'node:fs'
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
 * Reads a dataset's ndjson in large chunks and parses it line by line, without ever
 * holding the whole file as one string (a big dataset exceeds V8's string limit).
 * Reports each document with the byte span of its line, so that a later run can
 * read single documents back without parsing the rest.
 */
export async function scanNdjson(
  file: string,
  onDocument: (doc: SanityDocument, span: LineSpan) => void,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0)
  let pendingOffset = 0
  let lineNumber = 0
  const take = (bytes: Buffer, offset: number) => {
    lineNumber += 1
    const line = bytes.toString('utf8')
    if (line.trim() === '') return
    onDocument(parseDocument(line, `${file}:${lineNumber}`), {offset, length: bytes.length})
  }
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    const data = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    let start = 0
    let newline = data.indexOf(10, start)
    while (newline !== -1) {
      take(data.subarray(start, newline), pendingOffset + start)
      start = newline + 1
      newline = data.indexOf(10, start)
    }
    // Copied, so the stream's chunk can be released.
    pending = Buffer.from(data.subarray(start))
    pendingOffset += start
  }
  if (pending.length > 0) take(pending, pendingOffset)
}

/** Reads and parses the documents at these spans (from an earlier scan of the same file). */
export async function readDocumentsAt(
  file: string,
  spans: readonly LineSpan[],
): Promise<SanityDocument[]> {
  const handle = await open(file, 'r')
  try {
    const documents: SanityDocument[] = []
    for (const span of spans) {
      const buffer = Buffer.alloc(span.length)
      const {bytesRead} = await handle.read(buffer, 0, span.length, span.offset)
      if (bytesRead !== span.length) throw new DatasetError(`${file} changed while it was read`)
      documents.push(parseDocument(buffer.toString('utf8'), `${file}@${span.offset}`))
    }
    return documents
  } finally {
    await handle.close()
  }
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
