import {spawn} from 'node:child_process'
import {access, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import {syncFileSystem} from '../lib/atomic.ts'

/** GNU time reports a child's peak RSS (and works for hugo, which is not a Node process). */
const GNU_TIME = '/usr/bin/time'

export interface Measured {
  /** Wall time from spawn to exit, as the parent saw it. */
  ms: number
  /** Peak resident set size of the child, in KiB; null when it could not be read. */
  maxRssKb: number | null
  /**
   * CPU time of the child (user + system), null when it could not be read. On a
   * loaded machine it moves much less than wall time.
   */
  cpuMs: number | null
  exitCode: number
  stdout: string
  stderr: string
}

let gnuTime: boolean | undefined
let counter = 0

async function hasGnuTime(): Promise<boolean> {
  if (gnuTime === undefined) {
    try {
      await access(GNU_TIME)
      gnuTime = true
    } catch {
      gnuTime = false
    }
  }
  return gnuTime
}

export interface MeasureOptions {
  cwd?: string
  env?: Record<string, string | undefined>
  /** Where the peak-RSS report may be written; removed afterwards. */
  scratchDir: string
  /** Aborting kills the child's whole process group (GNU time and the command). */
  signal?: AbortSignal
}

/** Runs a command to completion, timing it and reading its peak RSS. */
export async function measure(
  command: string,
  args: readonly string[],
  options: MeasureOptions,
): Promise<Measured> {
  const rssFile = join(options.scratchDir, `rss-${process.pid}-${counter++}.txt`)
  const useTime = await hasGnuTime()
  const [file, argv] = useTime
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, command, ...args]]
    : [command, [...args]]
  // Pages an earlier measure left dirty would be written back during this one and
  // throttle its writes; each measure starts from a flushed disk, and pays for its own.
  await syncFileSystem(options.scratchDir)
  const start = performance.now()
  const {exitCode, stdout, stderr} = await run(file, argv, options)
  const ms = performance.now() - start
  let maxRssKb: number | null = null
  let cpuMs: number | null = null
  if (useTime) {
    try {
      // On failure GNU time writes "Command exited with non-zero status N" first.
      const lines = (await readFile(rssFile, 'utf8')).trim().split('\n')
      const [user, system, rss] = (lines[lines.length - 1] ?? '').split(' ').map(Number)
      if (user !== undefined && system !== undefined && Number.isFinite(user + system))
        cpuMs = (user + system) * 1000
      if (rss !== undefined && Number.isFinite(rss)) maxRssKb = rss
    } finally {
      await rm(rssFile, {force: true})
    }
  }
  return {ms, maxRssKb, cpuMs, exitCode, stdout, stderr}
}

function run(
  file: string,
  argv: readonly string[],
  options: MeasureOptions,
): Promise<{exitCode: number; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: {...process.env, ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so an abort reaches the command under GNU time too.
      detached: options.signal !== undefined,
    })
    const abort = () => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    }
    options.signal?.addEventListener('abort', abort, {once: true})
    child.on('exit', () => options.signal?.removeEventListener('abort', abort))
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code, signal) =>
      resolve({
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    )
  })
}

/** The last lines of a failed child's output, for an error message. */
export function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n')
}
