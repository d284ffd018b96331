import {createHash} from 'node:crypto'
import {
  closeSync,
  type Dirent,
  existsSync,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  type Stats,
  statSync,
} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {availableParallelism} from 'node:os'
import {join, sep} from 'node:path'
import {isCode, TEMP_MARKER} from '../lib/atomic.ts'

/** Read access to the blog dir, by site-root relative path. */
export interface Disk {
  /** The file's bytes; undefined when nothing is there; `directory` when a folder is. */
  read(path: string): Promise<Buffer | 'directory' | undefined>
  /** sha256 of the file, like `read` for absent files and folders. */
  hash(path: string): Promise<string | 'directory' | undefined>
  size(path: string): Promise<number | undefined>
  /** Whether anything is at the path: the cheapest question, asked of every owned image. */
  exists(path: string): boolean
}

/** What a file's hash was when it had this size, mtime and inode (as git's index does). */
export type StatEntry = [size: number, mtimeMs: number, ino: number, sha256: string]
export type StatCache = Map<string, StatEntry>

export interface BlogDisk extends Disk {
  /**
   * Starts hashing, on another thread, the files at these paths that the stat cache
   * knows nothing of, so that it overlaps other work: without a cache (a fresh
   * runner) a run with nothing to do reads and hashes every owned post. `hash` then
   * takes the answers. Fewer than `threshold` such files are left to `hash`. The
   * promise settles when this and every earlier call's hashing is done.
   */
  prehash(paths: readonly string[], threshold?: number): Promise<void>
  /** Records the hash of a file just written, so the next run need not read it. */
  remember(path: string, hash: string): Promise<void>
  readonly statCache: StatCache
  /** Whether `statCache` gained or lost entries since it was loaded. */
  readonly cacheChanged: boolean
}

/** A file as hashed: its stat fields and sha256, or why there is none. */
export type HashedFile = StatEntry | 'missing' | 'directory'

/**
 * The markdown files below the blog's posts folder, as site-relative paths: what a
 * run will hash to notice hand edits, known before the manifest is read. None when
 * the folder does not exist yet.
 */
export function markdownFiles(blogDir: string, contentDir: string): string[] {
  const paths: string[] = []
  // Folder by folder: Node's recursive listing took ten times as long for a flat
  // folder of 10,000 posts.
  const walk = (folder: string, site: string) => {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, {withFileTypes: true})
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return
      throw error
    }
    for (const entry of entries) {
      const name = entry.name
      if (entry.isDirectory()) walk(join(folder, name), `${site}/${name}`)
      else if (entry.isFile() && name.endsWith('.md') && !name.includes(TEMP_MARKER))
        paths.push(`${site}/${name}`)
    }
  }
  walk(join(blogDir, contentDir), contentDir)
  return paths
}

/** Below this many files to read, starting a thread costs more than it saves. */
const PREHASH_THRESHOLD = 1000

export function blogDisk(blogDir: string, statCache: StatCache = new Map()): BlogDisk {
  let changed = false
  const prehashed = new Map<string, HashedFile>()
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
  /** Paths a hashing thread is working on, and the promise of all such work. */
  const hashing = new Set<string>()
  let inFlight: Promise<void> = Promise.resolve()
  const hashElsewhere = async (paths: readonly string[]): Promise<void> => {
    try {
      const {hashFilesElsewhere} = await import('./hash-thread.ts')
      // One thread per core but the one the main thread keeps busy meanwhile: one
      // more would only take turns with them.
      const threads = Math.max(1, Math.min(availableParallelism() - 1, 4))
      const share = Math.ceil(paths.length / threads)
      const parts = Array.from({length: threads}, (_, i) => paths.slice(i * share, (i + 1) * share))
      const answers = await Promise.all(
        parts.map((part) => hashFilesElsewhere(part.map((path) => `${root}${path}`))),
      )
      for (const [t, part] of parts.entries())
        for (const [i, path] of part.entries()) prehashed.set(path, answers[t]?.[i] as HashedFile)
    } finally {
      for (const path of paths) hashing.delete(path)
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
    async prehash(paths, threshold = PREHASH_THRESHOLD) {
      const unknown = paths.filter(
        (path) => !statCache.has(path) && !prehashed.has(path) && !hashing.has(path),
      )
      if (unknown.length >= threshold) {
        for (const path of unknown) hashing.add(path)
        const started = hashElsewhere(unknown)
        // Kept waiting on while it runs; its failure is the caller's, through this call.
        started.catch(() => {})
        inFlight = Promise.all([inFlight, started]).then(() => {})
      }
      await inFlight
    },
    async hash(path) {
      if (hashing.has(path)) await inFlight
      const hashed = prehashed.get(path) ?? hashFileAt(`${root}${path}`, statCache.get(path))
      prehashed.delete(path)
      if (hashed === 'missing') {
        if (statCache.delete(path)) changed = true
        return undefined
      }
      if (hashed === 'directory') return 'directory'
      if (statCache.get(path) !== hashed) {
        statCache.set(path, hashed)
        changed = true
      }
      return hashed[3]
    },
    async size(path) {
      const info = await statOf(path)
      if (info === undefined) return undefined
      return info.isFile() ? info.size : -1
    },
    exists: (path) => existsSync(`${root}${path}`),
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

/** A folder's names, or why there are none to read. */
type Listing = ReadonlySet<string> | 'absent' | 'unknown'

/**
 * `disk` for the planner, which asks about every new post's and image's path, nearly
 * all of them absent: a first export of 10,000 posts asked 30,000 times, a failed
 * stat each. Here a path is absent when its folder's listing (read once) lacks its
 * name, when its folder is absent, or when its folder is one `fresh` says this run
 * has just made (it holds only this run's temp files). Other answers come from
 * `disk`. For one planning pass: the listings are not updated as files are written.
 */
export function listedDisk(disk: Disk, root: string, fresh: (folder: string) => boolean): Disk {
  const base = root.endsWith(sep) ? root : `${root}${sep}`
  const listings = new Map<string, Listing>()
  const listing = (folder: string): Listing => {
    const known = listings.get(folder)
    if (known !== undefined) return known
    let names: Listing
    if (absent(folder)) names = 'absent'
    else if (fresh(`${base}${folder}`)) names = new Set()
    else {
      try {
        names = new Set(readdirSync(`${base}${folder}`))
      } catch (error) {
        // Unreadable: `disk` answers (and reports) for the paths in it.
        names = isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR') ? 'absent' : 'unknown'
      }
    }
    listings.set(folder, names)
    return names
  }
  const absent = (path: string): boolean => {
    const slash = path.lastIndexOf('/')
    if (slash <= 0) return false
    const names = listing(path.slice(0, slash))
    return names === 'absent' || (names !== 'unknown' && !names.has(path.slice(slash + 1)))
  }
  return {
    read: (path) => (absent(path) ? Promise.resolve(undefined) : disk.read(path)),
    hash: (path) => disk.hash(path),
    size: (path) => disk.size(path),
    exists: (path) => disk.exists(path),
  }
}

const readBuffer = Buffer.allocUnsafe(1 << 20)

/**
 * Hashes the file at `path`, unless `known` (its stat cache entry) still matches its
 * size, mtime and inode. Synchronous, like the stat: thousands of small reads in a
 * row are faster without a thread-pool round trip for each open, read and close. The
 * file is opened first and stat'ed through its descriptor, and read through one
 * reused buffer. Returns `known` itself when it still holds.
 */
export function hashFileAt(path: string, known: StatEntry | undefined): HashedFile {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return 'missing'
    if (isCode(error, 'EISDIR')) return 'directory'
    throw error
  }
  try {
    const info = fstatSync(fd)
    if (info.isDirectory()) return 'directory'
    if (
      known !== undefined &&
      known[0] === info.size &&
      known[1] === info.mtimeMs &&
      known[2] === info.ino
    )
      return known
    return [info.size, info.mtimeMs, info.ino, hashOpenFile(fd)]
  } finally {
    closeSync(fd)
  }
}

function hashOpenFile(fd: number): string {
  const hash = createHash('sha256')
  for (let position = 0; ; ) {
    const read = readSync(fd, readBuffer, 0, readBuffer.length, position)
    hash.update(readBuffer.subarray(0, read))
    position += read
    // A regular file reads short only at its end: a post smaller than the buffer
    // takes one read, not a second one that returns nothing.
    if (read < readBuffer.length) break
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
