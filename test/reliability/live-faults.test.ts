import {readdirSync, readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {extract} from 'tar'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  type ContentLake,
  type Fault,
  type FaultRequest,
  startContentLake,
} from '../support/content-lake.ts'
import {
  cliEnv,
  files,
  OUTPUT_DIR,
  ROOT,
  removeTempDirs,
  runCliAsync,
  tempDir,
  writeJson,
} from './helpers.ts'

/**
 * Faults of the live source, through the CLI as a scheduled job runs it, against the
 * Content Lake stand-in and a CDN stand-in: each fault on the listing query, on the
 * documents query and on image downloads, once (recovered by a retry) and for good
 * (bounded retries with backoff, then a clear message and exit code). The token is
 * never in stdout or stderr, even when the server echoes it, and a source that fails
 * leaves the blog dir as it was. test/export/live.test.ts covers the same stand-in
 * in-process (the happy path, 401, 500, Retry-After, timeouts, cut-off answers);
 * this file adds the CLI's exit codes and output, the documents query, images,
 * 403/429, an over-long Retry-After, a dropped connection and the backoff timing.
 */

const TOKEN = 'sk-reliability-live-token-0123456789abcdef'
const BASE_MS = 40
const IMAGE = /^\/images\/placeholder\/production\/([0-9a-f]{40}-\d+x\d+\.png)$/
const CREATED = 4

let docs: Record<string, unknown>[]
let cache: string
const lakes: ContentLake[] = []
const outcomes: {fault: string; where: string; exit: number | null; requests: number}[] = []

type CdnFault = 'status-500' | 'hang' | 'wrong-bytes'
/** The url-shortener post's cover: the image the CDN faults are aimed at. */
const FAULTY_IMAGE = 'aaacd7adc21020e88431ee3e4623f1126d98e476-1200x630.png'
let cdn: Server
let cdnUrl: string
let cdnFault: CdnFault | undefined
let faultyRequests = 0

function serveImage(request: IncomingMessage, response: ServerResponse) {
  const name = IMAGE.exec(request.url ?? '')?.[1]
  if (name === undefined) {
    response.writeHead(404).end()
    return
  }
  if (cdnFault !== undefined && name === FAULTY_IMAGE) {
    faultyRequests += 1
    if (cdnFault === 'hang') return
    if (cdnFault === 'status-500') {
      response.writeHead(500).end('CDN down')
      return
    }
    response.writeHead(200, {'content-type': 'image/png'}).end(Buffer.from('not the image'))
    return
  }
  response
    .writeHead(200, {'content-type': 'image/png'})
    .end(readFileSync(join(ROOT, 'sample-data', 'images', name)))
}

/** A stand-in that injects `fault` into the first `times` requests to one query. */
async function lake(
  query: 'listing' | 'documents',
  fault: Fault,
  times: number,
): Promise<ContentLake> {
  let seen = 0
  const started = await startContentLake({
    documents: docs as never,
    token: TOKEN,
    fault: (request: FaultRequest) => {
      if (!request.path.includes('/data/query/')) return undefined
      const isListing = decodeURIComponent(request.search).includes('slug.current')
      if ((query === 'listing') !== isListing) return undefined
      seen += 1
      return seen <= times ? fault : undefined
    },
  })
  lakes.push(started)
  return started
}

const queryRequests = (target: ContentLake) =>
  target.requests.filter((request) => request.path.includes('/data/query/'))

async function exportLive(target: ContentLake, extra: string[] = [], env = {}) {
  const blog = tempDir('blog')
  const run = await runCliAsync(
    [
      '--source',
      'live',
      '--project',
      target.projectId,
      '--dataset',
      target.dataset,
      '--api-host',
      target.url,
      '--asset-host',
      cdnUrl,
      '--blog',
      blog,
      '--timeout',
      '0.4',
      '--retries',
      '2',
      ...extra,
    ],
    cliEnv(cache, {
      SANITY_API_READ_TOKEN: TOKEN,
      SANITY_EXPORT_RETRY_BASE_MS: String(BASE_MS),
      ...env,
    }),
  )
  const output = `${run.stdout}${run.stderr}`
  return {...run, blog, leaked: output.includes(TOKEN) || output.includes(TOKEN.slice(3, 20))}
}

beforeAll(async () => {
  cache = tempDir('cache')
  const dir = tempDir('raw')
  await extract({
    file: join(ROOT, 'test', 'fixtures', 'datasets', 'production-raw.tar.gz'),
    cwd: dir,
  })
  const [folder] = readdirSync(dir)
  docs = readFileSync(join(dir, folder ?? '', 'data.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  cdn = createServer(serveImage)
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve))
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`
})

afterAll(async () => {
  await Promise.all(lakes.map((started) => started.close()))
  cdn.closeAllConnections()
  await new Promise<void>((resolve) => cdn.close(() => resolve()))
  writeJson(join(OUTPUT_DIR, 'live-faults.json'), outcomes)
  removeTempDirs()
})

const WHERE = 'placeholder/production'

/** Faults that a retry can get past: given once they are recovered, given always they end the run. */
const TRANSIENT: {name: string; fault: Fault; gaveUp: RegExp}[] = [
  {
    name: '500',
    fault: {status: 500},
    gaveUp: /failed: HTTP 500 .*\(gave up after 3 attempts\)\n$/,
  },
  {
    name: '503 with Retry-After: 0',
    fault: {status: 503, headers: {'Retry-After': '0'}},
    gaveUp: /failed: HTTP 503 .*\(gave up after 3 attempts\)\n$/,
  },
  {
    name: '429',
    fault: {status: 429},
    gaveUp: /failed: HTTP 429 .*\(gave up after 3 attempts\)\n$/,
  },
  {
    name: 'hang (timeout)',
    fault: {hang: true},
    gaveUp: / timed out after 0\.4 s \(gave up after 3 attempts\)\n$/,
  },
  {
    name: 'truncated JSON',
    fault: {truncate: true},
    gaveUp: / returned an incomplete or malformed answer \(.*\) \(gave up after 3 attempts\)\n$/,
  },
  {
    name: 'connection dropped mid-answer',
    fault: {truncate: true, abort: true},
    gaveUp: / failed: .*\(gave up after 3 attempts\)\n$/,
  },
  {
    name: '500 whose body echoes the token',
    fault: {status: 500, body: {error: 'Internal', message: `token ${TOKEN} was rejected`}},
    gaveUp: /failed: HTTP 500 .*\(gave up after 3 attempts\)\n$/,
  },
]

// Each of these runs against its own stand-in: they can run side by side.
describe.concurrent('live source faults that a retry can get past, through the CLI', () => {
  for (const query of ['listing', 'documents'] as const) {
    for (const {name, fault, gaveUp} of TRANSIENT) {
      it(`${query} query, ${name}: recovered once, bounded and reported when it persists`, async ({
        expect,
      }) => {
        const once = await lake(query, fault, 1)
        const recovered = await exportLive(once, ['--json'])
        expect({
          status: recovered.status,
          stderr: recovered.stderr,
          leaked: recovered.leaked,
        }).toEqual({
          status: 0,
          stderr: '',
          leaked: false,
        })
        expect((JSON.parse(recovered.stdout) as {counts: {created: number}}).counts.created).toBe(
          CREATED,
        )

        const always = await lake(query, fault, 99)
        const failed = await exportLive(always)
        expect(failed.leaked).toBe(false)
        expect(failed.status).toBe(3)
        expect(failed.stdout).toBe('')
        expect(failed.stderr).toMatch(new RegExp(`^export: ${query} query to ${WHERE}`))
        expect(failed.stderr).toMatch(gaveUp)
        // Nothing half-written: a source that fails leaves the blog dir empty.
        expect(files(failed.blog)).toEqual([])
        const attempts = queryRequests(always).length - (query === 'documents' ? 1 : 0)
        expect(attempts).toBe(3)
        outcomes.push({
          fault: name,
          where: `${query} query`,
          exit: failed.status,
          requests: attempts,
        })
      })
    }
  }
})

describe('live source faults, through the CLI', () => {
  it('backs off between attempts, doubling each time', async () => {
    const times: number[] = []
    const target = await startContentLake({
      documents: docs as never,
      token: TOKEN,
      fault: (request) => {
        if (!request.path.includes('/data/query/')) return undefined
        times.push(performance.now())
        return {status: 500}
      },
    })
    lakes.push(target)
    const run = await exportLive(target, ['--retries', '3'])
    expect(run.leaked).toBe(false)
    expect(run.status).toBe(3)
    expect(times.length).toBe(4)
    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0))
    gaps.forEach((gap, i) => {
      expect({attempt: i + 2, waitedEnough: gap >= BASE_MS * 2 ** i}).toEqual({
        attempt: i + 2,
        waitedEnough: true,
      })
    })
    outcomes.push({
      fault: '500, backoff timing',
      where: 'listing query',
      exit: run.status,
      requests: 4,
    })
  })

  it('stops at once on 401 and 403, and on a Retry-After longer than allowed', async () => {
    for (const status of [401, 403]) {
      const target = await lake('listing', {status}, 99)
      const run = await exportLive(target)
      expect({status: run.status, stderr: run.stderr, leaked: run.leaked}).toEqual({
        leaked: false,
        status: 3,
        stderr: `export: listing query to ${WHERE} was refused (HTTP ${status}): set SANITY_API_READ_TOKEN to a token that may read this dataset\n`,
      })
      expect(queryRequests(target).length).toBe(1)
      outcomes.push({fault: String(status), where: 'listing query', exit: run.status, requests: 1})
    }
    const slow = await lake('listing', {status: 503, headers: {'Retry-After': '3600'}}, 99)
    const run = await exportLive(slow)
    expect(run.leaked).toBe(false)
    expect(run.status).toBe(3)
    expect(run.stderr).toMatch(
      /^export: listing query to placeholder\/production failed: HTTP 503 .*\(the server asked to wait 3600 s, longer than the 30 s allowed\)\n$/,
    )
    expect(queryRequests(slow).length).toBe(1)
    outcomes.push({
      fault: '503 with Retry-After: 3600',
      where: 'listing query',
      exit: run.status,
      requests: 1,
    })
  })

  it('a wrong token is refused without printing it', async () => {
    const target = await lake('listing', {status: 200, body: []}, 0)
    const wrong = 'sk-wrong-token-never-printed-42'
    const run = await exportLive(target, [], {SANITY_API_READ_TOKEN: wrong})
    expect(run.status).toBe(3)
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong)
    expect(queryRequests(target).length).toBe(1)
    expect(files(run.blog)).toEqual([])
    expect(run.stderr).toBe(
      `export: listing query to ${WHERE} was refused (HTTP 401): set SANITY_API_READ_TOKEN to a token that may read this dataset\n`,
    )
  })

  for (const [fault, reason] of [
    [
      'status-500',
      /^download of [0-9a-f]{40}-\d+x\d+\.png failed: HTTP 500 \(gave up after 3 attempts\)$/,
    ],
    [
      'hang',
      /^download of [0-9a-f]{40}-\d+x\d+\.png timed out after 0\.4 s \(gave up after 3 attempts\)$/,
    ],
    [
      'wrong-bytes',
      /^image [0-9a-f]{40}-\d+x\d+\.png has different content than its name says \(sha1 [0-9a-f]{40}\); the file is damaged or incomplete$/,
    ],
  ] as const) {
    it(`image download, ${fault}: only the post using it fails, the others are exported`, async () => {
      const target = await lake('listing', {status: 200}, 0)
      cdnFault = fault
      faultyRequests = 0
      const run = await exportLive(target, ['--json'])
      cdnFault = undefined
      expect(run.leaked).toBe(false)
      expect(run.status).toBe(1)
      const summary = JSON.parse(run.stdout) as {
        counts: {created: number; failed: number}
        failed: {id: string; reason: string}[]
      }
      expect(summary.counts).toMatchObject({created: CREATED - 1, failed: 1})
      expect(summary.failed.map((doc) => doc.id)).toEqual(['post-url-shortener'])
      expect(summary.failed[0]?.reason).toMatch(reason)
      expect(faultyRequests).toBe(fault === 'wrong-bytes' ? 1 : 3)
      expect(files(run.blog).filter((path) => path.includes('url-shortener'))).toEqual([])
      expect(readdirSync(join(run.blog, 'content', 'posts')).length).toBe(CREATED - 1)
      outcomes.push({
        fault: `image ${fault}`,
        where: 'image download',
        exit: run.status,
        requests: faultyRequests,
      })
    })
  }
})
