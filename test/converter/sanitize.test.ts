import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {itemSegment} from '../../converter/render/context.ts'
import {
  LONE_SURROGATE_REPLACED,
  NUL_FOUND,
  type Replacement,
  replaceUnwritableText,
} from '../../converter/render/sanitize.ts'
import type {PathSegment} from '../../converter/types.ts'

/**
 * The document walk that replaces unpaired surrogates builds a path only when
 * it finds something. Compared here with the plain recursive walk it replaced:
 * same document, same warnings, same paths, in the same order.
 */

function reference(value: unknown, path: PathSegment[], found: Replacement[]): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({path, message: NUL_FOUND})
    const fixed = value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    )
    if (fixed !== value) found.push({path, message: LONE_SURROGATE_REPLACED})
    return fixed
  }
  if (Array.isArray(value))
    return value.map((item, index) => reference(item, [...path, itemSegment(item, index)], found))
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        key.startsWith('_') ? item : reference(item, [...path, key], found),
      ]),
    )
  return value
}

const text = fc.string({
  unit: fc.constantFrom('a', ' ', '\u0000', '\uD800', '\uDC00', '😀', 'é'),
  maxLength: 6,
})
const key = fc.constantFrom('text', 'title', 'body', 'children', '_key', '_type', '_ref', 'x')
const {value} = fc.letrec<{value: unknown}>((tie) => ({
  value: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    text,
    fc.constantFrom(null, 1, true, undefined),
    fc.array(tie('value'), {maxLength: 4}),
    fc.dictionary(key, tie('value'), {maxKeys: 4}),
    fc.record({_key: text, text: tie('value')}),
  ),
}))

describe('replaceUnwritableText', () => {
  it('replaces and reports exactly what a plain recursive walk does', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, {maxKeys: 5}), (doc) => {
        const before = structuredClone(doc)
        const found: Replacement[] = []
        const expected = reference(doc, [], found)
        const result = replaceUnwritableText(doc)
        expect(result.doc).toEqual(expected)
        expect(result.replaced).toEqual(found)
        expect(doc).toEqual(before)
        if (found.every((f) => f.message !== LONE_SURROGATE_REPLACED)) expect(result.doc).toBe(doc)
      }),
      {numRuns: 2000},
    )
  })
})
