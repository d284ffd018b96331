import {execFile} from 'node:child_process'
import {
  closeSync,
  type Dirent,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {open, readdir, rm, rmdir} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * Temp files carry this marker so that files left by a killed run can be told apart
 * from anything a person wrote, and removed on the next run.
 */
export const TEMP_MARKER = '.sanity-export-tmp-'

let tempCounter = 0

/** A path for a person: a temp file's name means nothing to them, its folder does. */
function shownPath(path: string): string {
  return basename(path).includes(TEMP_MARKER) ? dirname(path) : path
}

function tempPathFor(target: string): string {
  tempCounter += 1
  // The pid keeps two processes apart; the counter keeps concurrent writes of one run apart.
  return join(dirname(target), `.${basename(target)}${TEMP_MARKER}${process.pid}-${tempCounter}`)
}

const FILE_SYSTEM_PROBLEMS: Record<string, string> = {
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
}

/**
 * What an error of the machine rather than of the exporter says, for a person, or
 * undefined for any other error: a full disk, a read-only file system, a file that is
 * not ours to write.
 */
export function fileSystemProblem(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string')
    return undefined
  const problem = FILE_SYSTEM_PROBLEMS[error.code]
  if (problem === undefined) return undefined
  const path = 'path' in error && typeof error.path === 'string' ? `${shownPath(error.path)}: ` : ''
  return `${path}${problem} (${error.code})`
}

export interface AtomicWriteOptions {
  /** Flush the data to disk before the rename, so a power loss cannot leave an empty file. */
  fsync: boolean
}

/**
 * Writes `content` to a new temp file beside `target` (same directory, so same file
 * system, so a rename onto `target` is atomic) and returns its path. Flushed first
 * when asked. Nothing is left behind when it fails.
 */
export function writeTemp(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {fsync: true},
): string {
  const temp = tempPathFor(target)
  const fd = openSync(temp, 'wx', 0o644)
  try {
    writeFileSync(fd, content)
    if (options.fsync) fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temp, {force: true})
    throw error
  }
  closeSync(fd)
  return temp
}

/** Renames a temp file over `target`, removing the temp file when that fails. */
export function renameTemp(temp: string, target: string): void {
  try {
    renameSync(temp, target)
  } catch (error) {
    rmSync(temp, {force: true})
    throw error
  }
}

/**
 * Replaces `target` with `content` so that readers see either the old or the new
 * file, never a part: the bytes go to a temp file (`writeTemp`), which is flushed
 * (when asked) and then renamed over the target. The caller fsyncs the directory
 * (see `syncDirectories`) to make the rename durable. Synchronous: a big export
 * writes tens of thousands of small files, where four thread-pool round trips per
 * file (open, write, close, rename) cost more than the system calls themselves.
 */
export function writeFileAtomic(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions = {fsync: true},
): void {
  renameTemp(writeTemp(target, content, options), target)
}

/**
 * Flushes everything written so far to the file system that holds `path`: data,
 * new names and removals alike (syncfs(2), through coreutils' `sync --file-system`).
 * One flush for a whole export costs about what writing the files did, while a
 * flush per file costs a journal commit each: several times the whole write on
 * ext4. Resolves false when the flush could not be run, so the caller can fall
 * back to flushing file by file.
 */
export function syncFileSystem(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('sync', ['--file-system', path], {timeout: 300_000}, (error) => resolve(!error))
  })
}

/** Flushes one file's data; the caller flushes its directory for the name. */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Makes renames and unlinks in these directories durable. */
export async function syncDirectories(directories: Iterable<string>): Promise<void> {
  for (const directory of new Set(directories)) {
    let handle: Awaited<ReturnType<typeof open>> | undefined
    try {
      handle = await open(directory, 'r')
      await handle.sync()
    } catch (error) {
      // Some file systems refuse fsync on directories; the rename is still atomic there.
      // A directory that is gone was emptied and removed after its files were deleted
      // (a deleted or renamed post's image folder): there is nothing left in it to sync.
      if (
        !isCode(error, 'EISDIR') &&
        !isCode(error, 'EINVAL') &&
        !isCode(error, 'EPERM') &&
        !isCode(error, 'ENOENT')
      )
        throw error
    } finally {
      await handle?.close()
    }
  }
}

/**
 * Removes temp files a killed run left behind in `root` (and below it when
 * `recursive`), and returns their paths. Only names with the exporter's temp
 * marker are touched.
 */
export async function removeStaleTempFiles(root: string, recursive: boolean): Promise<string[]> {
  const removed: string[] = []
  let entries: Dirent[]
  try {
    entries = await readdir(root, {withFileTypes: true, recursive, encoding: 'utf8'})
  } catch (error) {
    if (isCode(error, 'ENOENT')) return removed
    throw error
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.includes(TEMP_MARKER)) continue
    const path = join(entry.parentPath, entry.name)
    await rm(path, {force: true})
    removed.push(path)
  }
  return removed
}

/**
 * Removes `directory` and then its parents while they are empty, stopping at `stop`
 * (which is kept). Non-empty directories are left alone, so nothing a person put
 * there is lost.
 */
export async function removeEmptyDirectories(directory: string, stop: string): Promise<void> {
  let current = directory
  while (current.startsWith(`${stop}/`)) {
    try {
      await rmdir(current)
    } catch (error) {
      if (isCode(error, 'ENOENT')) {
        current = dirname(current)
        continue
      }
      if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST') || isCode(error, 'ENOTDIR')) return
      throw error
    }
    current = dirname(current)
  }
}

export function isCode(error: unknown, code: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as {code: unknown}).code === code
  )
}
