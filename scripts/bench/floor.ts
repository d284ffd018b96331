import {createReadStream} from 'node:fs'
import {mkdir, mkdtemp, open, readdir, rename, stat, writeFile} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'
import {syncFileSystem} from '../lib/atomic.ts'
import {type RunLimits, repeat, type Series, series} from './stats.ts'
import {discardLater} from './trash.ts'

/**
 * The I/O floor: what any exporter must at least spend, reading the dataset and
 * writing the same bytes to the same files in the same folders. Measured in the
 * bench process with the page cache as warm as the export found it.
 */

export interface FileSpec {
  path: string
  size: number
}

export interface FloorResults {
  files: number
  bytes: number
  readMs: Series
  /** Plain writes (no fsync). */
  writeMs: Series
  totalMs: Series
  /**
   * Each file written to a temp name and renamed, then the file system flushed once:
   * the exporter's durability (a crash never leaves a part of a file; the manifest
   * is written only after everything is on disk).
   */
  durableWriteMs: Series
  durableTotalMs: Series
}

const CONCURRENCY = 16

/** Every file under `root` (relative paths and sizes), sorted. */
export async function listFiles(root: string): Promise<FileSpec[]> {
  const out: FileSpec[] = []
  for (const entry of await readdir(root, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath, entry.name)
    out.push({path: relative(root, full), size: (await stat(full)).size})
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function readAll(file: string): Promise<number> {
  let bytes = 0
  for await (const chunk of createReadStream(file, {highWaterMark: 1 << 20}))
    bytes += (chunk as Buffer).length
  return bytes
}

async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({length: Math.min(CONCURRENCY, items.length)}, worker))
}

async function writeTree(
  root: string,
  files: readonly FileSpec[],
  durable: boolean,
): Promise<void> {
  const largest = files.reduce((max, file) => Math.max(max, file.size), 0)
  const filler = Buffer.alloc(largest, 0x61)
  const dirs = [...new Set(files.map((file) => dirname(join(root, file.path))))].sort()
  for (const dir of dirs) await mkdir(dir, {recursive: true})
  await pool(files, async (file) => {
    const target = join(root, file.path)
    const content = filler.subarray(0, file.size)
    if (!durable) return writeFile(target, content)
    const temp = `${target}.tmp`
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(content)
    } finally {
      await handle.close()
    }
    await rename(temp, target)
  })
  if (durable && !(await syncFileSystem(root)))
    throw new Error(`could not flush the file system of ${root}`)
}

export async function ioFloor(
  dataset: string,
  files: readonly FileSpec[],
  workDir: string,
  limits: RunLimits,
): Promise<FloorResults> {
  const read = await repeat(limits, async () => {
    const start = performance.now()
    await readAll(dataset)
    return performance.now() - start
  })
  const write = (durable: boolean) =>
    repeat(limits, async () => {
      const root = await mkdtemp(join(workDir, durable ? 'floor-durable-' : 'floor-'))
      // As for every measure: the disk starts flushed (see process.ts).
      await syncFileSystem(root)
      const start = performance.now()
      await writeTree(root, files, durable)
      const ms = performance.now() - start
      discardLater(root)
      return ms
    })
  const plain = await write(false)
  const durable = await write(true)
  const readMedian = series(read).median
  return {
    files: files.length,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
    readMs: series(read),
    writeMs: series(plain),
    totalMs: series(plain.map((ms) => ms + readMedian)),
    durableWriteMs: series(durable),
    durableTotalMs: series(durable.map((ms) => ms + readMedian)),
  }
}
