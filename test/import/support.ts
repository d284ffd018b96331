import {DEFAULT_SITE, type SiteConfig} from '../../converter/config.ts'
import {type ImportedPost, importPost} from '../../scripts/import/post.ts'

/** Imports markdown text as if it were the post file `file`, with no image files on disk. */
export function importMarkdown(
  markdown: string,
  file: string,
  site: SiteConfig = DEFAULT_SITE,
): ImportedPost {
  return importPost(file, new TextEncoder().encode(markdown), {
    site,
    siteRoot: undefined,
    readFile: () => undefined,
  })
}

export type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

const IDENTITY = new Set(['_key', '_id', '_rev', '_createdAt', '_updatedAt'])

/**
 * A document without what identifies one copy of it: ids, revisions and keys.
 * Link mark keys become their position in the block, so two documents that
 * differ only in key choices compare equal. A span's marks are a set, so they
 * are sorted: `***x***` reads back as em and strong in either order.
 */
export function comparable(value: unknown): Json {
  const json = JSON.parse(JSON.stringify(value)) as Json
  return strip(json)
}

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip)
  if (value === null || typeof value !== 'object') return value
  const names = new Map<string, string>()
  if (value['_type'] === 'block' && Array.isArray(value['markDefs']))
    value['markDefs'].forEach((def, i) => {
      if (def && typeof def === 'object' && !Array.isArray(def) && typeof def['_key'] === 'string')
        names.set(def['_key'], `markDef${i}`)
    })
  const out: {[key: string]: Json} = {}
  for (const key of Object.keys(value).sort()) {
    if (IDENTITY.has(key)) continue
    const child = value[key] as Json
    if (key === 'children' && Array.isArray(child) && value['_type'] === 'block')
      out[key] = child.map((span) => {
        const stripped = strip(span)
        if (stripped && typeof stripped === 'object' && !Array.isArray(stripped)) {
          const marks = stripped['marks']
          if (Array.isArray(marks))
            stripped['marks'] = marks
              .map((m) => (typeof m === 'string' ? (names.get(m) ?? m) : m))
              .sort()
        }
        return stripped
      })
    else out[key] = strip(child)
  }
  return out
}
