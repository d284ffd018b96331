import type {SiteConfig} from '../config.ts'
import {hasContent} from '../content.ts'
import {type AssetPlacement, type PathSegment, pathToString, type RenderWarning} from '../types.ts'

/** Everything one render needs and collects. Created per document, never shared. */
export interface RenderContext {
  readonly documentId: string
  readonly site: SiteConfig
  readonly slug: string
  /** Whether this post shows the Lyket buttons (site switch and post switch). */
  readonly likeButtons: boolean
  readonly warnings: RenderWarning[]
  readonly assets: AssetPlacement[]
  /** The archetype section headings written, in order. */
  readonly sections: string[]
  /**
   * What `warnings` and `assets` hold, by key, so that recording one more stays a
   * lookup: a search made a document of 100,000 images or unknown marks quadratic.
   */
  readonly recorded: Set<string>
  /** Footnote texts as markdown, numbered in the order the post shows their references. */
  readonly footnotes: string[]
  /** Whether the body says which field each part was written from (see `Chunk`). */
  readonly keepFields?: boolean
}

/** A value and where it sits in the document. */
export interface Located {
  readonly value: unknown
  readonly path: readonly PathSegment[]
}

/** Records a warning once: a field read by several slots (e.g. the name in the H1 and the opening) is reported once. */
export function warn(ctx: RenderContext, path: readonly PathSegment[], message: string): void {
  const pathString = pathToString(path)
  const key = `warning\0${pathString}\0${message}`
  if (ctx.recorded.has(key)) return
  ctx.recorded.add(key)
  ctx.warnings.push({documentId: ctx.documentId, path: [...path], pathString, message})
}

/** Records an image placement once per path. */
export function placeAsset(ctx: RenderContext, asset: AssetPlacement): void {
  const key = `asset\0${asset.path}`
  if (ctx.recorded.has(key)) return
  ctx.recorded.add(key)
  ctx.assets.push(asset)
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/** The segment Sanity uses for an array item: its `_key` when it has one. */
export function itemSegment(item: unknown, index: number): PathSegment {
  if (isRecord(item) && typeof item['_key'] === 'string' && item['_key'] !== '')
    return {_key: item['_key']}
  return index
}

/**
 * A value reached from `parent` by `steps` (field names, or an item's index): its
 * path is built when it is first read. A render locates tens of thousands of
 * values, and reads the path of a few, for their warnings.
 */
class LocatedFrom implements Located {
  readonly value: unknown
  readonly #parent: Located
  readonly #steps: readonly string[] | number
  readonly #count: number
  #path: readonly PathSegment[] | undefined
  constructor(value: unknown, parent: Located, steps: readonly string[] | number, count = 1) {
    this.value = value
    this.#parent = parent
    this.#steps = steps
    this.#count = count
  }
  get path(): readonly PathSegment[] {
    if (this.#path === undefined) {
      const steps = this.#steps
      this.#path =
        typeof steps === 'number'
          ? [...this.#parent.path, itemSegment(this.value, steps)]
          : [...this.#parent.path, ...steps.slice(0, this.#count)]
    }
    return this.#path
  }
}

/** The `name` field of a located record, holding `value`. */
export function fieldOf(parent: Located, name: string, value: unknown): Located {
  return new LocatedFrom(value, parent, [name])
}

/** Dotted paths come from the archetypes, a small fixed set: each is split once. */
const splitPaths = new Map<string, readonly string[]>()

/** Follows a dotted relative path; a wrong-typed value on the way is reported once. */
export function locate(ctx: RenderContext, from: Located, dotted: string): Located {
  if (dotted === '') return from
  let names = splitPaths.get(dotted)
  if (names === undefined) {
    names = dotted.split('.')
    splitPaths.set(dotted, names)
  }
  let value = from.value
  for (let i = 0; i < names.length; i++) {
    if (value === undefined || value === null) return new LocatedFrom(undefined, from, names, i + 1)
    if (!isRecord(value)) {
      const path = [...from.path, ...names.slice(0, i)]
      warn(ctx, path, `Expected an object here but found ${describe(value)}; it was left out.`)
      return {value: undefined, path: [...path, names[i] ?? '']}
    }
    value = value[names[i] ?? '']
  }
  return new LocatedFrom(value, from, names, names.length)
}

/** A text field's value, or undefined when empty or not text (the latter with a warning). */
export function readText(ctx: RenderContext, at: Located): string | undefined {
  const {value} = at
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return hasContent(value) ? value : undefined
  warn(ctx, at.path, `Expected text but found ${describe(value)}; it was left out.`)
  return undefined
}

export function readBoolean(ctx: RenderContext, at: Located): boolean | undefined {
  const {value} = at
  if (value === undefined || value === null) return undefined
  if (typeof value === 'boolean') return value
  warn(ctx, at.path, `Expected true or false but found ${describe(value)}; the default was used.`)
  return undefined
}

/** The items of an array field, each located; a non-array is reported and reads as empty. */
export function readArray(ctx: RenderContext, at: Located): Located[] {
  const {value} = at
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    warn(ctx, at.path, `Expected a list but found ${describe(value)}; it was left out.`)
    return []
  }
  return value.map((item, index) => new LocatedFrom(item, at, index))
}

/** The text items of a string array, skipping empty ones and reporting non-text ones. */
export function readTextList(ctx: RenderContext, at: Located): string[] {
  return readArray(ctx, at).flatMap((item) => {
    const text = readText(ctx, item)
    return text === undefined ? [] : [text]
  })
}
