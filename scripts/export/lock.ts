import {existsSync, readFileSync} from 'node:fs'
import {link, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {isCode, TEMP_MARKER} from '../lib/atomic.ts'

export const LOCK_FILE = '.sanity-export.lock'
/** A lock older than this is stale even if its process seems alive (where /proc cannot tell a reused pid). */
export const STALE_AFTER_MS = 60 * 60 * 1000

export class LockedError extends Error {
  override name = 'LockedError'
}

export interface LockInfo {
  pid: number
  host: string
  startedAt: string
  /**
   * When the process started, in clock ticks after boot (`/proc/<pid>/stat`), where
   * the system tells: a live process with the same pid but another start is a later
   * process that reuses the pid.
   */
  processStart?: string
}

export interface Lock {
  /** True when a lock from a dead or abandoned run was taken over: it may have left temp files. */
  recovered: boolean
  release(): Promise<void>
}

export interface LockOptions {
  now?: () => number
  /** Whether the process that took a lock still runs; `processStart` when the lock says. */
  isAlive?: (pid: number, processStart?: string) => boolean
}

/** A process's state and start time from /proc; 'gone' when it has none; undefined without /proc. */
function processStat(pid: number): {state: string; start: string} | 'gone' | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ESRCH')) return 'gone'
    return undefined
  }
  // "pid (command) state ppid …": the command may hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  const state = fields[0]
  const start = fields[19]
  return state === undefined || start === undefined ? undefined : {state, start}
}

/**
 * Whether the process runs. A killed process can stay a zombie until its parent reaps
 * it (in a container without an init, never), and signalling a zombie succeeds: its
 * state in /proc says it is dead. A pid reused by a later process has another start.
 * Without /proc, a signal 0 answers.
 */
export function processAlive(pid: number, processStart?: string): boolean {
  if (existsSync('/proc/self/stat')) {
    const stat = processStat(pid)
    if (stat === 'gone') return false
    if (stat !== undefined)
      return (
        stat.state !== 'Z' &&
        stat.state !== 'X' &&
        (processStart === undefined || stat.start === processStart)
      )
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isCode(error, 'EPERM')
  }
}

/** This process's start, as `processAlive` compares it; undefined without /proc. */
function ownStart(): string | undefined {
  const stat = processStat(process.pid)
  return typeof stat === 'object' ? stat.start : undefined
}

/**
 * Takes the blog dir's lock, created exclusively so two runs cannot both get it.
 * A lock whose process is gone, a zombie, or another process that reuses its pid
 * (same host), or which is older than an hour, is stale and taken over.
 */
export async function acquireLock(blogDir: string, options: LockOptions = {}): Promise<Lock> {
  const now = options.now ?? Date.now
  const isAlive = options.isAlive ?? processAlive
  const path = join(blogDir, LOCK_FILE)
  const start = ownStart()
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(now()).toISOString(),
    ...(start === undefined ? {} : {processStart: start}),
  }
  const text = `${JSON.stringify(info)}\n`
  // Written in full under a private name, then linked into place: link fails when the
  // lock exists, and a reader never sees a half-written lock.
  const temp = `${path}${TEMP_MARKER}${process.pid}`
  await writeFile(temp, text)
  let recovered = false
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(temp, path)
        await removeDeadLockTemps(blogDir, isAlive)
        let released = false
        return {
          recovered,
          async release() {
            if (released) return
            released = true
            await rm(path, {force: true})
          },
        }
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error
      }
      const seen = await readRaw(path)
      const holder = parseLock(seen)
      if (holder !== undefined && !isStale(holder, now(), isAlive)) {
        throw new LockedError(
          `another export (pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}) is running on this blog dir; if it is not, delete ${path}`,
        )
      }
      await takeOver(path, seen)
      recovered = true
    }
  } finally {
    await rm(temp, {force: true})
  }
  throw new LockedError(`could not take the lock ${path}: other runs keep taking it`)
}

/**
 * Lock files that a run killed while taking the lock (or taking over a stale one) left
 * under private names. Once the lock is held they are removed, except those of a
 * process that still runs: it is taking the lock right now and will find it held.
 */
async function removeDeadLockTemps(
  blogDir: string,
  isAlive: NonNullable<LockOptions['isAlive']>,
): Promise<void> {
  const prefix = `${LOCK_FILE}${TEMP_MARKER}`
  for (const name of await readdir(blogDir)) {
    if (!name.startsWith(prefix)) continue
    const pid = Number(/^(?:stale-)?(\d+)$/.exec(name.slice(prefix.length))?.[1])
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue
    await rm(join(blogDir, name), {force: true})
  }
}

/**
 * Moves a stale lock aside. When a concurrent run replaced it in the meantime, the
 * fresh lock is put back and this run stops instead of stealing it.
 */
async function takeOver(path: string, seen: string | undefined): Promise<void> {
  const aside = `${path}${TEMP_MARKER}stale-${process.pid}`
  try {
    await rename(path, aside)
  } catch (error) {
    if (isCode(error, 'ENOENT')) return
    throw error
  }
  const moved = await readRaw(aside)
  if (moved !== seen) {
    try {
      await link(aside, path)
    } finally {
      await rm(aside, {force: true})
    }
    throw new LockedError(`another export took the lock ${path} at the same time`)
  }
  await rm(aside, {force: true})
}

async function readRaw(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined
    throw error
  }
}

/** The lock's holder; undefined for a lock that cannot be read (left damaged by a crash). */
function parseLock(text: string | undefined): LockInfo | undefined {
  if (text === undefined) return {pid: 0, host: '', startedAt: new Date(0).toISOString()}
  try {
    const value = JSON.parse(text) as Partial<LockInfo>
    if (
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.startedAt === 'string'
    )
      return {
        pid: value.pid,
        host: value.host,
        startedAt: value.startedAt,
        ...(typeof value.processStart === 'string' ? {processStart: value.processStart} : {}),
      }
  } catch {
    // Unreadable: treated as stale below.
  }
  return undefined
}

export function isStale(
  holder: LockInfo,
  now: number,
  isAlive: NonNullable<LockOptions['isAlive']>,
): boolean {
  const started = Date.parse(holder.startedAt)
  if (Number.isNaN(started) || now - started > STALE_AFTER_MS) return true
  return holder.host === hostname() && !isAlive(holder.pid, holder.processStart)
}
