import {readFileSync} from 'node:fs'
import {posix} from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {DEFAULT_SITE, type SiteConfig} from '../../converter/config.ts'
import {RenderError, type RenderResult, renderPost, SUPPORTED_TYPES} from '../../converter/index.ts'
import {parseWrittenDate, zoneOffsetAt} from '../../converter/render/date.ts'
import {PAPERMOD_SWITCHES} from '../../schemas/constants.ts'

/**
 * Properties of the converter over any value of the post types, generated from the
 * compiled schema (schema.json): every field the schema has, arrays of keyed items,
 * Portable Text with spans, marks and mark definitions, text in any script, and, at
 * random places, values of the wrong type (null, numbers, lists, objects, junk).
 *
 * - renderPost throws nothing but RenderError;
 * - the front matter parses back, as YAML 1.1 (Hugo) and 1.2, to the intended values:
 *   the document's text after the documented normalisation (ends trimmed, unpaired
 *   surrogates replaced by U+FFFD; a field that is not text, or blank, is left out or
 *   takes the site default), the date as the same instant at the offset it was written
 *   with (an instant stored as `Z`: at the site zone's offset), the switches as booleans;
 * - the post's path and its images' paths stay inside the content dir (or
 *   static/images/<slug>/): normalised, no `..`.
 */

type SchemaNode =
  | {type: 'string'; value?: string}
  | {type: 'number'}
  | {type: 'boolean'}
  | {type: 'unknown'}
  | {type: 'null'}
  | {type: 'array'; of: SchemaNode}
  | {type: 'object'; attributes: Record<string, Attribute>; rest?: SchemaNode}
  | {type: 'union'; of: SchemaNode[]}
  | {type: 'inline'; name: string}

interface Attribute {
  type: 'objectAttribute'
  value: SchemaNode
  optional?: boolean
}

interface SchemaType {
  name: string
  type: 'type' | 'document'
  value?: SchemaNode
  attributes?: Record<string, Attribute>
}

const schema = JSON.parse(
  readFileSync(new URL('../../schema.json', import.meta.url), 'utf8'),
) as SchemaType[]
const byName = new Map(schema.map((entry) => [entry.name, entry]))

function resolve(name: string): SchemaNode {
  const entry = byName.get(name)
  if (entry === undefined) throw new Error(`schema.json has no type ${name}`)
  if (entry.value !== undefined) return entry.value
  return {type: 'object', attributes: entry.attributes ?? {}}
}

/** Characters that mean something to YAML, markdown, HTML or Hugo, and ones that break encodings. */
const SPECIAL = [
  ...'\\`*_{}[]()<>#+-.!|~&;:%$"\'=^?,/@ \t\n\r',
  '{{<',
  '{{%',
  '---',
  '...',
  '```',
  '<script>',
  'yes',
  'null',
  '2025-10-01',
  'é',
  '😀',
  '\u00a0',
  '\u2028',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
]

const text: fc.Arbitrary<string> = fc.oneof(
  {weight: 3, arbitrary: fc.string({unit: fc.constantFrom(...SPECIAL), maxLength: 12})},
  {weight: 3, arbitrary: fc.string({unit: 'grapheme', maxLength: 16})},
  {weight: 2, arbitrary: fc.lorem({maxCount: 6})},
  // Any UTF-16 code units: NULs, control characters and unpaired surrogates.
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code)),
      maxLength: 12,
    }),
  },
)

/** Keys from a small set, so that marks often name a mark definition (and keys repeat). */
const key = fc.oneof(fc.constantFrom('a', 'b', 'k1'), fc.stringMatching(/^[a-z0-9]{1,6}$/))

/** A value of the wrong type, for any place in the document. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  text,
  fc.array(fc.oneof(fc.constant(null), fc.integer(), text), {maxLength: 3}),
  fc.dictionary(key, fc.oneof(fc.constant(null), text), {maxKeys: 3}),
)

const IMAGE_REFS = [
  'image-a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630-png',
  'image-c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400-png',
]

function attributesOf(node: SchemaNode): Record<string, Attribute> {
  if (node.type === 'object')
    return {...(node.rest === undefined ? {} : attributesOf(node.rest)), ...node.attributes}
  if (node.type === 'inline') return attributesOf(resolve(node.name))
  return {}
}

/** Values some fields need to be useful more often than random text would make them. */
function special(name: string): fc.Arbitrary<unknown> | undefined {
  switch (name) {
    case '_key':
      return key
    case 'marks':
      return fc.array(
        fc.oneof(fc.constantFrom('strong', 'em', 'code', 'strike-through', 'underline'), key, text),
        {maxLength: 3},
      )
    case '_ref':
      return fc.oneof(fc.constantFrom(...IMAGE_REFS), text)
    // Mostly dates, like the post's own: random text would stop nearly every post.
    case 'publishDate':
    case 'expiryDate':
      return fc.oneof({weight: 12, arbitrary: writtenDate}, {weight: 1, arbitrary: junk})
    case 'href':
    case 'url':
    case 'canonicalURL':
      return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:x', ''), text)
    default:
      return undefined
  }
}

function isTextBlock(node: SchemaNode): boolean {
  const type = attributesOf(node)['_type']?.value
  return type?.type === 'string' && (type.value === 'block' || type.value === 'span')
}

/** Arbitrary values of a schema node; `depth` bounds how far lists and objects nest. */
function arbitrary(node: SchemaNode, depth: number): fc.Arbitrary<unknown> {
  const good = wellTyped(node, depth)
  // Object and union members keep their `_type` literal: a wrong one is a junk value too.
  return fc.oneof({weight: 12, arbitrary: good}, {weight: 1, arbitrary: junk})
}

function wellTyped(node: SchemaNode, depth: number): fc.Arbitrary<unknown> {
  switch (node.type) {
    case 'string':
      return node.value === undefined ? text : fc.constant(node.value)
    case 'number':
      return fc.oneof(fc.integer({min: -2, max: 6}), fc.double())
    case 'boolean':
      return fc.boolean()
    case 'unknown':
    case 'null':
      return junk
    case 'inline':
      return wellTyped(resolve(node.name), depth)
    case 'union':
      // A union of nothing is a field the type forbids, e.g. a one-line text's list style.
      if (node.of.length === 0) return fc.constant(undefined)
      // Text blocks are what posts are mostly made of: drawn as often as all other members.
      return fc.oneof(
        ...node.of.map((member) => ({
          weight: isTextBlock(member) ? node.of.length : 1,
          arbitrary: wellTyped(member, depth),
        })),
      )
    case 'array':
      if (depth <= 0) return fc.constant([])
      return fc.array(arbitrary(node.of, depth - 1), {maxLength: 3})
    case 'object': {
      if (depth <= 0) return fc.constant({})
      const attributes = attributesOf(node)
      const record: Record<string, fc.Arbitrary<unknown>> = {}
      const required: string[] = []
      for (const [name, attribute] of Object.entries(attributes)) {
        const literal = attribute.value.type === 'string' && attribute.value.value !== undefined
        record[name] = literal
          ? wellTyped(attribute.value, depth)
          : (special(name) ?? arbitrary(attribute.value, depth - 1))
        if (name === '_type' || name === '_key') required.push(name)
      }
      return fc.record(record, {requiredKeys: required})
    }
  }
}

/** Dates as a Studio writes them, in any offset. */
const writtenDate: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({
      min: new Date('1000-01-02T00:00:00Z'),
      max: new Date('9999-12-30T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({min: -14 * 4, max: 14 * 4}),
    fc.boolean(),
  )
  .map(([instant, quarters, millis]) => {
    const offset = quarters * 15
    const local = new Date(instant.getTime() + offset * 60_000)
    const iso = local.toISOString().replace(/\.\d{3}Z$/, millis ? '.125Z' : 'Z')
    if (offset === 0) return iso
    const sign = offset < 0 ? '-' : '+'
    const abs = Math.abs(offset)
    const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
    return iso.replace(/Z$/, zone)
  })

/** The post's date, and sometimes not a date at all. */
const date = fc.oneof({weight: 8, arbitrary: writtenDate}, {weight: 1, arbitrary: junk})

// Good values outweigh junk in each of the fields that stop a post, so that
// together (slug, title, date, publish and expiry dates) most posts still render.
const slug = fc.oneof(
  {weight: 16, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/)},
  {weight: 1, arbitrary: text},
  {weight: 1, arbitrary: fc.constantFrom('../up', '/abs', 'con', 'A-b', 'a/b', '', '.x')},
)

const documentTypes = SUPPORTED_TYPES.filter((type) => byName.has(type))

/** A post of any supported type, mostly renderable, with junk anywhere. */
const post: fc.Arbitrary<Record<string, unknown>> = fc
  .constantFrom(...documentTypes)
  .chain((type) =>
    fc.tuple(
      fc.constant(type),
      wellTyped(resolve(type), 7) as fc.Arbitrary<Record<string, unknown>>,
      slug,
      date,
      fc.oneof({weight: 12, arbitrary: text}, {weight: 1, arbitrary: junk}),
    ),
  )
  .map(([type, doc, slugValue, dateValue, title]) => ({
    ...doc,
    _id: 'post-under-test',
    _type: type,
    slug: {_type: 'slug', current: slugValue},
    date: dateValue,
    title,
  }))

const site: fc.Arbitrary<SiteConfig & {aliases?: string[]}> = fc
  .record(
    {
      layout: fc.constantFrom('file' as const, 'bundle' as const),
      timeZone: fc.constantFrom(
        'UTC',
        'Asia/Kolkata',
        'America/New_York',
        'America/St_Johns',
        'Africa/Monrovia',
        'Pacific/Kiritimati',
      ),
      lyket: fc.boolean(),
      aliases: fc.array(fc.stringMatching(/^\/posts\/[a-z0-9-]{1,12}\/$/), {maxLength: 2}),
    },
    {requiredKeys: ['layout', 'timeZone', 'lyket']},
  )
  .map((options) => ({...DEFAULT_SITE, ...options}))

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** The documented normalisation of front-matter text. */
const normalise = (value: string) => value.replace(LONE_SURROGATE, '\uFFFD').trim()

/** What a text field becomes: its normalised text, or nothing when it is blank or not text. */
function textValue(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  return normalise(value)
}

function listValue(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  const items = value.flatMap((item) => {
    const kept = textValue(item)
    return kept === undefined ? [] : [kept]
  })
  return items.length > 0 ? items : undefined
}

function render(doc: unknown, options: SiteConfig): RenderResult | RenderError {
  try {
    return renderPost(doc, options)
  } catch (error) {
    if (error instanceof RenderError) return error
    throw error
  }
}

/**
 * A date's instant and the offset it is written at: the stored offset, or for an
 * instant stored as `Z` the site zone's (written as `Z` when that is zero).
 */
function writtenAs(value: unknown, timeZone: string) {
  const written = parseWrittenDate(String(value))
  const siteOffset = zoneOffsetAt(written?.epochMs ?? 0, timeZone)
  return {
    epochMs: written?.epochMs,
    offset: written?.offsetMinutes ?? (siteOffset === 0 ? undefined : siteOffset),
  }
}

function frontMatterOf(markdown: string, version: '1.1' | '1.2'): Record<string, unknown> {
  const yaml = /^---\n([\s\S]*?\n)---\n/.exec(markdown)?.[1]
  if (yaml === undefined) throw new Error(`no front matter in:\n${markdown.slice(0, 400)}`)
  return parse(yaml, {version, uniqueKeys: true}) as Record<string, unknown>
}

const RUNS = 250

describe('converter properties over any post the schema allows', () => {
  it('throws nothing but RenderError, whatever the document holds', () => {
    fc.assert(
      fc.property(
        fc.oneof({weight: 9, arbitrary: post}, {weight: 1, arbitrary: junk}),
        site,
        (doc, options) => {
          render(doc, options)
        },
      ),
      {numRuns: RUNS},
    )
  })

  it('writes front matter that parses back (YAML 1.1 and 1.2) to the intended values', () => {
    let rendered = 0
    fc.assert(
      fc.property(post, site, (doc, options) => {
        const result = render(doc, options)
        if (result instanceof RenderError) return
        rendered += 1
        for (const version of ['1.1', '1.2'] as const) {
          const values = frontMatterOf(result.markdown, version)
          expect(values['title']).toBe(normalise(String(doc['title'])))
          expect(values['description']).toEqual(textValue(doc['description']))
          expect(values['tags']).toEqual(listValue(doc['tags']))
          expect(values['categories']).toEqual(listValue(doc['categories']))
          expect(values['author']).toBe(textValue(doc['author']) ?? options.author)
          expect(values['draft']).toBe(doc['hugoDraft'] === true)
          for (const {key, default: fallback} of PAPERMOD_SWITCHES) {
            const value = doc[key]
            expect({key, value: values[key]}).toEqual({
              key,
              value: typeof value === 'boolean' ? value : fallback,
            })
          }
          for (const key of ['date', 'publishDate', 'expiryDate']) {
            const stored = doc[key] === undefined || doc[key] === null ? undefined : doc[key]
            if (stored === undefined) {
              expect({key, value: values[key]}).toEqual({key, value: undefined})
              continue
            }
            // YAML 1.1 reads a timestamp (the yaml library misreads offsets under half an
            // hour, so the instant is read from the text, which 1.2 keeps a string).
            if (version === '1.1') expect(values[key]).toBeInstanceOf(Date)
            else
              expect(writtenAs(values[key], options.timeZone)).toEqual(
                writtenAs(stored, options.timeZone),
              )
          }
          expect(values['aliases']).toEqual(
            options.aliases !== undefined && options.aliases.length > 0
              ? options.aliases
              : undefined,
          )
        }
      }),
      {numRuns: RUNS},
    )
    // The property says little if most posts did not render.
    expect(rendered).toBeGreaterThan(RUNS / 2)
  })

  it('keeps the post and its images inside the content dir', () => {
    const postPath = /^content\/posts\/[a-z0-9-]+(\.md|\/index\.md)$/
    fc.assert(
      fc.property(post, site, (doc, options) => {
        const result = render(doc, options)
        if (result instanceof RenderError) return
        expect(result.path).toMatch(postPath)
        expect(posix.normalize(result.path)).toBe(result.path)
        expect(result.path.split('/')).not.toContain('..')
        // A Hugo draft keeps its images beside it in either layout: nothing of
        // it is under static/, which every build deploys.
        const bundled = options.layout === 'bundle' || doc['hugoDraft'] === true
        expect(result.path.endsWith('/index.md')).toBe(bundled)
        const imageDir = bundled ? `content/posts/${result.slug}/` : `static/images/${result.slug}/`
        for (const asset of result.assets) {
          expect(posix.normalize(asset.path)).toBe(asset.path)
          expect(asset.path.startsWith(imageDir)).toBe(true)
          expect(asset.path.slice(imageDir.length)).toMatch(/^[A-Za-z0-9]+-\d+x\d+\.[a-z0-9]+$/)
        }
      }),
      {numRuns: RUNS},
    )
  })
})
