import type {Archetype, BodyNode, ItemFormat} from '../../converter/archetypes/spec.ts'

/**
 * Which values of a system-design post still hold the plain text its slots
 * held before they took formatting, and the rich text each becomes: the same
 * words in plain spans, so the post reads exactly as before. Values already
 * in rich text are left alone, so a second run finds nothing.
 */

export type PathSegment = string | {_key: string}
export interface Change {
  readonly path: PathSegment[]
  readonly value: Block[]
}

interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}
export interface Block {
  _type: 'block'
  _key: string
  style: 'normal'
  listItem?: 'bullet'
  level?: 1
  markDefs: []
  children: Span[]
}

type Rec = Record<string, unknown>

/** How the plain value was written: one line, paragraphs, or (for a list of strings) a bullet list. */
type Shape = 'line' | 'paragraphs'

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A short deterministic key: the same document migrates to the same keys. */
function keyOf(seed: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}

function block(text: string, seed: string, bullet: boolean): Block {
  return {
    _type: 'block',
    _key: keyOf(seed),
    style: 'normal',
    ...(bullet ? {listItem: 'bullet' as const, level: 1 as const} : {}),
    markDefs: [],
    children: [{_type: 'span', _key: keyOf(`${seed}/span`), text, marks: []}],
  }
}

const fold = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim()

/** The rich text for a plain value, or undefined when the value is not plain text. */
export function plainToRich(value: unknown, shape: Shape, seed: string): Block[] | undefined {
  if (typeof value === 'string') {
    const parts =
      shape === 'line' ? [fold(value)] : value.split(/\r?\n[ \t]*\r?\n/).map((part) => fold(part))
    return parts.filter((text) => text !== '').map((text, i) => block(text, `${seed}/${i}`, false))
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))
    return value
      .map((text) => fold(text))
      .filter((text) => text !== '')
      .map((text, i) => block(text, `${seed}/${i}`, true))
  return undefined
}

class Planner {
  readonly changes: Change[] = []
  readonly id: string

  constructor(id: string) {
    this.id = id
  }

  field(record: Rec, name: string, path: PathSegment[], shape: Shape): void {
    const at = [...path, name]
    const value = plainToRich(record[name], shape, `${this.id}/${describe(at)}`)
    if (value !== undefined) this.changes.push({path: at, value})
  }

  /** The entries of an array field, each with its path by key. */
  items(record: Rec, name: string, path: PathSegment[]): {item: Rec; path: PathSegment[]}[] {
    const list = record[name]
    if (!Array.isArray(list)) return []
    return list.flatMap((item) =>
      isRecord(item) && typeof item['_key'] === 'string'
        ? [{item, path: [...path, name, {_key: item['_key']}]}]
        : [],
    )
  }

  /** A dotted path's record, if every step is one. */
  scope(
    record: Rec,
    dotted: string,
    path: PathSegment[],
  ): {record: Rec; path: PathSegment[]} | undefined {
    if (dotted === '') return {record, path}
    let current: unknown = record
    for (const name of dotted.split('.')) {
      if (!isRecord(current)) return undefined
      current = current[name]
    }
    return isRecord(current) ? {record: current, path: [...path, ...dotted.split('.')]} : undefined
  }

  /** The leaf field of a dotted path, as record and name. */
  leaf(
    record: Rec,
    dotted: string,
    path: PathSegment[],
  ): {record: Rec; name: string; path: PathSegment[]} | undefined {
    const names = dotted.split('.')
    const name = names.pop() ?? dotted
    const parent = this.scope(record, names.join('.'), path)
    return parent === undefined ? undefined : {...parent, name}
  }

  line(record: Rec, dotted: string, path: PathSegment[], shape: Shape = 'line'): void {
    const leaf = this.leaf(record, dotted, path)
    if (leaf !== undefined) this.field(leaf.record, leaf.name, leaf.path, shape)
  }

  listItem(item: Rec, path: PathSegment[], format: ItemFormat): void {
    const fields =
      format.kind === 'named'
        ? [format.name, format.description]
        : [...format.fields, ...format.details.map((detail) => detail.path)]
    for (const field of fields) this.line(item, field, path)
  }

  nodes(nodes: readonly BodyNode[], record: Rec, path: PathSegment[]): void {
    for (const node of nodes) this.node(node, record, path)
  }

  node(node: BodyNode, record: Rec, path: PathSegment[]): void {
    switch (node.kind) {
      case 'prose':
        if (node.richText === 'slotText') this.line(record, node.path, path, 'paragraphs')
        return
      case 'labelled':
        this.line(record, node.path, path, node.richText === 'inlineText' ? 'line' : 'paragraphs')
        return
      case 'list':
        for (const {item, path: at} of this.itemsAt(record, node.path, path))
          this.listItem(item, at, node.item)
        return
      case 'kvList':
        for (const kv of node.items) this.line(record, kv.path, path)
        return
      case 'table':
        for (const {item, path: at} of this.itemsAt(record, node.path, path))
          for (const column of node.columns) this.line(item, column.path, at)
        return
      case 'references':
      case 'links':
        for (const {item, path: at} of this.itemsAt(record, node.path, path))
          this.line(item, 'title', at)
        return
      case 'repeat':
        for (const {item, path: at} of this.itemsAt(record, node.path, path)) {
          this.line(item, node.titleField, at)
          this.nodes(node.children, item, at)
        }
        return
      case 'sub': {
        const scope = this.scope(record, node.path, path)
        if (scope !== undefined) this.nodes(node.children, scope.record, scope.path)
        return
      }
      default:
        return
    }
  }

  itemsAt(record: Rec, dotted: string, path: PathSegment[]): {item: Rec; path: PathSegment[]}[] {
    const leaf = this.leaf(record, dotted, path)
    return leaf === undefined ? [] : this.items(leaf.record, leaf.name, leaf.path)
  }
}

function describe(path: readonly PathSegment[]): string {
  return path.map((segment) => (typeof segment === 'string' ? segment : segment._key)).join('/')
}

/** The opening sentence's fields: every `{field}` of its templates but the headline's name. */
function openingFields(archetype: Archetype): string[] {
  const fields = new Set<string>()
  for (const alternatives of archetype.opening)
    for (const template of alternatives)
      for (const match of template.matchAll(/\{([^{}]+)\}/g))
        if (match[1] !== 'name') fields.add(match[1] ?? '')
  return [...fields]
}

/** Every plain value of a document that the archetype now writes from rich text. */
export function planDocument(document: Rec, archetype: Archetype): Change[] {
  const planner = new Planner(typeof document['_id'] === 'string' ? document['_id'] : '')
  const headline = archetype.headline
  if (headline !== undefined)
    for (const field of [...headline.name, headline.tagline]) planner.line(document, field, [])
  for (const field of openingFields(archetype)) planner.line(document, field, [])
  for (const section of archetype.sections) {
    const scope = planner.scope(document, section.path, [])
    if (scope !== undefined) planner.nodes(section.children, scope.record, scope.path)
  }
  return planner.changes
}
