import {createHash} from 'node:crypto'
import {closeSync, fstatSync, openSync, readSync, type Stats, statSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {sep} from 'node:path'
import {isCode} from '../lib/atomic.ts'

/** Read access to the blog dir, by site-root relative path. */
export interface Disk {
  /** The file's bytes; undefined when nothing is there; `directory` when a folder is. */
  read(path: string): Promise<Buffer | 'directory' | undefined>
  /** sha256 of the file, like `read` for absent files and folders. */
  hash(path: string): Promise<string | 'directory' | undefined>
  size(path: string): Promise<number | undefined>
}

/** What a file's hash was when it had this size, mtime and inode (as git's index does). */
export type StatCache = Map<string, [size: number, mtimeMs: number, ino: number, sha256: string]>

export interface BlogDisk extends Disk {
  /** Records the hash of a file just written, so the next run need not read it. */
  remember(path: string, hash: string): Promise<void>
  readonly statCache: StatCache
  /** Whether `statCache` gained or lost entries since it was loaded. */
  readonly cacheChanged: boolean
}

export function blogDisk(blogDir: string, statCache: StatCache = new Map()): BlogDisk {
  let changed = false
  // Paths are checked site-relative paths; plain concatenation saves a join per file.
  const root = blogDir.endsWith(sep) ? blogDir : `${blogDir}${sep}`
  // Synchronous on purpose: a run with nothing to do stats every owned file, and the
  // promise round trip costs several times the stat itself.
  const statOf = async (path: string): Promise<Stats | undefined> => {
    try {
      return statSync(`${root}${path}`, {throwIfNoEntry: false})
    } catch (error) {
      if (isCode(error, 'ENOTDIR')) return undefined
      throw error
    }
  }
  const read = async (path: string): Promise<Buffer | 'directory' | undefined> => {
    // Most reads ask about paths that do not exist yet (new posts): a stat answers
    // that without the cost of a failed open and its exception.
    const info = await statOf(path)
    if (info === undefined) return undefined
    if (info.isDirectory()) return 'directory'
    try {
      return await readFile(`${root}${path}`)
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined
      if (isCode(error, 'EISDIR')) return 'directory'
      throw error
    }
  }
  return {
    read,
    async hash(path) {
      // Synchronous, like the stat: thousands of small reads in a row are faster
      // without a thread-pool round trip for each open, read and close. The file is
      // opened first and stat'ed through its descriptor, and read through one reused
      // buffer: a run with an empty cache hashes every owned post.
      let fd: number
      try {
        fd = openSync(`${root}${path}`, 'r')
      } catch (error) {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) {
          if (statCache.delete(path)) changed = true
          return undefined
        }
        if (isCode(error, 'EISDIR')) return 'directory'
        throw error
      }
      try {
        const info = fstatSync(fd)
        if (info.isDirectory()) return 'directory'
        const known = statCache.get(path)
        if (
          known !== undefined &&
          known[0] === info.size &&
          known[1] === info.mtimeMs &&
          known[2] === info.ino
        )
          return known[3]
        const hash = hashOpenFile(fd)
        statCache.set(path, [info.size, info.mtimeMs, info.ino, hash])
        changed = true
        return hash
      } finally {
        closeSync(fd)
      }
    },
    async size(path) {
      const info = await statOf(path)
      if (info === undefined) return undefined
      return info.isFile() ? info.size : -1
    },
    async remember(path, hash) {
      const info = await statOf(path)
      if (info === undefined || !info.isFile()) return
      statCache.set(path, [info.size, info.mtimeMs, info.ino, hash])
      changed = true
    },
    statCache,
    get cacheChanged() {
      return changed
    },
  }
}

const readBuffer = Buffer.allocUnsafe(1 << 20)

function hashOpenFile(fd: number): string {
  const hash = createHash('sha256')
  for (let position = 0; ; ) {
    const read = readSync(fd, readBuffer, 0, readBuffer.length, position)
    if (read === 0) break
    hash.update(readBuffer.subarray(0, read))
    position += read
  }
  return hash.digest('hex')
}

export function parseStatCache(value: unknown): StatCache {
  const cache: StatCache = new Map()
  if (typeof value !== 'object' || value === null) return cache
  const entries = (value as {entries?: unknown}).entries
  if (!Array.isArray(entries)) return cache
  for (const item of entries) {
    if (!Array.isArray(item) || item.length !== 5) continue
    const [path, size, mtimeMs, ino, hash] = item as unknown[]
    if (
      typeof path === 'string' &&
      typeof size === 'number' &&
      typeof mtimeMs === 'number' &&
      typeof ino === 'number' &&
      typeof hash === 'string'
    )
      cache.set(path, [size, mtimeMs, ino, hash])
  }
  return cache
}

export function serializeStatCache(cache: StatCache): unknown {
  return {entries: [...cache].map(([path, entry]) => [path, ...entry])}
}
