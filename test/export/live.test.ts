import {readFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {extract} from 'tar'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {EXPORTED_TYPES} from '../../scripts/export/render.ts'
import {PAGE as LIVE_PAGE} from '../../scripts/export/render-phase.ts'
import {API_VERSION} from '../../scripts/export/source-live.ts'
import {
  type ContentLake,
  type ContentLakeOptions,
  type Fault,
  startContentLake,
} from '../support/content-lake.ts'
import {
  type Doc,
  exportRun,
  RAW_ARCHIVE,
  removeTempDirs,
  SAMPLE_IMAGES,
  SAMPLE_NDJSON,
  tempDir,
  tree,
} from './helpers.ts'

/**
 * The live path against the local Content Lake stand-in: the raw dataset (image
 * fields as asset references) is served by the query endpoint, the image files by
 * a small CDN stand-in.
 */

const TOKEN = 'sk-live-read-token-0123456789'
let rawDocs: Doc[]
let cdn: Server
let cdnUrl: string
const cdnRequests: string[] = []
const lakes: ContentLake[] = []

async function lake(options: Partial<ContentLakeOptions> = {}): Promise<ContentLake> {
  const started = await startContentLake({documents: rawDocs, token: TOKEN, ...options})
  lakes.push(started)
  return started
}

function live(target: ContentLake, blog: string, extra: string[] = []) {
  return [
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
    ...extra,
  ]
}

const env = {SANITY_API_READ_TOKEN: TOKEN, SANITY_EXPORT_RETRY_BASE_MS: '1'}

/** Requests the exporter made to the query endpoint, as `[query, params]`. */
function queries(target: ContentLake): {query: string; params: Record<string, unknown>}[] {
  return target.requests
    .filter((request) => request.path.startsWith(`/v${API_VERSION}/data/query/`))
    .map((request) => {
      const body =
        request.body === ''
          ? undefined
          : (JSON.parse(request.body) as {query: string; params?: Record<string, unknown>})
      if (body !== undefined) return {query: body.query, params: body.params ?? {}}
      const params: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(request.query))
        if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value)
      return {query: request.query['query'] ?? '', params}
    })
}

/** Fails the first `times` requests to the query endpoint with `fault`. */
function failing(times: number, fault: Fault): NonNullable<ContentLakeOptions['fault']> {
  let seen = 0
  return (request) => {
    if (!request.path.includes('/data/query/')) return undefined
    seen += 1
    return seen <= times ? fault : undefined
  }
}

beforeAll(async () => {
  const dir = tempDir('raw')
  await extract({file: RAW_ARCHIVE, cwd: dir})
  const [folder] = await import('node:fs').then((fs) => fs.readdirSync(dir))
  rawDocs = readFileSync(join(dir, folder ?? '', 'data.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc)
  cdn = createServer((request, response) => {
    cdnRequests.push(request.url ?? '')
    const match = /^\/images\/placeholder\/production\/([0-9a-f]{40}-\d+x\d+\.png)$/.exec(
      request.url ?? '',
    )
    if (match?.[1] === undefined) {
      response.writeHead(404).end()
      return
    }
    response
      .writeHead(200, {'content-type': 'image/png'})
      .end(readFileSync(join(SAMPLE_IMAGES, match[1])))
  })
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve))
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`
})

afterAll(async () => {
  await Promise.all(lakes.map((started) => started.close()))
  await new Promise<void>((resolve) => cdn.close(() => resolve()))
  removeTempDirs()
})

describe('live export from the Content Lake', () => {
  it('writes exactly what the file source writes, and asks only for what changed afterwards', async () => {
    const target = await lake()
    const blog = tempDir('live')
    const fromFile = tempDir('file')
    const first = await exportRun(live(target, blog), env)
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    expect((await exportRun(['--source', SAMPLE_NDJSON, '--blog', fromFile])).exitCode).toBe(0)
    expect(tree(blog)).toEqual(tree(fromFile))
    expect(cdnRequests.length).toBe(5)

    const sent = queries(target)
    expect(sent.map((query) => query.params)).toEqual([
      {types: EXPORTED_TYPES},
      {types: EXPORTED_TYPES, all: true, since: null, ids: []},
    ])
    for (const request of target.requests) {
      expect(request.headers['authorization']).toBe(`Bearer ${TOKEN}`)
      expect(request.query['perspective']).toBe('published')
    }

    target.requests.length = 0
    const idle = await exportRun(live(target, blog), env)
    expect(idle.summary?.counts.unchanged).toBe(4)
    expect(queries(target).map((query) => query.params)).toEqual([{types: EXPORTED_TYPES}])

    await target.mutate([{patch: {id: 'post-url-shortener', set: {tagline: 'Edited live'}}}])
    target.requests.length = 0
    const changed = await exportRun(live(target, blog), env)
    expect(changed.exitCode).toBe(0)
    expect(changed.summary?.updated.map((doc) => doc.id)).toEqual(['post-url-shortener'])
    expect(queries(target).map((query) => query.params)).toEqual([
      {types: EXPORTED_TYPES},
      {
        types: EXPORTED_TYPES,
        all: false,
        since: '2025-10-01T08:45:12Z',
        ids: ['post-url-shortener'],
      },
    ])
    expect(readFileSync(join(blog, 'content/posts/url-shortener.md'), 'utf8')).toContain(
      '# URL Shortener: Edited live\n',
    )
  })

  it('asks for many documents a page of ids at a time', async () => {
    const template = rawDocs.find((doc) => doc._id === 'post-url-shortener') as Doc
    const many = Array.from({length: LIVE_PAGE + 5}, (_, i) => ({
      ...structuredClone(template),
      _id: `post-${i}`,
      slug: {_type: 'slug', current: `post-${i}`},
    }))
    const trees: Record<string, string>[] = []
    // On this thread, and on worker threads: the same pages, the same posts.
    for (const workers of ['0', '2']) {
      const target = await lake({documents: many})
      const blog = tempDir(`paged-${workers}`)
      const run = await exportRun(live(target, blog), {...env, SANITY_EXPORT_WORKERS: workers})
      expect(run.exitCode).toBe(0)
      expect(run.summary?.counts.created).toBe(LIVE_PAGE + 5)
      const pages = queries(target).slice(1)
      expect(pages.map((page) => (page.params['ids'] as string[]).length)).toEqual([LIVE_PAGE, 5])
      expect(pages.map((page) => [page.params['all'], page.params['since']])).toEqual([
        [false, null],
        [false, null],
      ])
      trees.push(tree(blog))
    }
    expect(trees[1]).toEqual(trees[0])
  })

  it('stops on a refused token without retrying, and never prints the token', async () => {
    const target = await lake()
    const wrong = 'sk-wrong-token-do-not-print'
    const run = await exportRun(live(target, tempDir('denied'), ['--json']), {
      ...env,
      SANITY_API_READ_TOKEN: wrong,
    })
    expect(run.exitCode).toBe(3)
    const message =
      'listing query to placeholder/production was refused (HTTP 401): set SANITY_API_READ_TOKEN to a token that may read this dataset'
    expect(run.stderr).toBe(`export: ${message}\n`)
    expect(JSON.parse(run.stdout)).toEqual({error: message, exitCode: 3})
    expect(queries(target).length).toBe(1)
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong)
  })

  it('retries server errors and gives up after the allowed attempts with a clear message', async () => {
    const flaky = await lake({fault: failing(2, {status: 500})})
    const recovered = await exportRun(live(flaky, tempDir('flaky')), env)
    expect(recovered.exitCode).toBe(0)
    expect(queries(flaky).length).toBe(4)

    const down = await lake({fault: failing(99, {status: 500})})
    const failed = await exportRun(live(down, tempDir('down'), ['--retries', '2']), env)
    expect(failed.exitCode).toBe(3)
    expect(failed.stderr).toMatch(
      /^export: listing query to placeholder\/production failed: HTTP 500 .* \(gave up after 3 attempts\)\n$/,
    )
    expect(queries(down).length).toBe(3)
  })

  it('waits as long as Retry-After says before trying again', async () => {
    const busy = await lake({fault: failing(1, {status: 503, headers: {'Retry-After': '1'}})})
    const started = Date.now()
    const run = await exportRun(live(busy, tempDir('busy')), env)
    expect(run.exitCode).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(queries(busy).length).toBe(3)
  })

  it('times out a hung request and retries it', async () => {
    const hung = await lake({fault: failing(99, {hang: true})})
    const run = await exportRun(
      live(hung, tempDir('hung'), ['--timeout', '0.3', '--retries', '1']),
      env,
    )
    expect(run.exitCode).toBe(3)
    expect(run.stderr).toBe(
      'export: listing query to placeholder/production timed out after 0.3 s (gave up after 2 attempts)\n',
    )
    expect(queries(hung).length).toBe(2)

    const slowOnce = await lake({fault: failing(1, {hang: true})})
    const recovered = await exportRun(live(slowOnce, tempDir('slow'), ['--timeout', '0.3']), env)
    expect(recovered.exitCode).toBe(0)
  })

  it('treats a cut-off answer as failed and retries it', async () => {
    const cut = await lake({fault: failing(1, {truncate: true})})
    const run = await exportRun(live(cut, tempDir('cut')), env)
    expect(run.exitCode).toBe(0)
    expect(run.summary?.counts.created).toBe(4)

    const broken = await lake({fault: failing(99, {truncate: true})})
    const failed = await exportRun(live(broken, tempDir('broken'), ['--retries', '1']), env)
    expect(failed.exitCode).toBe(3)
    expect(failed.stderr).toMatch(
      /^export: listing query to placeholder\/production returned an incomplete or malformed answer \(.*\) \(gave up after 2 attempts\)\n$/,
    )
    expect(`${failed.stdout}${failed.stderr}`).not.toContain(TOKEN)
  })
})
