import {readFileSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import fc from 'fast-check'
import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {quickIdentity, scanLines} from '../../scripts/export/ndjson.ts'
import {LISTING_QUERY, listingRow} from '../../scripts/export/query.ts'
import {EXPORTED_TYPES} from '../../scripts/export/render.ts'
import {DEFAULT_RETRY} from '../../scripts/export/retry.ts'
import type {Source} from '../../scripts/export/source.ts'
import {SourceError} from '../../scripts/export/source.ts'
import {type LineParser, openFileSource, type UnseenLine} from '../../scripts/export/source-file.ts'
import {
  ARCHIVE,
  RAW_ARCHIVE,
  removeTempDirs,
  SAMPLE_IMAGES,
  SAMPLE_NDJSON,
  sampleDocs,
  tempDir,
  writeDataset,
} from './helpers.ts'

const PUBLISHED = [
  'post-distributed-cache',
  'post-distributed-rate-limiter',
  'post-notification-fanout',
  'post-url-shortener',
]

let cdn: Server
let cdnUrl: string

function open(file: string, cacheDir?: string): Promise<Source> {
  return openFileSource(file, {
    cacheDir,
    download: {timeoutMs: 5000, retry: {...DEFAULT_RETRY, baseDelayMs: 1}, assetHost: cdnUrl},
  })
}

/** What a source yields for every published post: its rendered markdown and image bytes. */
async function exported(source: Source) {
  const listing = await source.listing(EXPORTED_TYPES)
  const docs = await source.documents({types: EXPORTED_TYPES, all: true, since: null, ids: []})
  const out: Record<string, {markdown: string; images: Record<string, string>}> = {}
  for (const doc of docs.sort((a, b) => (a._id < b._id ? -1 : 1))) {
    const result = renderPost(doc, DEFAULT_SITE)
    const images: Record<string, string> = {}
    for (const placement of result.assets)
      images[placement.path] = Buffer.from(await source.asset(placement)).toString('base64')
    out[doc._id] = {markdown: result.markdown, images}
  }
  await source.close()
  return {listing: listing.sort((a, b) => (a._id < b._id ? -1 : 1)), out}
}

beforeAll(async () => {
  cdn = createServer((request, response) => {
    const name = /^\/images\/placeholder\/production\/([0-9a-f]{40}-\d+x\d+\.png)$/.exec(
      request.url ?? '',
    )?.[1]
    if (name === undefined) response.writeHead(404).end()
    else response.writeHead(200).end(readFileSync(join(SAMPLE_IMAGES, name)))
  })
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve))
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => cdn.close(() => resolve()))
  removeTempDirs()
})

describe('scanLines', () => {
  it('finds every line and its byte span across chunk boundaries', async () => {
    const file = join(tempDir('lines'), 'data.ndjson')
    const text = '{"a":"é"}\n\n  \n{"b":"a longer line that spans several chunks"}\r\n{"c":3}'
    writeFileSync(file, text)
    const bytes = readFileSync(file)
    for (const chunkSize of [1, 2, 7, 64, 1 << 20]) {
      const seen: [string, string][] = []
      await scanLines(
        file,
        (line, span) => {
          seen.push([
            line.toString('utf8'),
            bytes.subarray(span.offset, span.offset + span.length).toString('utf8'),
          ])
        },
        chunkSize,
      )
      expect(seen).toEqual([
        ['{"a":"é"}', '{"a":"é"}'],
        [
          '{"b":"a longer line that spans several chunks"}\r',
          '{"b":"a longer line that spans several chunks"}\r',
        ],
        ['{"c":3}', '{"c":3}'],
      ])
    }
  })

  it('reads the id and revision of a line without parsing it, or gives up', () => {
    expect(
      quickIdentity(Buffer.from('{"_createdAt":"x","_id":"post-1","_rev":"abc123","_type":"p"}')),
    ).toEqual({
      id: 'post-1',
      rev: 'abc123',
    })
    expect(quickIdentity(Buffer.from('{"_id":"post-1","title":"x"}'))).toBe(undefined)
    expect(quickIdentity(Buffer.from('{"_id":"a\\"b","_rev":"r"}'))).toBe(undefined)
    expect(quickIdentity(Buffer.from('{"_id": "post-1", "_rev": "r"}'))).toBe(undefined)
  })
})

describe('handing unseen lines to a parser', () => {
  /** Parses as the render threads would, recording each batch it was handed. */
  function recordingParser(threshold: number): LineParser & {batches: string[][]} {
    const batches: string[][] = []
    return {
      threshold,
      batch: 2,
      inFlight: 1,
      batches,
      async parse(lines: UnseenLine[]) {
        batches.push(lines.map((line) => line.where.replace(/^.*:/, 'line ')))
        return lines.map((line) => {
          const doc = JSON.parse(Buffer.from(line.bytes).toString('utf8')) as Record<
            string,
            unknown
          >
          return typeof doc['_id'] === 'string' && typeof doc['_type'] === 'string'
            ? {header: {_id: doc['_id'], _type: doc['_type'], _rev: doc['_rev']}}
            : {error: `${line.where}: document without _id`}
        })
      },
    }
  }
  const docs = (count: number) =>
    Array.from({length: count}, (_, i) => ({
      _id: `post-${i}`,
      _type: 'post',
      _rev: `r${i}`,
      slug: {current: `p-${i}`},
    }))
  const listing = (source: Source) =>
    source.listing(EXPORTED_TYPES).then((rows) => rows.map((row) => row._id).sort())
  const openWith = (file: string, parser: LineParser) =>
    openFileSource(file, {
      cacheDir: undefined,
      download: {timeoutMs: 5000, retry: DEFAULT_RETRY, assetHost: undefined},
      parser,
    })

  it('past its threshold hands every unseen line over in batches, in order', async () => {
    const parser = recordingParser(2)
    const file = writeDataset(tempDir('hand-over'), docs(5))
    const source = await openWith(file, parser)
    expect(await listing(source)).toEqual(['post-0', 'post-1', 'post-2', 'post-3', 'post-4'])
    expect(parser.batches).toEqual([['line 1', 'line 2'], ['line 3'], ['line 4', 'line 5']])
  })

  it('parses a few unseen lines itself, and reports a bad line as parsing here would', async () => {
    const few = recordingParser(10)
    const file = writeDataset(tempDir('few'), docs(3))
    const source = await openWith(file, few)
    expect(await listing(source)).toEqual(['post-0', 'post-1', 'post-2'])
    expect(few.batches).toEqual([])

    const bad = join(tempDir('bad-line'), 'data.ndjson')
    const lines = docs(6).map((doc) => JSON.stringify(doc))
    lines[2] = '{"title":"no id"}'
    lines[4] = '{"title":"no id either"}'
    writeFileSync(bad, `${lines.join('\n')}\n`)
    const delegated = await openWith(bad, recordingParser(1))
    await expect(delegated.listing(EXPORTED_TYPES)).rejects.toThrow(
      new SourceError(`${bad}:3: document without _id`),
    )
  })
})

describe('dataset file sources', () => {
  it('read the ndjson and both archive forms alike, without drafts, versions or other types', async () => {
    const ndjson = await exported(await open(SAMPLE_NDJSON))
    expect(ndjson.listing.map((row) => row._id)).toEqual(PUBLISHED)
    expect(ndjson.listing[0]).toEqual({
      _id: 'post-distributed-cache',
      _rev: 'Hc4tW9pL1xZr6NbQ2mVf8k',
      _updatedAt: '2025-09-09T18:05:51Z',
      slug: 'distributed-cache',
    })
    expect(Object.keys(ndjson.out)).toEqual(PUBLISHED)
    expect(await exported(await open(ARCHIVE))).toEqual(ndjson)
    expect(await exported(await open(RAW_ARCHIVE))).toEqual(ndjson)
  })

  it('answers the listing from the indexed fields exactly as from the full documents', async () => {
    const docs = sampleDocs()
    const full = await (
      await evaluate(parse(LISTING_QUERY), {dataset: docs, params: {types: EXPORTED_TYPES}})
    ).get()
    const source = await open(SAMPLE_NDJSON)
    expect(await source.listing(EXPORTED_TYPES)).toEqual(full)
  })

  it("lists a document from its indexed fields exactly as groq-js's listing query does", async () => {
    const id = fc.oneof(
      fc.constantFrom(
        'a',
        'drafts',
        'drafts.',
        'draftsa',
        'x.drafts.a',
        'versions.r1.a',
        'drafts.\n',
      ),
      fc
        .tuple(fc.constantFrom('', 'drafts.', 'versions.', 'drafts', 'versions'), fc.string())
        .map(([prefix, rest]) => prefix + rest),
    )
    const header = fc
      .record(
        {
          _id: id,
          _type: fc.constantFrom('systemDesignPost', 'post', 'sanity.imageAsset'),
          _rev: fc.string(),
          _updatedAt: fc.constantFrom('2025-01-01T00:00:00Z', null, 5),
          slug: fc.constantFrom({current: 'a'}, {current: 3}, {current: null}, {}, 'a', null, [
            'a',
          ]),
        },
        {requiredKeys: ['_id', '_type', '_rev']},
      )
      // Headers come from JSON.parse, with the usual prototype (groq-js relies on it).
      .map((fields) => ({...fields}))
    await fc.assert(
      fc.asyncProperty(fc.array(header, {maxLength: 6}), async (headers) => {
        const query = await evaluate(parse(LISTING_QUERY), {
          dataset: headers,
          params: {types: EXPORTED_TYPES},
        })
        const listed = headers.flatMap((fields) => listingRow(fields, EXPORTED_TYPES) ?? [])
        expect(listed).toEqual(await query.get())
      }),
      {numRuns: 500},
    )
  })

  it('lists the documents the last export knows without parsing them, with the same answer', async () => {
    const docs = sampleDocs()
    const headers = new Map(
      docs.map((doc) => [
        `${doc._id}@${doc._rev}`,
        {
          _id: doc._id,
          _type: doc._type,
          _rev: doc._rev,
          _updatedAt: doc['_updatedAt'],
          slug: doc['slug'],
        },
      ]),
    )
    const broken = '{"_id":"post-known","_rev":"r1","_type":"systemDesignPost","title": oops}'
    headers.set('post-known@r1', {
      _id: 'post-known',
      _type: 'systemDesignPost',
      _rev: 'r1',
      _updatedAt: '2025-01-01T00:00:00Z',
      slug: {current: 'known'},
    })
    const file = join(tempDir('known'), 'data.ndjson')
    writeFileSync(file, `${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n${broken}\n`)
    const known = (id: string, rev: string) => headers.get(`${id}@${rev}`)
    const fast = await openFileSource(file, {
      cacheDir: undefined,
      known,
      download: {timeoutMs: 5000, retry: DEFAULT_RETRY, assetHost: undefined},
    })
    const byId = (a: {_id: string}, b: {_id: string}) => (a._id < b._id ? -1 : 1)
    // The broken line is never parsed: the manifest knows its id and revision.
    expect((await fast.listing(EXPORTED_TYPES)).sort(byId)).toEqual(
      [
        ...(await (await open(SAMPLE_NDJSON)).listing(EXPORTED_TYPES)),
        {_id: 'post-known', _rev: 'r1', _updatedAt: '2025-01-01T00:00:00Z', slug: 'known'},
      ].sort(byId),
    )
    await expect((await open(file)).listing(EXPORTED_TYPES)).rejects.toThrow(SourceError)
  })

  it('keeps an index between runs and drops it when the file changes', async () => {
    const cache = tempDir('index')
    const dir = tempDir('changing')
    const docs = sampleDocs()
    const file = writeDataset(dir, docs)
    const first = await exported(await open(file, cache))
    const second = await exported(await open(file, cache))
    expect(second).toEqual(first)

    const changed = docs.map((doc) =>
      doc._id === 'post-url-shortener' ? {...doc, _rev: 'changed', tagline: 'Changed'} : doc,
    )
    writeFileSync(file, `${changed.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
    const third = await exported(await open(file, cache))
    expect(third.listing.find((row) => row._id === 'post-url-shortener')?._rev).toBe('changed')
    expect(third.out['post-url-shortener']?.markdown).toContain('# URL Shortener: Changed\n')

    const source = await open(file, cache)
    const picked = await source.documents({
      types: EXPORTED_TYPES,
      all: false,
      since: '2025-09-20T00:00:00Z',
      ids: ['post-url-shortener'],
    })
    expect(picked.map((doc) => doc._id).sort()).toEqual([
      'post-distributed-rate-limiter',
      'post-notification-fanout',
      'post-url-shortener',
    ])
  })

  it('names the file and line of a broken document', async () => {
    const dir = tempDir('broken')
    const file = join(dir, 'data.ndjson')
    writeFileSync(file, `${JSON.stringify(sampleDocs()[0])}\n{"_id": "x", oops}\n`)
    const source = await open(file)
    await expect(source.listing(EXPORTED_TYPES)).rejects.toThrow(SourceError)
    await expect((await open(file)).listing(EXPORTED_TYPES)).rejects.toThrow(
      /^.*data\.ndjson:2: not valid JSON \(/,
    )
    await expect(open(join(dir, 'missing.ndjson'))).rejects.toThrow(
      `dataset file not found: ${join(dir, 'missing.ndjson')}`,
    )
  })
})
