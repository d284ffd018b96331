import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  directYaml,
  stringifyFrontMatter,
  Timestamp,
  yamlDocument,
} from '../../converter/render/frontMatter.ts'

/**
 * The front matter is written entry by entry, each entry's YAML remembered
 * across posts. Compared here with the whole mapping written as one document,
 * over values of every shape the converter puts there, with text YAML treats
 * specially (long multi-line strings, quotes, `yes`, dates, `#`, control
 * characters), and with values repeated so that remembered entries are used.
 */

const text = fc.oneof(
  fc.constantFrom('ArionDas', 'Suggest Changes', 'https://example.com/x/', 'yes', ''),
  fc.string({
    unit: fc.constantFrom(
      ...'ab :#-\'"\\\n\t{}[],&*!|>%@`',
      'yes',
      'null',
      '2025-10-01',
      '\u0000',
      '\u0085',
      '\u00a0',
      '\u007f',
      '\u009f',
      '\ufeff',
      '\ud800',
      '\u2028',
      '---',
      '...',
      '😀',
      'a much longer run of ordinary words to pass forty characters',
    ),
    maxLength: 10,
  }),
)
const value = fc.oneof(
  text,
  fc.boolean(),
  fc.array(text, {maxLength: 4}),
  fc.record(
    {image: text, alt: text, caption: text, relative: fc.boolean(), hidden: fc.boolean()},
    {requiredKeys: ['image', 'relative', 'hidden']},
  ),
  fc.record({URL: text, Text: text, appendFilePath: fc.boolean()}),
  fc
    .constantFrom('2025-10-01T09:00:00Z', '2025-10-01T11:00:00+02:00', '2025-10-01', 'not a date')
    .map((date) => new Timestamp(date)),
)
const KEYS = ['title', 'date', 'draft', 'tags', 'author', 'showToc', 'cover', 'editPost', 'aliases']

describe('front matter written entry by entry', () => {
  it('is byte for byte the whole mapping written as one document', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...KEYS), {maxLength: KEYS.length}),
        fc.array(value, {minLength: KEYS.length, maxLength: KEYS.length}),
        (keys, values) => {
          const entries = Object.fromEntries(keys.map((key, i) => [key, values[i]]))
          const whole = yamlDocument(entries)
          expect(stringifyFrontMatter(entries)).toBe(whole)
          // Again, now from remembered entries.
          expect(stringifyFrontMatter(entries)).toBe(whole)
        },
      ),
      {numRuns: 2000},
    )
  })

  it('writes the common shapes without the library, to its exact bytes', () => {
    // Keys the library writes plain and keys it must quote (YAML 1.1 reads `on`
    // and `y` as booleans).
    const key = fc.oneof(
      fc.constantFrom(...KEYS, 'URL', 'ShowToc', 'on', 'Off', 'y', 'N', 'null', 'a1'),
      fc.string({unit: fc.constantFrom(...'aZ1_- :.'), minLength: 1, maxLength: 4}),
    )
    const shapes = fc.oneof(
      value,
      fc.array(fc.oneof(text, fc.boolean()), {maxLength: 3}),
      fc.dictionary(key, fc.oneof(text, fc.boolean(), fc.constant(undefined)), {maxKeys: 3}),
    )
    let direct = 0
    let library = 0
    fc.assert(
      fc.property(key, shapes, (name, item) => {
        const written = directYaml(name, item)
        if (written === undefined) library += 1
        else {
          direct += 1
          expect(written).toBe(yamlDocument({[name]: item}))
        }
      }),
      {numRuns: 5000},
    )
    // Both ways are taken, so the comparison above is not vacuous.
    expect(direct).toBeGreaterThan(400)
    expect(library).toBeGreaterThan(500)
  })

  it('leaves out undefined values as the library does', () => {
    const entries = {title: 'T', description: undefined, draft: false}
    expect(stringifyFrontMatter(entries)).toBe(yamlDocument(entries))
    expect(stringifyFrontMatter({})).toBe(yamlDocument({}))
  })
})
