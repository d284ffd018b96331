/**
 * The converter's public data types. Kept separate from index.ts so render
 * modules can share them without importing the archetype registry.
 */

/** A Sanity path: `['components', {_key: 'k1'}, 'name']`. */
export type PathSegment = string | number | {_key: string}

export interface RenderWarning {
  documentId: string
  path: PathSegment[]
  /** The same path in Sanity's string form, e.g. `components[_key=="k1"].name`. */
  pathString: string
  message: string
}

export interface AssetPlacement {
  source: {kind: 'ref'; ref: string} | {kind: 'file'; url: string}
  /** `<sha1>-<W>x<H>.<ext>` */
  fileName: string
  /** Site-root relative target of the file. */
  path: string
  /** Where the document holds the image, e.g. `cover`: an error about its file names it. */
  field: string
}

/**
 * When Hugo shows the post, as its front matter says (RFC 3339, as written there).
 * A Hugo draft has none: Hugo never shows it.
 */
export interface PostSchedule {
  /** The post's `publishDate`, else its `date`: Hugo leaves the post out until then. */
  publishDate: string
  /** Hugo leaves the post out from then on. */
  expiryDate?: string
}

/** Index `line - 1` holds the field that line of a post was written from, if any. */
export type LineFields = readonly (readonly PathSegment[] | undefined)[]

export interface RenderResult {
  documentId: string
  slug: string
  /** Site-root relative, e.g. `content/posts/<slug>.md` or `content/posts/<slug>/index.md`. */
  path: string
  markdown: string
  warnings: RenderWarning[]
  assets: AssetPlacement[]
  /**
   * The archetype's section headings the file contains, in order: the Studio
   * counts these rather than judging the fields a second time.
   */
  sections: string[]
  schedule?: PostSchedule
  /** The field each line of `markdown` was written from, when asked for (`lineFields`). */
  fields?: LineFields
}

export function pathToString(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'string') out += out === '' ? segment : `.${segment}`
    else out += `[_key==${JSON.stringify(segment._key)}]`
  }
  return out
}

/** Thrown only for documents that cannot become a post at all; everything else is a warning. */
export class RenderError extends Error {
  override name = 'RenderError'
  documentId: string
  path: PathSegment[]
  pathString: string

  constructor(documentId: string, path: PathSegment[], message: string) {
    const pathString = pathToString(path)
    super(`${documentId || '(no id)'}${pathString ? ` at ${pathString}` : ''}: ${message}`)
    this.documentId = documentId
    this.path = path
    this.pathString = pathString
  }
}
