import {mkdirSync, rmdirSync, rmSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {dirname, sep} from 'node:path'
import {renameTemp, writeTemp} from '../lib/atomic.ts'
import type {BlogFolders} from './folders.ts'

interface StagedFile {
  temp: string
  sha256: string
}

/**
 * Content the stage holds on disk, carried by the plan in place of its bytes; only
 * `Stage.place` can write it.
 */
export class Staged {
  readonly sha256: string
  constructor(sha256: string) {
    this.sha256 = sha256
  }
}

/**
 * Files written ahead, under temp names beside where they will go, while the rest
 * of the run still renders: a first export of a big dataset then writes its files
 * while the render threads work, and applying the plan only renames them into
 * place. Nothing is visible under a real name before the planner has decided: a
 * file the plan does not take (a failed document, a path someone else holds) is
 * removed by `discard`, and a killed run's temp files are removed by the next run
 * like any other (they carry the exporter's temp marker).
 *
 * Writing ahead is a guess that saves time: a file that could not be staged is
 * written the usual way when the plan is applied, and that write reports what is
 * wrong. A post that was staged is carried by the plan as its `Staged` token, not
 * its bytes, so its temp file must still be there when the plan is applied.
 */
export class Stage {
  readonly #root: string
  readonly #files = new Map<string, StagedFile>()
  /** Folders known to exist. */
  readonly #folders = new Set<string>()
  /** Every folder made here, so holding nothing but staged files. */
  readonly #fresh = new Set<string>()
  /** Folders made here whose files may not all be there: a write into them failed. */
  readonly #failedIn = new Set<string>()
  #wrote = false
  readonly #pending: Promise<void>[] = []

  readonly #blogFolders: Pick<BlogFolders, 'problem'>

  /** `folders` says which folders may not be written into: nothing is staged there. */
  constructor(blogDir: string, folders: Pick<BlogFolders, 'problem'>) {
    this.#root = blogDir.endsWith(sep) ? blogDir : `${blogDir}${sep}`
    this.#blogFolders = folders
  }

  /**
   * Writes `bytes`, meant for the site-relative `path`, to a temp file beside it.
   * Returns the token that stands for them once they are on disk, or undefined when
   * they could not be staged (or other bytes are staged for the path).
   */
  put(path: string, bytes: Uint8Array, sha256: string): Staged | undefined {
    const known = this.#files.get(path)
    if (known !== undefined) return known.sha256 === sha256 ? new Staged(sha256) : undefined
    const target = `${this.#root}${path}`
    const folder = dirname(target)
    // Left to the planner, which fails the document with the reason.
    if (!this.#folders.has(folder) && this.#blogFolders.problem(dirname(path)) !== undefined)
      return undefined
    try {
      if (!this.#folders.has(folder)) {
        const first = mkdirSync(folder, {recursive: true})
        if (first !== undefined)
          for (let made = folder; made.length >= first.length; made = dirname(made))
            this.#fresh.add(made)
        this.#folders.add(folder)
      }
      this.#files.set(path, {temp: writeTemp(target, bytes, {fsync: false}), sha256})
      this.#wrote = true
      return new Staged(sha256)
    } catch {
      this.#failedIn.add(folder)
      // Left to the apply step, which writes it the usual way or reports why not.
      return undefined
    }
  }

  /** Whether any file was written ahead (placed or not). */
  get wrote(): boolean {
    return this.#wrote
  }

  /** Stages what `bytes` resolves to; a failure is left to the planner, which asks again. */
  putLater(path: string, bytes: Promise<Uint8Array>, hash: (bytes: Uint8Array) => string): void {
    this.#pending.push(
      bytes.then(
        (value) => {
          this.put(path, value, hash(value))
        },
        () => {},
      ),
    )
  }

  /** Resolves once every `putLater` has been written (or given up). */
  async settled(): Promise<void> {
    while (this.#pending.length > 0) await Promise.all(this.#pending.splice(0))
  }

  /** Whether this stage made `folder` (an absolute path): it then holds only staged files. */
  made(folder: string): boolean {
    return this.#fresh.has(folder)
  }

  /** The bytes staged for `path`, for a build of the site before they are placed. */
  async read(path: string, sha256: string): Promise<Buffer> {
    const staged = this.#files.get(path)
    if (staged === undefined || staged.sha256 !== sha256)
      throw new Error(`${path}: the file written ahead for it is gone`)
    return readFile(staged.temp)
  }

  /**
   * Moves the file staged for `path` onto `target` when it holds the content with
   * this sha256; false when there is none, and the caller writes the file itself.
   */
  place(path: string, sha256: string, target: string): boolean {
    const staged = this.#files.get(path)
    if (staged === undefined || staged.sha256 !== sha256) return false
    this.#files.delete(path)
    renameTemp(staged.temp, target)
    return true
  }

  /** Removes every staged file not placed, and the folders made for them that stayed empty. */
  async discard(): Promise<void> {
    await this.settled()
    // A made folder can be empty only where a file was removed here or never written;
    // every other one holds a placed file, so a big export tries no rmdir in vain.
    const emptied = new Set(this.#failedIn)
    for (const {temp} of this.#files.values()) {
      rmSync(temp, {force: true})
      emptied.add(dirname(temp))
    }
    this.#files.clear()
    const candidates = new Set<string>()
    for (const folder of emptied)
      for (let made = folder; this.#fresh.has(made); made = dirname(made)) candidates.add(made)
    this.#fresh.clear()
    this.#failedIn.clear()
    // Deepest first, so that a folder emptied of its made subfolders goes too.
    for (const folder of [...candidates].sort((a, b) => b.length - a.length)) {
      try {
        rmdirSync(folder)
      } catch {
        // Not empty (it holds a placed file) or gone: it stays.
      }
    }
  }
}
