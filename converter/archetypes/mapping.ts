import {PAPERMOD_FRONT_MATTER} from './frontMatter.ts'
import {type Archetype, type BodyNode, ITEM_MORE, joinPath, MORE, sectionMorePath} from './spec.ts'

/**
 * The mapping table: which archetype front-matter key, heading and
 * `**Label**:` slot is written from which schema field. It is derived from
 * the same section list the renderer interprets, so it cannot drift from the
 * output. Field paths are dotted from the document root, with `[]` after an
 * array field: `components[].purpose`.
 *
 * Patterns stand for numbered or item-named slots: `Component {n}: {name}`,
 * `Option {A}`, `Requirement {n}`.
 */
export interface MappingRow {
  readonly slot: 'frontMatter' | 'heading' | 'label'
  /** Heading level (1–4); absent for other slots. */
  readonly level?: number
  /** The enclosing headings, outermost first, in the same text/pattern form. */
  readonly context: readonly string[]
  readonly text: string
  /** Every field the slot is written from; empty only for generated slots. */
  readonly fields: readonly string[]
  /** Level-2 headings: whether the section is listed in the Table of Contents. */
  readonly toc?: boolean
  /** Why a slot has no field of its own. */
  readonly generated?: string
}

function arrayPath(scope: string, path: string): string {
  return `${joinPath(scope, path)}[]`
}

/** Fields a node reads, and the label/heading rows it contributes. */
function walk(
  node: BodyNode,
  scope: string,
  context: readonly string[],
  level: number,
  rows: MappingRow[],
): string[] {
  switch (node.kind) {
    case 'prose':
    case 'lyket':
      return [joinPath(scope, node.path)]
    case 'fence': {
      const field = joinPath(scope, node.path)
      if (node.label !== undefined)
        rows.push({slot: 'label', context, text: node.label, fields: [field]})
      return [field]
    }
    case 'labelled': {
      const field = joinPath(scope, node.path)
      rows.push({slot: 'label', context, text: node.label, fields: [field]})
      return [field]
    }
    case 'formula': {
      const field = joinPath(scope, node.path)
      if (node.label !== undefined)
        rows.push({slot: 'label', context, text: node.label, fields: [field]})
      return [field]
    }
    case 'list':
      return listFields(node, scope, context, rows)
    case 'kvList':
      return node.items.map((kv) => {
        const field = joinPath(scope, kv.path)
        if (node.bold) rows.push({slot: 'label', context, text: kv.label, fields: [field]})
        return field
      })
    case 'table': {
      const base = arrayPath(scope, node.path)
      return node.columns.map((column) => joinPath(base, column.path))
    }
    case 'references':
    case 'links': {
      const base = arrayPath(scope, node.path)
      return (node.kind === 'references' ? ['title', 'url', 'kind'] : ['title', 'url']).map((f) =>
        joinPath(base, f),
      )
    }
    case 'static':
      return []
    case 'repeat': {
      const base = arrayPath(scope, node.path)
      if (node.header === 'label') return labelledItemRows(node, base, context, level, rows)
      const text = node.numbered
        ? `${node.noun} {n}: {${node.titleField}}`
        : `${node.noun} {${node.titleField}}`
      return headingRow(rows, level, context, text, node.children, base, [
        joinPath(base, node.titleField),
        joinPath(base, MORE),
      ])
    }
    case 'sub': {
      const path = joinPath(scope, node.path)
      return headingRow(
        rows,
        level,
        context,
        node.heading,
        node.children,
        path,
        node.path === '' ? [] : [joinPath(path, MORE)],
      )
    }
  }
}

/** Items headed by `**<noun> {n}**:`: a label row, the children's rows under the same headings. */
function labelledItemRows(
  node: Extract<BodyNode, {kind: 'repeat'}>,
  base: string,
  context: readonly string[],
  level: number,
  rows: MappingRow[],
): string[] {
  const index = rows.length
  rows.push({slot: 'label', context, text: `${node.noun} {n}`, fields: []})
  const fields = [joinPath(base, node.titleField), joinPath(base, MORE)]
  for (const child of node.children) fields.push(...walk(child, base, context, level, rows))
  rows[index] = {slot: 'label', context, text: `${node.noun} {n}`, fields}
  return fields
}

function listFields(
  node: Extract<BodyNode, {kind: 'list'}>,
  scope: string,
  context: readonly string[],
  rows: MappingRow[],
): string[] {
  const base = arrayPath(scope, node.path)
  const item = node.item
  const fields =
    item.kind === 'named'
      ? [item.name, item.description, ITEM_MORE].map((f) => joinPath(base, f))
      : [...item.fields, ...item.details.map((d) => d.path)].map((f) => joinPath(base, f))
  if (node.label !== undefined) rows.push({slot: 'label', context, text: node.label, fields})
  if (item.kind === 'named' && item.bold && item.placeholder !== undefined)
    rows.push({
      slot: 'label',
      context,
      text: item.placeholder,
      fields: [joinPath(base, item.name)],
    })
  if (item.kind === 'counted' && item.bold)
    rows.push({
      slot: 'label',
      context,
      text: `${item.noun} {${item.numbering === 'letter' ? 'A' : 'n'}}`,
      fields,
    })
  return fields
}

/** Adds a heading row whose fields are everything read beneath it; children's rows follow it. */
function headingRow(
  rows: MappingRow[],
  level: number,
  context: readonly string[],
  text: string,
  children: readonly BodyNode[],
  scope: string,
  ownFields: readonly string[] = [],
  toc?: boolean,
): string[] {
  const index = rows.length
  rows.push({slot: 'heading', level, context, text, fields: []})
  const inner = [...context, text]
  const fields = [...ownFields]
  for (const child of children) fields.push(...walk(child, scope, inner, level + 1, rows))
  const unique = [...new Set(fields)]
  rows[index] = {
    slot: 'heading',
    level,
    context,
    text,
    fields: unique,
    ...(toc === undefined ? {} : {toc}),
  }
  return unique
}

export function mappingTable(archetype: Archetype): MappingRow[] {
  const rows: MappingRow[] = []
  for (const key of PAPERMOD_FRONT_MATTER) {
    if (key.kind === 'aliases') {
      rows.push({
        slot: 'frontMatter',
        context: [],
        text: key.key,
        fields: [],
        generated: 'Old addresses of the post, from the export history.',
      })
      continue
    }
    rows.push({slot: 'frontMatter', context: [], text: key.key, fields: [key.field]})
    if (key.kind === 'cover' || key.kind === 'editPost')
      for (const child of key.children)
        rows.push({
          slot: 'frontMatter',
          context: [key.key],
          text: `${key.key}.${child.key}`,
          fields: [child.field],
        })
  }
  const {headline, tocHeading} = archetype
  if (headline !== undefined)
    rows.push({
      slot: 'heading',
      level: 1,
      context: [],
      text: `{${headline.name[0]}}: {${headline.tagline}}`,
      fields: [
        ...headline.name,
        ...(headline.fallback === undefined ? [] : [headline.fallback]),
        headline.tagline,
      ],
    })
  for (const node of archetype.lead) walk(node, '', [], 2, rows)
  if (tocHeading !== undefined)
    rows.push({
      slot: 'heading',
      level: 2,
      context: [],
      text: tocHeading,
      fields: [],
      toc: false,
      generated: 'Lists the sections flagged for the table of contents that have content.',
    })
  for (const section of archetype.sections)
    headingRow(
      rows,
      2,
      [],
      section.heading,
      section.children,
      section.path,
      [sectionMorePath(section)],
      section.toc,
    )
  return rows
}

/** The level-2 sections with the fields that fill them, e.g. for a completeness badge. */
export function sectionFields(
  archetype: Archetype,
): {heading: string; toc: boolean; fields: readonly string[]}[] {
  return mappingTable(archetype)
    .filter((row) => row.slot === 'heading' && row.level === 2 && row.generated === undefined)
    .map((row) => ({heading: row.text, toc: row.toc === true, fields: row.fields}))
}
