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

/** A path built only when something is found: most documents have nothing to replace. */
interface Where {
  parent: Where | undefined
  segment: PathSegment
}

function pathOf(where: Where | undefined): PathSegment[] {
  const path: PathSegment[] = []
  for (let at = where; at !== undefined; at = at.parent) path.unshift(at.segment)
  return path
}

function cleanString(text: string, where: Where | undefined, found: Replacement[]): string {
  if (!SUSPECT.test(text)) return text
  if (text.includes('\u0000')) found.push({path: pathOf(where), message: NUL_FOUND})
  const fixed = text.replace(LONE_SURROGATE, '\uFFFD')
  if (fixed !== text) found.push({path: pathOf(where), message: LONE_SURROGATE_REPLACED})
  return fixed
}

/** Markdown without raw NUL bytes (front matter holds them only as YAML escapes). */
export function markdownSafe(markdown: string): string {
  return markdown.includes('\u0000') ? markdown.replaceAll('\u0000', '\uFFFD') : markdown
}

function clean(value: unknown, where: Where | undefined, found: Replacement[]): unknown {
  if (typeof value === 'string') return cleanString(value, where, found)
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, index) => {
      const cleaned = clean(item, {parent: where, segment: itemSegment(item, index)}, found)
      if (cleaned === item) return
      copy ??= [...value]
      copy[index] = cleaned
    })
    return copy ?? value
  }
  if (isRecord(value)) {
    let copy: Record<string, unknown> | undefined
    for (const [key, item] of Object.entries(value)) {
      // Ids, keys, types and references are identifiers, never written as text.
      if (key.startsWith('_')) continue
      const cleaned = clean(item, {parent: where, segment: key}, found)
      if (cleaned === item) continue
      copy ??= {...value}
      copy[key] = cleaned
    }
    return copy ?? value
  }
  return value
}

/**
 * The document with unpaired surrogates in its text replaced by U+FFFD, and where
 * they and NULs were. The input is never mutated; without any, it is returned as is.
 */
export function replaceUnwritableText(doc: Record<string, unknown>): {
  doc: Record<string, unknown>
  replaced: Replacement[]
} {
  const replaced: Replacement[] = []
  const cleaned = clean(doc, undefined, replaced)
  return {doc: isRecord(cleaned) ? cleaned : doc, replaced}
}
