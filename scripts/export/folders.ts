import {lstatSync, realpathSync} from 'node:fs'
import {sep} from 'node:path'

/**
 * Whether the exporter may write files into a folder of the blog, and remove them.
 * A folder reached through a symbolic link that leads out of the blog dir would have
 * posts and images written (and, on unpublishing, deleted) wherever it points; a file
 * standing where a folder belongs made every write under it fail part-way through the
 * run. Both are refused before anything is written, for the documents concerned.
 *
 * Each folder of a path is looked at once per run (one `lstat`, and a `realpath` for
 * a link): a run asks about a few folders per changed post, never per file.
 */
export class BlogFolders {
  readonly #root: string
  #realRoot: string | undefined
  /** Site-relative folder → why nothing may be written into it, or '' when it is fine. */
  readonly #known = new Map<string, string>()

  constructor(blogDir: string) {
    this.#root = blogDir.endsWith(sep) ? blogDir.slice(0, -1) : blogDir
  }

  /** Why nothing may be written into the site-relative `folder`, or undefined. */
  problem(folder: string): string | undefined {
    let prefix = ''
    for (const name of folder.split('/')) {
      if (name === '') continue
      prefix = prefix === '' ? name : `${prefix}/${name}`
      let found = this.#known.get(prefix)
      if (found === undefined) {
        found = this.#look(prefix)
        this.#known.set(prefix, found)
      }
      if (found === MISSING) return undefined
      if (found !== '') return found
    }
    return undefined
  }

  /** One folder of a path, its parents already known to be fine. */
  #look(prefix: string): string {
    const path = `${this.#root}${sep}${prefix}`
    const info = lstatSync(path, {throwIfNoEntry: false})
    // A missing folder is made by the exporter, inside the blog dir.
    if (info === undefined) return MISSING
    if (info.isDirectory()) return ''
    if (!info.isSymbolicLink())
      return `${prefix} is a file where a folder belongs; move it away and run again`
    let target: string
    try {
      target = realpathSync(path)
    } catch {
      return `${prefix} is a symbolic link to a folder that does not exist; remove it and run again`
    }
    const root = this.#realRootPath()
    if (target !== root && !target.startsWith(`${root}${sep}`))
      return `${prefix} is a symbolic link to ${target}, outside the blog dir; nothing is written through it`
    return lstatSync(target).isDirectory()
      ? ''
      : `${prefix} is a link to a file where a folder belongs; move it away and run again`
  }

  #realRootPath(): string {
    this.#realRoot ??= realpathSync(this.#root)
    return this.#realRoot
  }
}

/** A folder that does not exist yet: it and everything below it will be made inside. */
const MISSING = '\0missing'
