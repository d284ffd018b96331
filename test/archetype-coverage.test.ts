import {existsSync, readFileSync} from 'node:fs'
import {isArraySchemaType, isObjectSchemaType, type Schema, type SchemaType} from 'sanity'
import {describe, expect, it} from 'vitest'
import {type MappingRow, mappingTable} from '../converter/archetypes/mapping.ts'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import type {Archetype} from '../converter/archetypes/spec.ts'
import {systemDesignArchetype, systemDesignMapping} from '../converter/archetypes/systemDesign.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {headingAnchor} from '../converter/render/text.ts'
import {compileStudioSchema} from './fixtures/schema/studio-schema.ts'

/**
 * Every front-matter key, `##`–`####` heading and `**Label**:` (or
 * `**Label:**`) slot of each of the blog's structured archetypes must map,
 * through the converter's one mapping table, to fields that exist in the
 * compiled Studio schema. A slot added to an archetype fails this test by name.
 */

interface Covered {
  /** The archetype file, in test/fixtures/archetype/ and the blog's archetypes/. */
  readonly file: string
  readonly archetype: Archetype
  /** Where its section list is, for messages. */
  readonly mappingFile: string
  /** How many front-matter keys, headings and labels it has: the parse is not vacuous. */
  readonly counts: readonly [number, number, number]
}

const COVERED: readonly Covered[] = [
  {
    file: 'system-design.md',
    archetype: systemDesignArchetype,
    mappingFile: 'converter/archetypes/systemDesign.ts',
    counts: [32, 59, 45],
  },
  {
    file: 'model-family.md',
    archetype: modelFamilyArchetype,
    mappingFile: 'converter/archetypes/modelFamily.ts',
    counts: [32, 38, 6],
  },
  {
    file: 'topic-knowledge.md',
    archetype: topicKnowledgeArchetype,
    mappingFile: 'converter/archetypes/topicKnowledge.ts',
    counts: [32, 71, 78],
  },
]

const archetypeText = (file: string) =>
  readFileSync(new URL(`./fixtures/archetype/${file}`, import.meta.url), 'utf8')

const ARCHETYPE = archetypeText('system-design.md')
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
    // `**Label**:` or `**Label:**`, anywhere on the line.
    for (const label of line.matchAll(/\*\*([^*:]+)(?:\*\*:|:\*\*)/g))
      if (label[1])
        slots.push({
          slot: 'label',
          context: [...headings],
          text: label[1],
          shown: `Label "${label[0]}"`,
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
  root = 'systemDesignPost',
  mappingFile = MAPPING_FILE,
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
      problems.push(`${slot.shown}${where} has no entry in the mapping table (${mappingFile}).`)
      continue
    }
    if (row.fields.length === 0 && row.generated === undefined)
      problems.push(`${slot.shown}${where} maps to no schema field.`)
    for (const field of row.fields)
      if (!fieldExists(schema, root, field))
        problems.push(`${slot.shown}${where} maps to "${field}", which is not in the schema.`)
  }
  return problems
}

describe('archetype coverage: what the checks read in system-design.md', () => {
  const schema = compileStudioSchema()
  const rows = systemDesignMapping()

  it('reads a numbered bold label in a list under its headings', () => {
    const {slots} = parseArchetype(ARCHETYPE)
    expect(slots.filter((s) => s.slot === 'label' && s.text === 'Option B')).toEqual([
      {
        slot: 'label',
        context: ['Design Decisions', 'Decision 1: [Title]'],
        text: 'Option B',
        shown: 'Label "**Option B**:"',
      },
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

  it('names a label written with its colon inside the bold', () => {
    const withLabel = ARCHETYPE.replace(
      '**Cache Invalidation**: [Strategy used]',
      '**Cache Invalidation**: [Strategy used]\n\n**Warm-up:** [How the cache is filled]',
    )
    expect(coverageProblems(withLabel, rows, schema)).toEqual([
      `Label "**Warm-up:**" (under "Scalability Considerations › Caching Strategy") has no entry in the mapping table (${MAPPING_FILE}).`,
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
})

describe.each(COVERED)('archetype coverage: $file', ({file, archetype, mappingFile, counts}) => {
  const schema = compileStudioSchema()
  const rows = mappingTable(archetype)
  const text = archetypeText(file)
  const problems = (source: string) =>
    coverageProblems(source, rows, schema, archetype.type, mappingFile)

  it('maps every front-matter key, heading and label of the archetype to schema fields', () => {
    expect(problems(text)).toEqual([])
  })

  it('parses the archetype slots it checks (so the check above is not vacuous)', () => {
    const {slots} = parseArchetype(text)
    const count = (kind: MappingRow['slot']) => slots.filter((s) => s.slot === kind).length
    expect([count('frontMatter'), count('heading'), count('label')]).toEqual(counts)
  })

  it('names a heading added to the archetype, and a label', () => {
    const [, firstSection] = /\n## (?!Table of Contents)(.+)\n/.exec(text) ?? []
    expect(firstSection).toBeDefined()
    const added = text.replace(
      `\n## ${firstSection}\n`,
      `\n## ${firstSection}\n\n### Something New\n\n**Also New**: [text]\n`,
    )
    expect(problems(added)).toEqual([
      `Heading "### Something New" (under "${firstSection}") has no entry in the mapping table (${mappingFile}).`,
      `Label "**Also New**:" (under "${firstSection} › Something New") has no entry in the mapping table (${mappingFile}).`,
    ])
  })

  it('lists in the TOC exactly the sections the archetype lists, in order, with Hugo anchors', () => {
    const {toc} = parseArchetype(text)
    const flagged = rows.filter((r) => r.slot === 'heading' && r.level === 2 && r.toc === true)
    expect(flagged.map((r) => r.text)).toEqual(toc.map((entry) => entry.text))
    expect(toc.map((entry) => headingAnchor(entry.text))).toEqual(toc.map((entry) => entry.anchor))
  })

  const reference = new URL(`../../shared/blog-reference/archetypes/${file}`, import.meta.url)
  if (!existsSync(reference))
    console.warn(`Skipping the ${file} drift check: the blog reference folder is not present.`)
  it.skipIf(!existsSync(reference))(
    'keeps the archetype copy identical to the blog reference',
    () => {
      expect(text).toBe(readFileSync(reference, 'utf8'))
    },
  )
})
