import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {type RunDeps, type RunResult, runExport} from '../../scripts/export/run.ts'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const SAMPLE_NDJSON = join(ROOT, 'sample-data', 'production.ndjson')
export const SAMPLE_IMAGES = join(ROOT, 'sample-data', 'images')
export const ARCHIVE = join(ROOT, 'test', 'fixtures', 'datasets', 'production.tar.gz')
export const RAW_ARCHIVE = join(ROOT, 'test', 'fixtures', 'datasets', 'production-raw.tar.gz')
export const HAND_WRITTEN_BLOG = join(ROOT, 'test', 'fixtures', 'blog')

export type Doc = Record<string, unknown> & {_id: string; _type: string; _rev: string}

const temps: string[] = []

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `export-test-${prefix}-`))
  temps.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, {recursive: true, force: true})
}

/** The sample dataset's documents, in file order. */
export function sampleDocs(): Doc[] {
  return readFileSync(SAMPLE_NDJSON, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Doc)
}

/** Writes documents as a dataset file with the sample images beside it; returns its path. */
export function writeDataset(dir: string, docs: readonly Doc[], name = 'data.ndjson'): string {
  mkdirSync(dir, {recursive: true})
  cpSync(SAMPLE_IMAGES, join(dir, 'images'), {recursive: true})
  const file = join(dir, name)
  writeFileSync(file, `${docs.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
  return file
}

export function findDoc(docs: readonly Doc[], id: string): Doc {
  const doc = docs.find((candidate) => candidate._id === id)
  if (doc === undefined) throw new Error(`no document ${id} in the dataset`)
  return doc
}

export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Blog Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Blog Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
}

/** Runs git for the test's own setup (as a person would), failing loudly. */
export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, {cwd, encoding: 'utf8', env: {...process.env, ...IDENTITY}})
  if (result.status !== 0)
    throw new Error(`git ${args.join(' ')} failed: ${result.stderr}${result.stdout}`)
  return result.stdout
}

/** A site the tests build with Hugo: the blog's settings and a stand-in for its theme. */
export const HUGO_BLOG = join(ROOT, 'test', 'fixtures', 'verify-blog')

/** A bare remote and a clone of it holding `fixture` (the hand-written post), pushed to main. */
export function blogRepo(fixture: string = HAND_WRITTEN_BLOG): {remote: string; clone: string} {
  const base = tempDir('repo')
  const remote = join(base, 'remote.git')
  const clone = join(base, 'blog')
  git(base, 'init', '-q', '--bare', '-b', 'main', remote)
  git(base, 'clone', '-q', remote, clone)
  git(clone, 'checkout', '-q', '-b', 'main')
  cpSync(fixture, clone, {recursive: true})
  git(clone, 'add', '.')
  git(clone, 'commit', '-q', '-m', 'Hand-written welcome post')
  git(clone, 'push', '-q', '-u', 'origin', 'main')
  return {remote, clone}
}

/**
 * The project's sources, without node_modules: what a workflow has checked out
 * before it installs anything. Nothing above a temp dir holds packages either.
 */
export function sourcesWithoutPackages(into: string = tempDir('sources')): string {
  for (const path of [
    'scripts',
    'converter',
    'schemas',
    'hugo-export.config.ts',
    'package.json',
    'package-lock.json',
  ])
    cpSync(join(ROOT, path), join(into, path), {recursive: true})
  return into
}

let cache: string | undefined

/** One speed-up cache per test file, never the person's own. */
export function cacheDir(): string {
  cache ??= tempDir('cache')
  return cache
}

function baseEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    SANITY_EXPORT_CACHE_DIR: cacheDir(),
    ...env,
  }
}

export interface Captured extends RunResult {
  stdout: string
  stderr: string
}

/** Runs the exporter in this process (fast: the converter loads once per test file). */
export async function exportRun(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  deps: RunDeps = {},
  terminal = false,
): Promise<Captured> {
  let stdout = ''
  let stderr = ''
  const result = await runExport(
    args,
    {
      stdout: (text) => {
        stdout += text
      },
      stderr: (text) => {
        stderr += text
      },
      isTTY: terminal,
      env: baseEnv(env),
      cwd: ROOT,
    },
    deps,
  )
  return {...result, stdout, stderr}
}

/** Runs the CLI as `npm run export` does (`node scripts/export.mjs`). */
export function exportCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): {status: number | null; stdout: string; stderr: string} {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'export.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: baseEnv(env),
    timeout: 120_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Every file under `dir` (not .git) → sha256, sorted by path. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const path = relative(dir, join(entry.parentPath, entry.name))
    if (path === '.git' || path.startsWith('.git/')) continue
    out[path] = sha256(readFileSync(join(dir, path)))
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** Every file under `dir` (not .git) → mtime, to prove a run wrote nothing. */
export function mtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const path of Object.keys(tree(dir))) out[path] = statSync(join(dir, path)).mtimeMs
  return out
}

/** Every file and folder under `dir`, folders with a trailing slash, sorted. */
export function entries(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .map((entry) => {
      const path = join(entry.parentPath, entry.name).slice(dir.length + 1)
      return entry.isDirectory() ? `${path}/` : path
    })
    .sort()
}
