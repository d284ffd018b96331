import {existsSync, readFileSync} from 'node:fs'
import {isArraySchemaType, isObjectSchemaType, type Schema, type SchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'
import type {MappingRow} from '../converter/archetypes/mapping.ts'
import {systemDesignMapping} from '../converter/archetypes/systemDesign.ts'
import {headingAnchor} from '../converter/render/text.ts'
import {compileStudioSchema} from './fixtures/schema/studio-schema.ts'

/**
 * Every front-matter key, `##`–`####` heading and `**Label**:` slot of the
 * archetype must map, through the converter's one mapping table, to fields
 * that exist in the compiled Studio schema. A slot added to the archetype
 * fails this test by name.
 */

const ARCHETYPE = readFileSync(
  new URL('./fixtures/archetype/system-design.md', import.meta.url),
  'utf8',
)
const MAPPING_FILE = 'converter/archetypes/systemDesign.ts'

interface Slot {
  slot: MappingRow['slot']
  level?: number
  context: string[]
  text: string
  /** How the slot reads in the archetype, for messages. */
  shown: string
}

interface ParsedArchetype {
  slots: Slot[]
  toc: {text: string; anchor: string}[]
}

function parseArchetype(text: string): ParsedArchetype {
  const lines = text.split('\n')
  const slots: Slot[] = []
  const toc: {text: string; anchor: string}[] = []
  if (lines[0] !== '---') throw new Error('The archetype does not start with front matter')
  const end = lines.indexOf('---', 1)
  let parent = ''
  for (const line of lines.slice(1, end)) {
    const match = /^(\s*)([A-Za-z_]\w*):/.exec(line)
    if (!match) continue
    const [, indent = '', key = ''] = match
    if (indent === '') parent = key
    const full = indent === '' ? key : `${parent}.${key}`
    slots.push({
      slot: 'frontMatter',
      context: indent === '' ? [] : [parent],
      text: full,
      shown: `front-matter key "${full}"`,
    })
  }

  const headings: string[] = []
  let fence: string | undefined
  for (const line of lines.slice(end + 1)) {
    const fenceMatch = /^(`{3,}|~{3,})/.exec(line)
    if (fenceMatch?.[1]) {
      if (fence === undefined) fence = fenceMatch[1]
      else if (line.trim().startsWith(fence)) fence = undefined
      continue
    }
    if (fence !== undefined) continue
    const heading = /^(#{2,4}) (.+?)\s*$/.exec(line)
    if (heading?.[1] && heading[2]) {
      const level = heading[1].length
      headings.length = level - 2
      slots.push({
        slot: 'heading',
        level,
        context: [...headings],
        text: heading[2],
        shown: `Heading "${heading[1]} ${heading[2]}"`,
      })
      headings.push(heading[2])
      continue
    }
    for (const label of line.matchAll(/\*\*([^*]+)\*\*:/g))
      if (label[1])
        slots.push({
          slot: 'label',
          context: [...headings],
          text: label[1],
          shown: `Label "**${label[1]}**:"`,
        })
    if (headings.length === 1 && headings[0] === 'Table of Contents') {
      const entry = /^\d+\. \[(.+)\]\(#(.+)\)$/.exec(line)
      if (entry?.[1] && entry[2]) toc.push({text: entry[1], anchor: entry[2]})
    }
  }
  return {slots, toc}
}

/** Whether archetype text matches a mapping text or pattern such as `Component {n}: {name}`. */
function matches(pattern: string, text: string): boolean {
  const source = pattern
    .split(/(\{n\}|\{A\}|\{[A-Za-z]+\})/)
    .map((part) => {
      if (part === '{n}') return '\\d+'
      if (part === '{A}') return '[A-Z]+'
      if (/^\{[A-Za-z]+\}$/.test(part)) return '\\[[^\\]]*\\]'
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    })
    .join('')
  return new RegExp(`^${source}$`).test(text)
}

/** Follows `a.b[].c` through the compiled schema. */
function fieldExists(schema: Schema, root: string, path: string): boolean {
  let types: SchemaType[] = []
  const start = schema.get(root)
  if (start) types = [start]
  for (const segment of path.split('.')) {
    const isArray = segment.endsWith('[]')
    const name = isArray ? segment.slice(0, -2) : segment
    const next: SchemaType[] = []
    for (const type of types) {
      if (!isObjectSchemaType(type)) continue
      const field = type.fields.find((f) => f.name === name)
      if (!field) continue
      if (!isArray) next.push(field.type)
      else if (isArraySchemaType(field.type)) next.push(...field.type.of)
    }
    if (next.length === 0) return false
    types = next
  }
  return true
}

function coverageProblems(
  archetype: string,
  rows: readonly MappingRow[],
  schema: Schema,
): string[] {
  const problems: string[] = []
  const {slots} = parseArchetype(archetype)
  for (const slot of slots) {
    const row = rows.find(
      (r) =>
        r.slot === slot.slot &&
        r.level === slot.level &&
        r.context.length === slot.context.length &&
        r.context.every((c, i) => matches(c, slot.context[i] ?? '')) &&
        matches(r.text, slot.text),
    )
    const where = slot.context.length > 0 ? ` (under "${slot.context.join(' › ')}")` : ''
    if (!row) {
      problems.push(`${slot.shown}${where} has no entry in the mapping table (${MAPPING_FILE}).`)
      continue
    }
    if (row.fields.length === 0 && row.generated === undefined)
      problems.push(`${slot.shown}${where} maps to no schema field.`)
    for (const field of row.fields)
      if (!fieldExists(schema, 'systemDesignPost', field))
        problems.push(`${slot.shown}${where} maps to "${field}", which is not in the schema.`)
  }
  return problems
}

describe('archetype coverage', () => {
  const schema = compileStudioSchema()
  const rows = systemDesignMapping()

  it('maps every front-matter key, heading and label of the archetype to schema fields', () => {
    expect(coverageProblems(ARCHETYPE, rows, schema)).toEqual([])
  })

  it('parses the archetype slots it checks (so the check above is not vacuous)', () => {
    const {slots} = parseArchetype(ARCHETYPE)
    const count = (kind: MappingRow['slot']) => slots.filter((s) => s.slot === kind).length
    expect([count('frontMatter'), count('heading'), count('label')]).toEqual([32, 59, 45])
    expect(slots.filter((s) => s.slot === 'label' && s.text === 'Option B')).toEqual([
      {
        slot: 'label',
        context: ['Design Decisions', 'Decision 1: [Title]'],
        text: 'Option B',
        shown: 'Label "**Option B**:"',
      },
    ])
  })

  it('names a heading added to the archetype', () => {
    expect(coverageProblems(`${ARCHETYPE}\n### Something New\n`, rows, schema)).toEqual([
      `Heading "### Something New" (under "Further Reading") has no entry in the mapping table (${MAPPING_FILE}).`,
    ])
  })

  it('names a label added to the archetype', () => {
    const withLabel = ARCHETYPE.replace(
      '**Cache Invalidation**: [Strategy used]',
      '**Cache Invalidation**: [Strategy used]\n\n**Warm-up**: [How the cache is filled]',
    )
    expect(coverageProblems(withLabel, rows, schema)).toEqual([
      `Label "**Warm-up**:" (under "Scalability Considerations › Caching Strategy") has no entry in the mapping table (${MAPPING_FILE}).`,
    ])
  })

  it('names a mapping to a field the schema does not have', () => {
    const broken = rows.map((r) =>
      r.slot === 'label' && r.text === 'Purpose' ? {...r, fields: ['components[].goal']} : r,
    )
    expect(coverageProblems(ARCHETYPE, broken, schema)).toEqual([
      'Label "**Purpose**:" (under "Core Components › Component 1: [Name]") maps to "components[].goal", which is not in the schema.',
      'Label "**Purpose**:" (under "Core Components › Component 2: [Name]") maps to "components[].goal", which is not in the schema.',
      'Label "**Purpose**:" (under "Core Components › Component 3: [Name]") maps to "components[].goal", which is not in the schema.',
    ])
  })

  it('lists in the TOC exactly the sections the archetype lists, in order, with Hugo anchors', () => {
    const {toc} = parseArchetype(ARCHETYPE)
    const flagged = rows.filter((r) => r.slot === 'heading' && r.level === 2 && r.toc === true)
    expect(flagged.map((r) => r.text)).toEqual(toc.map((entry) => entry.text))
    expect(toc.map((entry) => headingAnchor(entry.text))).toEqual(toc.map((entry) => entry.anchor))
  })

  const reference = new URL(
    '../../shared/blog-reference/archetypes/system-design.md',
    import.meta.url,
  )
  if (!existsSync(reference))
    console.warn('Skipping the archetype drift check: the blog reference folder is not present.')
  it.skipIf(!existsSync(reference))(
    'keeps the archetype copy identical to the blog reference',
    () => {
      expect(ARCHETYPE).toBe(readFileSync(reference, 'utf8'))
    },
  )
})
