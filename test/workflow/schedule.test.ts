import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer, type IncomingHttpHeaders} from 'node:http'
import type {AddressInfo} from 'node:net'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import config from '../../hugo-export.config.ts'
import {MANIFEST_FILE} from '../../scripts/export/manifest.ts'
import {formatSummary, type RunSummary} from '../../scripts/export/summary.ts'
import {summaryMarkdown} from '../../scripts/export-summary.ts'
import {type Doc, exportRun, ROOT, removeTempDirs, tempDir} from '../export/helpers.ts'
import {paragraph} from '../fixtures/converter/fixture.ts'

/**
 * A post scheduled for 9:00 in India (03:30 UTC) and one that expires at noon in
 * California (19:00 UTC, on daylight time), on a fake clock: the exporter reads it from
 * SANITY_EXPORT_NOW, the scheduled check too, and the real `hugo` from --clock.
 * A local stand-in for the GitHub API records the deploy workflow's runs: one for
 * the push that published the posts, and one for each dispatch the check makes.
 */

const hugo = spawnSync('hugo', ['version'], {encoding: 'utf8'})
const hugoAvailable = hugo.status === 0
if (!hugoAvailable && process.env['CI'] !== 'true')
  console.warn('Skipping the scheduled-post tests: `hugo` is not installed and CI is not set.')

const TOKEN = 'github_pat_11CCCCCCC0deploytoken0123456789'
const REPO = 'arion/blog'
const RUNS = `/repos/${REPO}/actions/workflows/hugo.yml/runs?branch=main&per_page=1`
const DISPATCHES = `/repos/${REPO}/actions/workflows/hugo.yml/dispatches`

const post = (id: string, fields: Record<string, unknown>): Doc => ({
  _id: `post-${id}`,
  _type: 'post',
  _rev: `${id}-r1`,
  _updatedAt: '2026-03-15T10:00:00Z',
  title: id,
  slug: {_type: 'slug', current: id},
  body: [paragraph(`${id}-p`, `The ${id} post.`)],
  ...fields,
})

const DOCS: Doc[] = [
  post('launch', {date: '2026-03-15T15:00:00+05:30', publishDate: '2026-03-16T09:00:00+05:30'}),
  post('sale', {date: '2026-03-10T08:00:00-08:00', expiryDate: '2026-03-16T12:00:00-07:00'}),
]

/** The blog: the exporter writes into it, and hugo builds it (no drafts, no future posts). */
function blogSite(): string {
  const dir = tempDir('scheduled-blog')
  const files: Record<string, string> = {
    'hugo.yaml': `baseURL: '${config.site.baseURL}'\ntitle: Scheduled\n`,
    'layouts/_default/baseof.html': '<html><body>{{ block "main" . }}{{ end }}</body></html>\n',
    'layouts/_default/single.html': '{{ define "main" }}{{ .Content }}{{ end }}\n',
    'layouts/_default/list.html':
      '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true})
    writeFileSync(join(dir, path), content)
  }
  return dir
}

/** The posts a real hugo build at `clock` publishes, as the posts list links them. */
function builtAt(blog: string, clock: string): string[] {
  const destination = tempDir('scheduled-public')
  const result = spawnSync(
    'hugo',
    ['--quiet', '--clock', clock, '--destination', destination, '--source', blog],
    {encoding: 'utf8'},
  )
  expect(`${result.stdout}${result.stderr}`).toBe('')
  expect(result.status).toBe(0)
  const list = readFileSync(join(destination, 'posts', 'index.html'), 'utf8')
  const linked = [...list.matchAll(/href="\/blogs\/posts\/([a-z-]+)\/"/g)].map(([, slug]) => slug)
  for (const slug of ['launch', 'sale'])
    expect(existsSync(join(destination, 'posts', slug, 'index.html'))).toBe(linked.includes(slug))
  return linked.map(String).sort()
}

interface Request {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** The GitHub API's workflow runs and dispatches, for the blog's deploy workflow. */
function gitHubStandIn(clock: () => string) {
  const requests: Request[] = []
  const runs: string[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      })
      if (request.method === 'GET' && request.url === RUNS) {
        const newest = [...runs].sort().reverse().slice(0, 1)
        response.writeHead(200, {'content-type': 'application/json'}).end(
          JSON.stringify({
            total_count: runs.length,
            workflow_runs: newest.map((created) => ({created_at: created, status: 'completed'})),
          }),
        )
      } else if (request.method === 'POST' && request.url === DISPATCHES) {
        // A dispatch starts a run of the deploy workflow, now.
        runs.push(clock())
        response.writeHead(204).end()
      } else response.writeHead(404).end(JSON.stringify({message: 'Not Found'}))
    })
  })
  return {server, requests, runs}
}

/** The scheduled check as the workflow runs it, in its own process. */
function check(
  blog: string,
  now: string,
  env: Record<string, string>,
): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'ci', 'scheduled-deploy.ts'), blog],
      {
        cwd: ROOT,
        env: {PATH: process.env['PATH'], SANITY_EXPORT_NOW: now, ...env},
        timeout: 60_000,
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({status, stdout, stderr}))
  })
}

describe.skipIf(!hugoAvailable && process.env['CI'] !== 'true')(
  'a scheduled post on a fake clock: exported early, left out, then deployed on time',
  () => {
    let clock = '2026-03-16T03:00:00Z'
    const github = gitHubStandIn(() => clock)
    let api = ''
    let blog = ''
    let summaryFile = ''
    const env = () => ({
      GITHUB_API_URL: api,
      BLOG_REPOSITORY: REPO,
      BLOG_DEPLOY_TOKEN: TOKEN,
      GITHUB_STEP_SUMMARY: summaryFile,
    })
    const dispatches = () => github.requests.filter((request) => request.method === 'POST')

    beforeAll(async () => {
      await new Promise<void>((resolve) => github.server.listen(0, '127.0.0.1', resolve))
      api = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`
      blog = blogSite()
      summaryFile = join(tempDir('scheduled-summary'), 'summary.md')
      writeFileSync(summaryFile, '')
    })

    afterAll(async () => {
      await new Promise<void>((resolve) => github.server.close(() => resolve()))
      removeTempDirs()
    })

    it('exports the post before its time, names the next change, and hugo leaves it out', async () => {
      const dataset = join(tempDir('scheduled-data'), 'data.ndjson')
      writeFileSync(dataset, `${DOCS.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
      const run = await exportRun(['--source', dataset, '--blog', blog, '--json'], {
        SANITY_EXPORT_NOW: clock,
      })
      expect(run.exitCode).toBe(0)
      const summary = JSON.parse(run.stdout) as RunSummary
      expect(summary.nextChange).toEqual({
        at: '2026-03-16T09:00:00+05:30',
        id: 'post-launch',
        slug: 'launch',
        change: 'appears',
      })
      expect(formatSummary(summary).split('\n')).toContain(
        'Next scheduled change: launch appears at 2026-03-16T09:00:00+05:30.',
      )
      expect(summaryMarkdown(summary).split('\n')).toContain(
        'Next scheduled change: `launch` appears at 2026-03-16T09:00:00+05:30.',
      )
      const markdown = readFileSync(join(blog, 'content/posts/launch.md'), 'utf8')
      expect(markdown).toContain(
        '\ndate: 2026-03-15T15:00:00+05:30\npublishDate: 2026-03-16T09:00:00+05:30\ndraft: false\n',
      )
      const manifest = JSON.parse(readFileSync(join(blog, MANIFEST_FILE), 'utf8'))
      expect(manifest.documents['post-launch'].publishDate).toBe('2026-03-16T09:00:00+05:30')
      expect(manifest.documents['post-sale'].expiryDate).toBe('2026-03-16T12:00:00-07:00')
      // The push of that export started the deploy workflow.
      github.runs.push(clock)
      expect(builtAt(blog, clock)).toEqual(['sale'])
    })

    it('does nothing, and asks GitHub nothing, before the post is due', async () => {
      clock = '2026-03-16T03:29:59Z'
      const result = await check(blog, clock, env())
      expect(result).toEqual({
        status: 0,
        stdout:
          'No scheduled change has come due since the last export. Next: launch appears at 2026-03-16T09:00:00+05:30.\n',
        stderr: '',
      })
      expect(github.requests).toEqual([])
    })

    it('starts the deploy at the first scheduled run after 9:00, and hugo then builds the post', async () => {
      clock = '2026-03-16T03:40:00Z'
      const result = await check(blog, clock, env())
      expect(result).toEqual({
        status: 0,
        stdout:
          'Started hugo.yml on arion/blog@main for launch appears at 2026-03-16T09:00:00+05:30. Next: sale expires at 2026-03-16T12:00:00-07:00.\n',
        stderr: '',
      })
      expect(github.requests.map(({method, url, body}) => [method, url, body])).toEqual([
        ['GET', RUNS, ''],
        ['POST', DISPATCHES, '{"ref":"main"}'],
      ])
      const [dispatch] = dispatches()
      expect(dispatch?.headers['authorization']).toBe(`Bearer ${TOKEN}`)
      expect(dispatch?.headers['accept']).toBe('application/vnd.github+json')
      expect(dispatch?.headers['x-github-api-version']).toBe('2022-11-28')
      expect(readFileSync(summaryFile, 'utf8')).toBe(
        `## Scheduled deploy started\n\n${result.stdout.trim()}\n\n`,
      )
      expect(builtAt(blog, clock)).toEqual(['launch', 'sale'])
    })

    it('does not start it again once a deploy has started since', async () => {
      clock = '2026-03-16T03:55:00Z'
      const result = await check(blog, clock, env())
      expect(result.stdout).toBe(
        'The deploy started at 2026-03-16T03:40:00.000Z covers launch appears at 2026-03-16T09:00:00+05:30. Next: sale expires at 2026-03-16T12:00:00-07:00.\n',
      )
      expect(dispatches()).toHaveLength(1)
    })

    it('the same holds for expiry: the run after noon in California takes the post down', async () => {
      clock = '2026-03-16T18:59:00Z'
      const early = await check(blog, clock, env())
      expect(early.status).toBe(0)
      expect(dispatches()).toHaveLength(1)
      expect(builtAt(blog, clock)).toEqual(['launch', 'sale'])

      clock = '2026-03-16T19:10:00Z'
      const result = await check(blog, clock, env())
      expect(result).toEqual({
        status: 0,
        stdout:
          'Started hugo.yml on arion/blog@main for sale expires at 2026-03-16T12:00:00-07:00.\n',
        stderr: '',
      })
      expect(dispatches()).toHaveLength(2)
      expect(builtAt(blog, clock)).toEqual(['launch'])

      const again = await check(blog, '2026-03-16T19:25:00Z', env())
      expect(again.stdout).toBe(
        'The deploy started at 2026-03-16T19:10:00.000Z covers launch appears at 2026-03-16T09:00:00+05:30; sale expires at 2026-03-16T12:00:00-07:00.\n',
      )
      expect(dispatches()).toHaveLength(2)
    })

    it('never prints the token, and says what GitHub refused', async () => {
      const refused = await check(blog, '2026-03-16T20:25:00Z', {
        ...env(),
        BLOG_REPOSITORY: 'arion/other',
      })
      expect(refused.status).toBe(1)
      expect(refused.stderr).toBe(
        `scheduled-deploy: GitHub answered 404 to GET ${api}/repos/arion/other/actions/workflows/hugo.yml/runs?branch=main&per_page=1: Not Found (does the token have Actions: read and write on the blog repo, and does the workflow exist?)\n`,
      )
      const missing = await check(blog, '2026-03-16T20:25:00Z', {...env(), BLOG_DEPLOY_TOKEN: ''})
      expect(missing.status).toBe(2)
      expect(missing.stderr).toBe(
        'scheduled-deploy: BLOG_DEPLOY_TOKEN is not set: starting the deploy needs a token with Actions: read and write on arion/blog\n',
      )
      for (const text of [refused.stdout, refused.stderr, readFileSync(summaryFile, 'utf8')])
        expect(text).not.toContain(TOKEN)
    })
  },
)
