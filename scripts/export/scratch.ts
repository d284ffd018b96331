import {access, copyFile, cp, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {basename, dirname, join} from 'node:path'
import {isCode, TEMP_MARKER} from '../lib/atomic.ts'
import type {FileDelete, FileWrite, Plan} from './plan.ts'

/** What one document changes in the blog: the files it writes and deletes. */
export interface DocChange {
  id: string
  writes: FileWrite[]
  deletes: FileDelete[]
}

/** The plan's changes, by document, in id order. */
export function changesOf(plan: Plan): DocChange[] {
  const byId = new Map<string, DocChange>()
  const of = (id: string) => {
    let change = byId.get(id)
    if (change === undefined) {
      change = {id, writes: [], deletes: []}
      byId.set(id, change)
    }
    return change
  }
  for (const write of plan.writes) of(write.documentId).writes.push(write)
  for (const remove of plan.deletes) of(remove.documentId).deletes.push(remove)
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Names a build must not see: the repo, an earlier build's output, files written ahead. */
function copied(root: string, path: string): boolean {
  const name = basename(path)
  if (name === '.git' || name.includes(TEMP_MARKER)) return false
  return !(dirname(path) === root && (name === 'public' || name === '.hugo_build.lock'))
}

/** The bytes a planned write puts in place (a file written ahead is read back). */
export type ReadWrite = (write: FileWrite) => Promise<string | Uint8Array>

/**
 * A copy of the blog to build, outside it, so that Hugo's `public/` and caches never
 * land in the repo. It starts as the blog is (before the run's changes), and shows
 * any chosen set of documents' changes on top of that.
 */
export class Scratch {
  readonly dir: string
  readonly #blogDir: string
  readonly #read: ReadWrite
  /** What each path shows now, where it differs from the blog: the write, or gone. */
  readonly #shown = new Map<string, FileWrite | 'gone'>()

  private constructor(dir: string, blogDir: string, read: ReadWrite) {
    this.dir = dir
    this.#blogDir = blogDir
    this.#read = read
  }

  static async create(blogDir: string, read: ReadWrite): Promise<Scratch> {
    const dir = await mkdtemp(join(tmpdir(), 'hugo-export-verify-'))
    try {
      await cp(blogDir, dir, {recursive: true, filter: (path) => copied(blogDir, path)})
    } catch (error) {
      await rm(dir, {recursive: true, force: true})
      throw error
    }
    return new Scratch(dir, blogDir, read)
  }

  /** Shows the changes of the documents in `included`, and the blog as it is for the others. */
  async show(changes: readonly DocChange[], included: ReadonlySet<string>): Promise<void> {
    const wanted = new Map<string, FileWrite | 'gone'>()
    for (const change of changes) {
      if (!included.has(change.id)) continue
      for (const write of change.writes) wanted.set(write.path, write)
      for (const remove of change.deletes)
        if (!wanted.has(remove.path)) wanted.set(remove.path, 'gone')
    }
    for (const path of [...this.#shown.keys()]) if (!wanted.has(path)) await this.#restore(path)
    for (const [path, state] of wanted) {
      if (this.#shown.get(path) === state) continue
      if (state === 'gone') await rm(join(this.dir, path), {force: true})
      else {
        await mkdir(dirname(join(this.dir, path)), {recursive: true})
        await writeFile(join(this.dir, path), await this.#read(state))
      }
      this.#shown.set(path, state)
    }
  }

  async #restore(path: string): Promise<void> {
    const target = join(this.dir, path)
    const source = join(this.#blogDir, path)
    if (await exists(source)) {
      await mkdir(dirname(target), {recursive: true})
      await copyFile(source, target)
    } else await rm(target, {force: true})
    this.#shown.delete(path)
  }

  async remove(): Promise<void> {
    await rm(this.dir, {recursive: true, force: true})
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false
    throw error
  }
}
