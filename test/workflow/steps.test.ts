import {spawn} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import {
  exportRun,
  ROOT,
  removeTempDirs,
  SAMPLE_NDJSON,
  sampleDocs,
  sourcesWithoutPackages,
  tempDir,
} from '../export/helpers.ts'
import {type ContentLake, startContentLake} from '../support/content-lake.ts'

/**
 * The workflow's steps, played as GitHub runs them: each step's `if` decides, and
 * the check's output feeds the later steps' `if`. The scheduled-deploy check, the
 * export check and the install step run for real, from the sources without
 * node_modules, with `npm` replaced by a recorder; the other steps are only noted.
 * A scheduled run with nothing to do must end after the checks, without `npm ci`.
 */

interface Step {
  name: string
  id?: string
  if?: string
  run?: string
  uses?: string
  'working-directory'?: string
}

const TOKEN = 'sk-read-schedule-0123456789abcdef'

let lake: ContentLake
/** A stand-in for GitHub's API: the blog's deploy last started after every sample post's date. */
let github: Server
const githubAsked: string[] = []

beforeAll(async () => {
  lake = await startContentLake({documents: sampleDocs(), token: TOKEN})
  github = createServer((request, response) => {
    githubAsked.push(`${request.method} ${request.url}`)
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({workflow_runs: [{created_at: DEPLOYED}]}))
  })
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve))
})

afterAll(async () => {
  await lake.close()
  await new Promise((resolve) => github.close(resolve))
  removeTempDirs()
})

const DEPLOYED = '2026-11-30T00:00:00.000Z'
const NOT_DUE = `The deploy started at ${DEPLOYED} covers distributed-rate-limiter appears at 2025-10-01T09:00:00Z.`
const RUNS = 'GET /repos/arion/blog/actions/workflows/hugo.yml/runs?branch=main&per_page=1'

const githubUrl = () => `http://127.0.0.1:${(github.address() as AddressInfo).port}`

function stepsOf(file: string): Step[] {
  const workflow = parseYaml(readFileSync(join(ROOT, file), 'utf8')) as {
    jobs: Record<string, {steps: Step[]}>
  }
  return Object.values(workflow.jobs).flatMap((job) => job.steps)
}

type Outputs = Record<string, Record<string, string>>

/** The `if` expressions these workflows use; any other fails the test, so none is guessed. */
function holds(expression: string | undefined, event: string, outputs: Outputs): boolean {
  if (expression === undefined) return true
  return expression.split('&&').every((raw) => {
    const term = raw.trim()
    if (term === 'always()') return true
    const eventIs = /^github\.event_name == '([^']*)'$/.exec(term)
    if (eventIs) return event === eventIs[1]
    const output = /^steps\.([\w-]+)\.(?:outputs\.(\w+)|(outcome)) (==|!=) '([^']*)'$/.exec(term)
    if (output) {
      // A skipped step has no outputs and no outcome: they read as ''.
      const value = outputs[output[1] ?? '']?.[output[2] ?? `.${output[3]}`] ?? ''
      return output[4] === '==' ? value === output[5] : value !== output[5]
    }
    throw new Error(`the test cannot evaluate "${term}"`)
  })
}

function bash(
  command: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{status: number | null; output: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', command], {cwd, env, timeout: 60_000})
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', (status) => resolve({status, output}))
  })
}

/**
 * Plays `file` for `event` in `workspace` (the Studio's sources at `studio`, the blog
 * at `blog`); returns the steps that ran and what `npm` was asked to do.
 */
async function play(
  file: string,
  event: string,
  workspace: string,
  lake: ContentLake,
): Promise<{ran: string[]; npm: string[]; said: string[]}> {
  const bin = tempDir('bin')
  const npmLog = join(bin, 'npm.log')
  writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$*" >> "${npmLog}"\n`)
  chmodSync(join(bin, 'npm'), 0o755)
  const outputs: Outputs = {}
  const ran: string[] = []
  const said: string[] = []
  for (const step of stepsOf(file)) {
    if (!holds(step.if, event, outputs)) continue
    ran.push(step.name)
    const command = step.run ?? ''
    if (!command.startsWith('node scripts/ci/') && !command.startsWith('npm ')) continue
    const outputFile = join(tempDir('output'), 'GITHUB_OUTPUT')
    writeFileSync(outputFile, '')
    const result = await bash(command, join(workspace, step['working-directory'] ?? '.'), {
      // setup-node's Node, and the recording npm, first.
      PATH: `${bin}:${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
      HOME: process.env['HOME'] ?? '',
      GITHUB_OUTPUT: outputFile,
      SANITY_STUDIO_PROJECT_ID: lake.projectId,
      SANITY_STUDIO_DATASET: lake.dataset,
      SANITY_API_READ_TOKEN: TOKEN,
      SANITY_API_HOST: lake.url,
      BLOG_REPOSITORY: 'arion/blog',
      BLOG_DEPLOY_TOKEN: 'github_pat_for_the_stand_in',
      GITHUB_API_URL: githubUrl(),
    })
    expect(result.status, result.output).toBe(0)
    said.push(result.output.trim())
    if (step.id !== undefined)
      outputs[step.id] = Object.fromEntries([
        ['.outcome', 'success'],
        ...readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('='))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      ])
  }
  const npm = existsSync(npmLog) ? readFileSync(npmLog, 'utf8').trim().split('\n') : []
  return {ran, npm, said}
}

/** A checkout as each workflow lays it out, the blog as the last export left it. */
async function workspace(layout: 'studio-repo' | 'blog-repo'): Promise<string> {
  const root = tempDir('workspace')
  const studio = layout === 'studio-repo' ? root : join(root, 'studio')
  mkdirSync(studio, {recursive: true})
  sourcesWithoutPackages(studio)
  const blog = join(root, 'blog')
  const run = await exportRun([
    '--source',
    SAMPLE_NDJSON,
    '--blog',
    blog,
    '--dataset',
    lake.dataset,
  ])
  expect(run.exitCode).toBe(0)
  return root
}

const DEPLOY_CHECK = 'Deploy the blog if a scheduled post is due'
const FIRST_STEPS = {
  'studio-repo': [
    'Check out the Studio project',
    'Check out the blog',
    'Set up Node',
    DEPLOY_CHECK,
  ],
  'blog-repo': ['Check out the blog', 'Check out the exporter', 'Set up Node', DEPLOY_CHECK],
}
const EXPORT_STEPS = [
  'Cache npm downloads',
  'Install',
  'Install Hugo',
  'Export',
  'Write the job summary',
]

describe.each([
  ['.github/workflows/export.yml', 'studio-repo'],
  ['docs/workflows/blog-repo-export.yml', 'blog-repo'],
] as const)('%s', (file, layout) => {
  it('ends a scheduled run with nothing to export after the check, without npm ci', async () => {
    const root = await workspace(layout)
    githubAsked.length = 0
    const played = await play(file, 'schedule', root, lake)
    expect(played.ran).toEqual([...FIRST_STEPS[layout], 'Anything to export?'])
    // The deploy check only asked when the blog last deployed, and started nothing.
    expect(githubAsked).toEqual([RUNS])
    expect(played.npm).toEqual([])
    expect(played.said).toEqual([
      NOT_DUE,
      'Nothing to export: nothing was published, changed or deleted since the last export.',
    ])
  })

  it('installs only the exporter and exports when a scheduled run finds a change', async () => {
    const root = await workspace(layout)
    const patched = await startContentLake({
      documents: sampleDocs().map((doc) =>
        doc._id === 'post-url-shortener' ? {...doc, _rev: 'published-since'} : doc,
      ),
      token: TOKEN,
    })
    try {
      const played = await play(file, 'schedule', root, patched)
      expect(played.ran).toEqual([...FIRST_STEPS[layout], 'Anything to export?', ...EXPORT_STEPS])
      expect(played.said.slice(0, 2)).toEqual([
        NOT_DUE,
        'Export: 1 post published or changed (url-shortener).',
      ])
      expect(played.npm).toEqual(['ci --omit=dev --omit=optional --no-audit --no-fund'])
    } finally {
      await patched.close()
    }
  })

  it('goes straight to the export on publish (the webhook) and by hand', async () => {
    for (const event of ['repository_dispatch', 'workflow_dispatch']) {
      const played = await play(file, event, await workspace(layout), lake)
      expect(played.ran).toEqual([...FIRST_STEPS[layout], ...EXPORT_STEPS])
      expect(played.npm).toEqual(['ci --omit=dev --omit=optional --no-audit --no-fund'])
    }
  })
})
