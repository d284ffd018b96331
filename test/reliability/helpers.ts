import {type ChildProcess, spawn, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {
  cpSync,
  existsSync,
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
import {TEMP_MARKER} from '../../scripts/lib/atomic.ts'

/**
 * Shared by the reliability tests: the export CLI as a child process (so it can be
 * killed, and so stdout and stderr are exactly what a person sees), tree hashes, and
 * the invariants every state of a blog dir must keep.
 */

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const CLI = join(ROOT, 'scripts', 'export.ts')
export const HAND_WRITTEN_BLOG = join(ROOT, 'test', 'fixtures', 'blog')
export const HAND_WRITTEN_POST = 'content/posts/welcome.md'
export const MANIFEST = '.sanity-export.json'
export const LOCK = '.sanity-export.lock'
export const OUTPUT_DIR = join(ROOT, 'test-output', 'reliability')

const temps: string[] = []

/** `base`: where to make it; /dev/shm suits tests that write thousands of files many times. */
export function tempDir(prefix: string, base = tmpdir()): string {
  const dir = mkdtempSync(join(base, `reliability-${prefix}-`))
  temps.push(dir)
  return dir
}

export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) rmSync(dir, {recursive: true, force: true})
}

/** A blog dir holding only the hand-written post, as a person's clone would. */
export function handWrittenBlog(prefix: string): string {
  const dir = tempDir(prefix)
  cpSync(HAND_WRITTEN_BLOG, dir, {recursive: true})
  return dir
}

/** Only what the exporter needs: no token or setting of the person running the tests leaks in. */
export function cliEnv(
  cache: string,
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    SANITY_EXPORT_CACHE_DIR: cache,
    ...extra,
  }
}

export interface CliResult {
  status: number | null
  /** The signal that ended the process, when one did. */
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs `node scripts/export.ts …` to the end. */
export function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  })
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  }
}

/** Same as `runCli`, without blocking the test's event loop (servers in the test keep answering). */
export function runCliAsync(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cli = CLI,
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {cwd: ROOT, env})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (status, signal) => resolvePromise({status, signal, stdout, stderr}))
  })
}

/** Starts the CLI without waiting for it; `exited` settles with its exit code or signal. */
export function startCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cli = CLI,
): {child: ChildProcess; exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>} {
  const child = spawn(process.execPath, [cli, ...args], {cwd: ROOT, env, stdio: 'ignore'})
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(
    (resolvePromise) => child.on('exit', (code, signal) => resolvePromise({code, signal})),
  )
  return {child, exited}
}

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Every file under `dir` (not .git) → sha256, sorted by path. */
export function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const path of files(dir)) out[path] = sha256(readFileSync(join(dir, path)))
  return out
}

/** Site-relative paths of every file under `dir`, .git excluded, sorted. */
export function files(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const path = relative(dir, join(entry.parentPath, entry.name))
    if (path === '.git' || path.startsWith('.git/')) continue
    out.push(path)
  }
  return out.sort()
}

/** Temp files an interrupted write left anywhere in the blog dir. */
export function tempFiles(dir: string): string[] {
  return files(dir).filter((path) => path.includes(TEMP_MARKER))
}

interface ManifestShape {
  documents: Record<
    string,
    {path: string; sha256: string; assets: {path: string; sha256: string; size: number}[]}
  >
}

export function readManifestFile(dir: string): ManifestShape {
  return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as ManifestShape
}

/**
 * What is wrong with the manifest against the files: an entry whose file is missing or
 * has other bytes than recorded, an owned path claimed twice, and orphans (files under
 * the exporter's folders that neither the manifest nor a person owns). Empty when sound.
 */
export function manifestProblems(
  dir: string,
  personal: readonly string[] = [HAND_WRITTEN_POST],
): string[] {
  const problems: string[] = []
  const manifest = readManifestFile(dir)
  const owned = new Map<string, string>()
  const check = (id: string, path: string, hash: string, size?: number) => {
    const previous = owned.get(path)
    if (previous !== undefined) problems.push(`${path} is owned by ${previous} and ${id}`)
    owned.set(path, id)
    const file = join(dir, path)
    if (!existsSync(file)) {
      problems.push(`${id}: ${path} is missing`)
      return
    }
    const bytes = readFileSync(file)
    if (sha256(bytes) !== hash) problems.push(`${id}: ${path} does not have the recorded sha256`)
    if (size !== undefined && bytes.length !== size)
      problems.push(`${id}: ${path} does not have the recorded size`)
  }
  for (const [id, entry] of Object.entries(manifest.documents)) {
    check(id, entry.path, entry.sha256)
    for (const asset of entry.assets) check(id, asset.path, asset.sha256, asset.size)
  }
  for (const path of files(dir)) {
    if (!path.startsWith('content/') && !path.startsWith('static/')) continue
    if (!owned.has(path) && !personal.includes(path)) problems.push(`orphan: ${path}`)
  }
  return problems
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), {recursive: true})
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`)
}

/** Milliseconds since the epoch of a file's last change, or undefined when absent. */
export function mtime(path: string): number | undefined {
  return existsSync(path) ? statSync(path).mtimeMs : undefined
}
