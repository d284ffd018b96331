import {link, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {isCode, TEMP_MARKER} from '../lib/atomic.ts'

export const LOCK_FILE = '.sanity-export.lock'
/** A lock older than this is stale even if its pid is alive (pids get reused). */
export const STALE_AFTER_MS = 60 * 60 * 1000

export class LockedError extends Error {
  override name = 'LockedError'
}

export interface LockInfo {
  pid: number
  host: string
  startedAt: string
}

export interface Lock {
  /** True when a lock from a dead or abandoned run was taken over: it may have left temp files. */
  recovered: boolean
  release(): Promise<void>
}

export interface LockOptions {
  now?: () => number
  isAlive?: (pid: number) => boolean
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isCode(error, 'EPERM')
  }
}

/**
 * Takes the blog dir's lock, created exclusively so two runs cannot both get it.
 * A lock whose process is gone (same host) or which is older than an hour is stale
 * and taken over.
 */
export async function acquireLock(blogDir: string, options: LockOptions = {}): Promise<Lock> {
  const now = options.now ?? Date.now
  const isAlive = options.isAlive ?? processAlive
  const path = join(blogDir, LOCK_FILE)
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(now()).toISOString(),
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
  isAlive: (pid: number) => boolean,
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
      return {pid: value.pid, host: value.host, startedAt: value.startedAt}
  } catch {
    // Unreadable: treated as stale below.
  }
  return undefined
}

export function isStale(holder: LockInfo, now: number, isAlive: (pid: number) => boolean): boolean {
  const started = Date.parse(holder.startedAt)
  if (Number.isNaN(started) || now - started > STALE_AFTER_MS) return true
  return holder.host === hostname() && !isAlive(holder.pid)
}
