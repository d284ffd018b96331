import {mkdirSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {dirname, join} from 'node:path'
import {
  isCode,
  removeEmptyDirectories,
  syncDirectories,
  syncFile,
  syncFileSystem,
  writeFileAtomic,
} from '../lib/atomic.ts'
import {MANIFEST_FILE, serializeManifest} from './manifest.ts'
import type {Plan} from './plan.ts'
import {mapPool} from './pool.ts'
import {type Stage, Staged} from './stage.ts'

export interface ApplyOptions {
  blogDir: string
  contentDir: string
  /**
   * Make the files durable before the manifest that records them is written (on by
   * default; tests may turn it off: every write is atomic either way).
   */
  fsync: boolean
  /** Told after each file is written or deleted, e.g. to stop a test run part-way. */
  onStep?: (step: {kind: 'write' | 'delete' | 'sync' | 'manifest'; path: string}) => void
  /** Files written ahead under temp names: each is renamed into place instead of written. */
  stage?: Stage
  /** Seams for tests; the real flushes by default. */
  flush?: {fileSystem: (path: string) => Promise<boolean>; file: (path: string) => Promise<void>}
}

const REAL_FLUSH = {fileSystem: syncFileSystem, file: syncFile}

/**
 * Carries out a plan in the order that keeps every moment recoverable: images, then
 * posts (each written atomically), then deletions, one flush of all of it, and the
 * manifest last. A crash before the manifest is saved leaves files the next run
 * recognises and adopts; a power cut cannot leave a manifest naming files that were
 * never flushed.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<void> {
  const {blogDir} = options
  // Only for files written here: a staged file's folder exists already.
  const made = new Set<string>()
  const assets = plan.writes.filter((write) => write.kind === 'asset')
  const posts = plan.writes.filter((write) => write.kind === 'markdown')
  for (const write of [...assets, ...posts]) {
    const target = join(blogDir, write.path)
    const placed = options.stage?.place(write.path, write.sha256, target) ?? false
    if (!placed) {
      if (write.content instanceof Staged)
        throw new Error(`${write.path}: the file written ahead for it is gone`)
      const directory = dirname(target)
      if (!made.has(directory)) {
        mkdirSync(directory, {recursive: true})
        made.add(directory)
      }
      writeFileAtomic(target, write.content, {fsync: false})
    }
    options.onStep?.({kind: 'write', path: write.path})
  }
  for (const remove of plan.deletes) {
    const target = join(blogDir, remove.path)
    try {
      await rm(target)
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error
    }
    options.onStep?.({kind: 'delete', path: remove.path})
  }
  for (const remove of plan.deletes) {
    const directory = dirname(join(blogDir, remove.path))
    await removeEmptyDirectories(directory, stopFor(remove.path, options.contentDir, blogDir))
  }
  let manifest: string
  if (options.fsync) {
    const flush = options.flush ?? REAL_FLUSH
    const flushed = flush.fileSystem(blogDir)
    // The flush runs in another process and mostly waits for the disk: the manifest
    // (a few tenths of a second of CPU at 10,000 posts) is serialised meanwhile, and
    // saved after it.
    manifest = serializeManifest(plan.manifest)
    if (!(await flushed)) {
      await mapPool(plan.writes, 16, (write) => flush.file(join(blogDir, write.path)))
      // The folders whose entries changed; the blog dir itself is synced with the manifest.
      const touched = [...plan.writes, ...plan.deletes].map((file) =>
        dirname(join(blogDir, file.path)),
      )
      await syncDirectories(touched.filter((dir) => dir !== blogDir))
    }
    options.onStep?.({kind: 'sync', path: '.'})
  } else manifest = serializeManifest(plan.manifest)
  await writeManifest(manifest, blogDir, options.fsync)
  options.onStep?.({kind: 'manifest', path: MANIFEST_FILE})
}

/** Empty folders left by a deletion go, but never the posts folder or static/images itself. */
function stopFor(path: string, contentDir: string, blogDir: string): string {
  if (path.startsWith(`${contentDir}/`)) return join(blogDir, contentDir)
  if (path.startsWith('static/images/')) return join(blogDir, 'static', 'images')
  return join(blogDir, 'static')
}

/** Saves the manifest's text (`serializeManifest`). */
export async function writeManifest(text: string, blogDir: string, fsync: boolean): Promise<void> {
  writeFileAtomic(join(blogDir, MANIFEST_FILE), text, {fsync})
  if (fsync) await syncDirectories([blogDir])
}
