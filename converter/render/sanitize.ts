import type {PathSegment} from '../types.ts'
import {isRecord, itemSegment} from './context.ts'

/**
 * Text that cannot be written as it is. An unpaired UTF-16 surrogate has no UTF-8
 * form: in the body it would silently become U+FFFD on write, and in front matter
 * the YAML writer escapes it as `\ud800`, which Hugo's YAML reader refuses, failing
 * the whole site build. It becomes U+FFFD here. A NUL is kept in front matter (YAML
 * writes it as the escape `\0`) but not in markdown, where a raw NUL byte makes git
 * treat the post as a binary file and CommonMark shows U+FFFD anyway (see
 * `markdownSafe`). Either way the field is named in a warning.
 */

export const NUL_FOUND =
  'The text contains an invisible NUL character, which the post shows as "\uFFFD"; remove it.'
export const LONE_SURROGATE_REPLACED =
  'The text contains a broken character (an unpaired UTF-16 surrogate); it was replaced by "\uFFFD".'

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL characters is this pattern's job
const SUSPECT = /[\u0000\uD800-\uDFFF]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export interface Replacement {
  path: PathSegment[]
  message: string
}

/**
 * Where the walk is: the keys and indexes leading to the current value, and
 * the items at each index (their `_key` names the path segment). The path
 * is built only when something is found: most documents have nothing to
 * replace, and a walk allocating a path per value was a large part of
 * rendering.
 */
interface Walk {
  readonly at: (string | number)[]
  readonly items: unknown[]
  readonly found: Replacement[]
}

function pathOf(walk: Walk): PathSegment[] {
  return walk.at.map((step, depth) =>
    typeof step === 'number' ? itemSegment(walk.items[depth], step) : step,
  )
}

function cleanString(text: string, walk: Walk): string {
  if (!SUSPECT.test(text)) return text
  if (text.includes('\u0000')) walk.found.push({path: pathOf(walk), message: NUL_FOUND})
  const fixed = text.replace(LONE_SURROGATE, '\uFFFD')
  if (fixed !== text) walk.found.push({path: pathOf(walk), message: LONE_SURROGATE_REPLACED})
  return fixed
}

/** Markdown without raw NUL bytes (front matter holds them only as YAML escapes). */
export function markdownSafe(markdown: string): string {
  return markdown.includes('\u0000') ? markdown.replaceAll('\u0000', '\uFFFD') : markdown
}

function clean(value: unknown, walk: Walk): unknown {
  if (typeof value === 'string') return cleanString(value, walk)
  if (typeof value !== 'object' || value === null) return value
  const depth = walk.at.length
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index]
      if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue
      walk.at.push(index)
      walk.items[depth] = item
      const cleaned = clean(item, walk)
      walk.at.pop()
      if (cleaned === item) continue
      copy ??= [...value]
      copy[index] = cleaned
    }
    return copy ?? value
  }
  const record = value as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  for (const key of Object.keys(record)) {
    // Ids, keys, types and references are identifiers, never written as text.
    if (key.startsWith('_')) continue
    const item = record[key]
    if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue
    walk.at.push(key)
    const cleaned = clean(item, walk)
    walk.at.pop()
    if (cleaned === item) continue
    copy ??= {...record}
    copy[key] = cleaned
  }
  return copy ?? value
}

/**
 * The document with unpaired surrogates in its text replaced by U+FFFD, and where
 * they and NULs were. The input is never mutated; without any, it is returned as is.
 */
export function replaceUnwritableText(doc: Record<string, unknown>): {
  doc: Record<string, unknown>
  replaced: Replacement[]
} {
  const walk: Walk = {at: [], items: [], found: []}
  const cleaned = clean(doc, walk)
  return {doc: isRecord(cleaned) ? cleaned : doc, replaced: walk.found}
}
