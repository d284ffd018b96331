import {
  itemPositions,
  nodeId,
  type Position,
  START,
  scopePositions,
} from '../archetypes/positions.ts'
import {
  type Archetype,
  type BodyNode,
  ITEM_MORE,
  type ItemFormat,
  type LabelForm,
  MORE,
  type SentenceAlternatives,
  sectionMorePath,
} from '../archetypes/spec.ts'
import {hasContent} from '../content.ts'
import type {PathSegment} from '../types.ts'
import {
  describe,
  isRecord,
  type Located,
  locate,
  type RenderContext,
  readArray,
  readText,
  warn,
} from './context.ts'
import type {CleanNode, TextBlock} from './plainMarkdown.ts'
import {
  cellMarkdown,
  cellText,
  cleanMarkdown,
  cleanRichText,
  composeBlock,
  inlineRun,
  lineMarkdown,
  linked,
  marked,
  mathBlock,
  plainRun,
  type Run,
  tableMarkdown,
} from './portableText.ts'
import {codeBlock, encodeHref, foldLines, headingAnchor, headingText, isSafeHref} from './text.ts'

/**
 * The interpreter of an archetype's section list. Every node renders to a
 * markdown chunk or to '' when it has nothing to show; a heading is written
 * only when something under it is, so empty sections vanish with their TOC
 * entry. The writer's free text ("more") is written at the position it was
 * given in its section or item. When the render keeps fields (for the build
 * check, which maps Hugo's `file:line` to a field), each chunk also says which
 * field each of its parts was written from.
 */

export const LEGACY_TEXT =
  'This field still holds plain text saved before it took formatting, and is written as plain text. Run the content migration "rich-slots" to convert it.'

// ---- Chunks ----

/** Characters [start, end) of a chunk were written from the field at `path`. */
export interface FieldSpan {
  readonly start: number
  readonly end: number
  readonly path: readonly PathSegment[]
}

/**
 * Markdown, and the fields its parts were written from when `ctx.keepFields` is
 * set (otherwise none). A span comes before the spans inside it, so the last span
 * holding a character is its most precise field.
 */
export interface Chunk {
  readonly markdown: string
  readonly spans: readonly FieldSpan[]
}

const NO_SPANS: readonly FieldSpan[] = []
const plain = (markdown: string): Chunk => ({markdown, spans: NO_SPANS})

/** A chunk written from the field at `at`; its path is read only when fields are kept. */
function from(ctx: RenderContext, chunk: Chunk | string, at: Located): Chunk {
  const out = typeof chunk === 'string' ? plain(chunk) : chunk
  if (ctx.keepFields !== true || out.markdown === '') return out
  const whole = {start: 0, end: out.markdown.length, path: at.path}
  return {markdown: out.markdown, spans: [whole, ...out.spans]}
}

function join(chunks: readonly Chunk[]): Chunk {
  let markdown = ''
  let spans: FieldSpan[] | undefined
  for (const chunk of chunks) {
    if (chunk.markdown === '') continue
    const offset = markdown === '' ? 0 : markdown.length + 2
    markdown = markdown === '' ? chunk.markdown : `${markdown}\n\n${chunk.markdown}`
    if (chunk.spans.length === 0) continue
    spans ??= []
    for (const span of chunk.spans)
      spans.push({start: span.start + offset, end: span.end + offset, path: span.path})
  }
  return {markdown, spans: spans ?? NO_SPANS}
}

const heading = (level: number, text: string) => `${'#'.repeat(level)} ${headingText(text)}`

/** A heading of fixed words and rich text. */
function richHeading(level: number, runs: readonly Run[]): string {
  return lineMarkdown(runs, {style: `h${level}`})
}

const COLON = plainRun(':')
const SPACE = plainRun(' ')

/** A label and its colon, in the form the archetype writes it. */
function labelRuns(label: string, form: LabelForm, marker = ''): Run[] {
  const before = marker === '' ? [] : [plainRun(marker)]
  if (form === 'inside') return [...before, plainRun(`${label}:`, ['strong'])]
  if (form === 'plain') return [...before, plainRun(`${label}:`)]
  return [...before, plainRun(label, ['strong']), COLON]
}

/** Lines as one tight list, each numbered or bulleted in turn. */
function listLines(lines: readonly (readonly Run[])[], listItem: 'bullet' | 'number'): string {
  return listItems(lines, listItem).join('\n')
}

function listItems(lines: readonly (readonly Run[])[], listItem: 'bullet' | 'number'): string[] {
  return lines.map((runs, i) =>
    lineMarkdown(runs, {style: 'normal', listItem, level: 1}, {index: i + 1, depth: 0}),
  )
}

function letters(n: number): string {
  let out = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(65 + ((i - 1) % 26)) + out
  return out
}

// ---- Reading fields ----

/** Whether a value is rich text (a list of blocks); anything else is reported as not text. */
function isRichText(ctx: RenderContext, at: Located): boolean {
  const {value} = at
  if (value === undefined || value === null) return false
  if (Array.isArray(value) && !value.some((item) => typeof item === 'string')) return true
  warn(ctx, at.path, `Expected text but found ${describe(value)}; it was left out.`)
  return false
}

/** A one-line field: rich text, or the plain text it held before the migration. */
function readRun(ctx: RenderContext, at: Located): Run | undefined {
  if (typeof at.value === 'string') {
    if (!hasContent(at.value)) return undefined
    warn(ctx, at.path, LEGACY_TEXT)
    return plainRun(foldLines(at.value))
  }
  return isRichText(ctx, at) ? inlineRun(ctx, at) : undefined
}

function run(ctx: RenderContext, scope: Located, path: string): Run | undefined {
  return readRun(ctx, locate(ctx, scope, path))
}

const legacyLine = (text: string, listItem?: string): TextBlock =>
  composeBlock([plainRun(text)], {style: 'normal', ...(listItem ? {listItem, level: 1} : {})})

/**
 * A list slot or a paragraph slot as it was before the migration: a list of
 * plain strings (any other item reported and left out) or a plain text.
 */
function legacyBlocks(ctx: RenderContext, at: Located): CleanNode[] | undefined {
  const {value} = at
  if (typeof value === 'string')
    return value
      .split(/\r?\n[ \t]*\r?\n/)
      .map(foldLines)
      .filter((text) => text !== '')
      .map((text) => legacyLine(text))
  if (!Array.isArray(value) || !value.some((item) => typeof item === 'string')) return undefined
  return readArray(ctx, at).flatMap((item) => {
    const text = readText(ctx, item)
    return text === undefined ? [] : [legacyLine(foldLines(text), 'bullet')]
  })
}

/** A rich-text field as blocks, reading a pre-migration value the way it used to be written. */
function readBlocks(
  ctx: RenderContext,
  at: Located,
  node: Extract<BodyNode, {kind: 'prose' | 'labelled'}>,
): CleanNode[] {
  // Only the slots were plain text before; a section's prose never was.
  const legacy = node.richText === 'slotText' ? legacyBlocks(ctx, at) : undefined
  if (legacy === undefined) return cleanRichText(ctx, at, node.richText)
  if (legacy.length > 0) warn(ctx, at.path, LEGACY_TEXT)
  // A labelled value was one line.
  if (node.kind === 'labelled' && typeof at.value === 'string')
    return [legacyLine(foldLines(at.value))]
  return legacy
}

/** Whether an array item is an entry (an object); any other non-empty value is reported. */
function isEntry(ctx: RenderContext, item: Located): boolean {
  if (isRecord(item.value)) return true
  if (item.value !== null && item.value !== undefined)
    warn(ctx, item.path, `Expected an entry but found ${describe(item.value)}; it was left out.`)
  return false
}

/** The record items of an array field; other values are reported and skipped. */
function records(ctx: RenderContext, at: Located): Located[] {
  return readArray(ctx, at).filter((item) => isEntry(ctx, item))
}

// ---- Free text at its position ----

/** A scope's free text, by position; rendered only when its position is reached. */
type Extras = ReadonlyMap<string, readonly Located[]>

function readExtras(
  ctx: RenderContext,
  at: Located,
  positions: readonly Position[],
): Extras | undefined {
  const entries = records(ctx, at)
  if (entries.length === 0) return undefined
  const ids = new Set(positions.map((position) => position.id))
  const last = positions.at(-1)?.id ?? START
  const extras = new Map<string, Located[]>()
  for (const entry of entries) {
    const atValue = locate(ctx, entry, 'at')
    let id = readText(ctx, atValue) ?? last
    if (!ids.has(id)) {
      warn(
        ctx,
        atValue.path,
        `Unknown place ${JSON.stringify(id)} for this text; it was written at the end.`,
      )
      id = last
    }
    extras.set(id, [...(extras.get(id) ?? []), locate(ctx, entry, 'body')])
  }
  return extras
}

function renderExtras(ctx: RenderContext, extras: Extras | undefined, id: string): Chunk {
  const bodies = extras?.get(id)
  if (bodies === undefined) return plain('')
  return join(
    bodies.map((body) =>
      from(ctx, trimmed(cleanMarkdown(cleanRichText(ctx, body, 'blockContent'))), body),
    ),
  )
}

// ---- Lists ----

/** One list item: its line, its nested `- label: value` lines and its own rich text. */
interface Item {
  readonly line: Run[]
  readonly details: readonly (readonly Run[])[]
  readonly more: CleanNode[]
}

function namedItem(
  ctx: RenderContext,
  item: Located,
  format: Extract<ItemFormat, {kind: 'named'}>,
): Item | undefined {
  const name = run(ctx, item, format.name)
  const description = run(ctx, item, format.description)
  const more = cleanRichText(ctx, locate(ctx, item, ITEM_MORE), 'blockContent')
  if (name === undefined && description === undefined && more.length === 0) return undefined
  const line: Run[] = []
  if (name !== undefined) line.push(format.bold ? marked(name, 'strong') : name)
  if (name !== undefined && description !== undefined) line.push(plainRun(': '))
  if (description !== undefined) line.push(description)
  return {line, details: [], more}
}

function countedItem(
  ctx: RenderContext,
  item: Located,
  format: Extract<ItemFormat, {kind: 'counted'}>,
  number: number,
): Item | undefined {
  const values = format.fields.flatMap((field) => run(ctx, item, field) ?? [])
  const details = format.details.flatMap((detail) => {
    const value = run(ctx, item, detail.path)
    return value === undefined ? [] : [[plainRun(`${detail.label}: `), value]]
  })
  if (values.length === 0 && details.length === 0) return undefined
  const label = `${format.noun} ${format.numbering === 'letter' ? letters(number) : number}`
  const line: Run[] = [plainRun(label, format.bold ? ['strong'] : [])]
  values.forEach((value, i) => {
    line.push(plainRun(i === 0 ? ': ' : format.separator), value)
  })
  return {line, details, more: []}
}

function listItem(
  ctx: RenderContext,
  item: Located,
  format: ItemFormat,
  number: number,
): Item | undefined {
  if (!isEntry(ctx, item)) return undefined
  return format.kind === 'named'
    ? namedItem(ctx, item, format)
    : countedItem(ctx, item, format, number)
}

/** Markdown under a list item, indented to the item's text. */
function nested(markdown: string, indent: number): string {
  return markdown.replace(/^(?=.)/gm, ' '.repeat(indent))
}

function itemMarkdown(item: Item, index: number, ordered: boolean): string {
  const shape = {style: 'normal', listItem: ordered ? 'number' : 'bullet', level: 1}
  let out = lineMarkdown(item.line, shape, {index, depth: 0})
  const indent = ordered ? `${index}. `.length : 2
  if (item.details.length > 0) out += `\n${nested(listLines(item.details, 'bullet'), indent)}`
  if (item.more.length > 0) {
    const first = item.more[0]
    const tight =
      first?._type === 'block' && first.listItem !== undefined && item.details.length === 0
    out += `${tight ? '\n' : '\n\n'}${nested(trimmed(cleanMarkdown(item.more)), indent)}`
  }
  return out
}

function renderList(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'list'}>,
  scope: Located,
): string {
  const lines: string[] = []
  for (const item of readArray(ctx, locate(ctx, scope, node.path))) {
    const rendered = listItem(ctx, item, node.item, lines.length + 1)
    if (rendered) lines.push(itemMarkdown(rendered, lines.length + 1, node.ordered))
  }
  if (lines.length === 0) return ''
  const list = lines.join('\n')
  return node.label ? `**${node.label}**:\n${list}` : list
}

// ---- Slots ----

function renderLabelled(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'labelled'}>,
  scope: Located,
): string {
  const at = locate(ctx, scope, node.path)
  const label = labelRuns(node.label, node.form, node.marker)
  if (node.richText === 'inlineText') {
    const value = readRun(ctx, at)
    return value === undefined ? '' : lineMarkdown([...label, SPACE, value])
  }
  const blocks = readBlocks(ctx, at, node)
  const [first, ...rest] = blocks
  if (first === undefined) return ''
  // A first paragraph is written on the label's line; a list hangs right under it.
  if (first._type === 'block' && first.listItem === undefined && first.style === 'normal') {
    const line = lineMarkdown([...label, SPACE, first])
    return rest.length === 0 ? line : `${line}\n\n${trimmed(cleanMarkdown(rest))}`
  }
  const line = lineMarkdown(label)
  const listFirst = first._type === 'block' && first.listItem !== undefined
  return `${line}${listFirst ? '\n' : '\n\n'}${trimmed(cleanMarkdown(blocks))}`
}

function renderTable(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'table'}>,
  scope: Located,
): string {
  const rows = records(ctx, locate(ctx, scope, node.path))
    .map((row) =>
      node.columns.map((column) => {
        const at = locate(ctx, row, column.path)
        // A plain cell from before the migration keeps its old escaping.
        if (typeof at.value === 'string' && hasContent(at.value)) {
          warn(ctx, at.path, LEGACY_TEXT)
          return cellText(at.value)
        }
        const value = readRun(ctx, at)
        return value === undefined ? '' : cellMarkdown(value)
      }),
    )
    .filter((cells) => cells.some((cell) => cell !== ''))
  if (rows.length === 0) return ''
  return tableMarkdown(
    node.columns.map((column) => column.header),
    rows,
  )
}

/** One line per key with a value, each written from its own field. */
function renderKvList(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'kvList'}>,
  scope: Located,
): Chunk {
  const lines = node.items.flatMap((kv) => {
    const at = locate(ctx, scope, kv.path)
    const value = readRun(ctx, at)
    if (value === undefined) return []
    const label = node.bold
      ? [...labelRuns(kv.label, 'outside'), SPACE]
      : [plainRun(`${kv.label}: `)]
    return [{at, runs: [...label, value]}]
  })
  const items = listItems(
    lines.map((line) => line.runs),
    'bullet',
  )
  const markdown = items.join('\n')
  if (ctx.keepFields !== true) return plain(markdown)
  const spans: FieldSpan[] = []
  let start = 0
  items.forEach((item, i) => {
    const at = lines[i]?.at
    if (at !== undefined) spans.push({start, end: start + item.length, path: at.path})
    start += item.length + 1
  })
  return {markdown, spans}
}

/** A display formula, its label on the line above. */
function renderFormula(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'formula'}>,
  scope: Located,
): string {
  const at = locate(ctx, scope, node.path)
  if (at.value === undefined || at.value === null) return ''
  if (!isRecord(at.value)) {
    warn(ctx, at.path, `Expected a formula but found ${describe(at.value)}; it was left out.`)
    return ''
  }
  const tex = readText(ctx, locate(ctx, at, 'tex'))
  if (tex === undefined || tex.trim() === '') return ''
  const formula = mathBlock(tex)
  return node.label === undefined
    ? formula
    : `${lineMarkdown(labelRuns(node.label, node.form))}\n\n${formula}`
}

// ---- Sources ----

/** The title, linked when the entry has a usable address. */
function linkOrText(ctx: RenderContext, entry: Located, title: Run): Run {
  const urlAt = locate(ctx, entry, 'url')
  const url = readText(ctx, urlAt)?.trim()
  if (url === undefined) return title
  if (!isSafeHref(url)) {
    warn(ctx, urlAt.path, 'The address is not a web address; the title is shown without a link.')
    return title
  }
  return linked(title, encodeHref(url))
}

/** The entries of a list of sources that have a title, reporting those with only an address. */
function titled(ctx: RenderContext, at: Located, what: string): {entry: Located; title: Run}[] {
  return records(ctx, at).flatMap((entry) => {
    const title = run(ctx, entry, 'title')
    if (title === undefined) {
      if (readText(ctx, locate(ctx, entry, 'url')) !== undefined)
        warn(ctx, entry.path, `${what} without a title was left out.`)
      return []
    }
    return [{entry, title}]
  })
}

function renderReferences(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'references'}>,
  scope: Located,
): string {
  const blocks = titled(ctx, locate(ctx, scope, node.path), 'A reference').map(({entry, title}) => {
    const kindAt = locate(ctx, entry, 'kind')
    const kind = readText(ctx, kindAt)
    const kindLabel = kind === undefined ? undefined : node.kindLabels[kind]
    if (kind !== undefined && kindLabel === undefined)
      warn(ctx, kindAt.path, `Unknown reference kind ${JSON.stringify(kind)}; it was not shown.`)
    const runs = [linkOrText(ctx, entry, title)]
    if (kindLabel !== undefined) runs.push(plainRun(` (${kindLabel})`))
    return runs
  })
  return listLines(blocks, 'number')
}

function renderLinks(ctx: RenderContext, at: Located): string {
  const lines = titled(ctx, at, 'A reading entry').map(({entry, title}) => [
    linkOrText(ctx, entry, title),
  ])
  return listLines(lines, 'bullet')
}

// ---- Nodes and scopes ----

/** Line breaks at the edges of a chunk would add blank lines around it. */
function trimmed(markdown: string): string {
  // Most chunks have no such line break: the replace is the costly part.
  return markdown.startsWith('\n') || markdown.endsWith('\n')
    ? markdown.replace(/^\n+|\n+$/g, '')
    : markdown
}

/** An item's heading, or the label line that opens it. */
function itemHead(
  node: Extract<BodyNode, {kind: 'repeat'}>,
  noun: string,
  title: Run | undefined,
  level: number,
): string {
  if (node.header === 'label') {
    const label = labelRuns(noun, 'outside')
    return lineMarkdown(title === undefined ? label : [...label, SPACE, title])
  }
  const separator = node.numbered ? ': ' : ' '
  const label = plainRun(`${noun}${title === undefined ? '' : separator}`)
  return richHeading(level, title === undefined ? [label] : [label, title])
}

function renderRepeat(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'repeat'}>,
  scope: Located,
  level: number,
): Chunk {
  const positions = itemPositions(node)
  let number = 0
  return join(
    records(ctx, locate(ctx, scope, node.path)).map((item) => {
      const title = run(ctx, item, node.titleField)
      // Items headed by a label line sit at their list's level, not under a heading.
      const inner = node.header === 'label' ? level : level + 1
      const body = renderScope(ctx, node.children, item, inner, positions)
      if (title === undefined && body.markdown === '') return plain('')
      number++
      const noun = node.numbered ? `${node.noun} ${number}` : node.noun
      return from(ctx, join([plain(itemHead(node, noun, title, level)), body]), item)
    }),
  )
}

function renderSub(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'sub'}>,
  scope: Located,
  level: number,
  extras: Extras | undefined,
): Chunk {
  const own = locate(ctx, scope, node.path)
  const body =
    node.path === ''
      ? join([
          renderExtras(ctx, extras, `#${node.heading}`),
          renderNodes(ctx, node.children, scope, level + 1, extras),
        ])
      : renderScope(ctx, node.children, own, level + 1, scopePositions(node.heading, node.children))
  return body.markdown === ''
    ? body
    : from(ctx, join([plain(heading(level, node.heading)), body]), own)
}

function renderNode(
  ctx: RenderContext,
  node: BodyNode,
  scope: Located,
  level: number,
  extras: Extras | undefined,
): Chunk {
  switch (node.kind) {
    case 'kvList':
      return renderKvList(ctx, node, scope)
    case 'repeat':
      return renderRepeat(ctx, node, scope, level)
    case 'sub':
      return renderSub(ctx, node, scope, level, extras)
    case 'static':
      return plain(node.whenLikeButtons && !ctx.likeButtons ? '' : node.markdown)
    default: {
      const markdown = renderSlot(ctx, node, scope)
      // Locating the field again is only worth it when its path is kept.
      return ctx.keepFields === true
        ? from(ctx, markdown, locate(ctx, scope, node.path))
        : plain(markdown)
    }
  }
}

/** A node written from one field. */
function renderSlot(
  ctx: RenderContext,
  node: Exclude<BodyNode, {kind: 'kvList' | 'repeat' | 'sub' | 'static'}>,
  scope: Located,
): string {
  switch (node.kind) {
    case 'prose':
      return trimmed(cleanMarkdown(readBlocks(ctx, locate(ctx, scope, node.path), node)))
    case 'labelled':
      return renderLabelled(ctx, node, scope)
    case 'list':
      return renderList(ctx, node, scope)
    case 'formula':
      return renderFormula(ctx, node, scope)
    case 'table':
      return renderTable(ctx, node, scope)
    case 'fence': {
      const value = readText(ctx, locate(ctx, scope, node.path))
      if (value === undefined) return ''
      const code = codeBlock(value.replace(/^(\s*\n)+/, ''), node.lang)
      return node.label === undefined
        ? code
        : `${lineMarkdown(labelRuns(node.label, 'outside'))}\n\n${code}`
    }
    case 'references':
      return renderReferences(ctx, node, scope)
    case 'links':
      return renderLinks(ctx, locate(ctx, scope, node.path))
    case 'lyket':
      return ctx.likeButtons ? `<div id="lyket-like-${ctx.slug}"></div>` : ''
  }
}

/** Nodes in order, each followed by the free text placed right after it. */
export function renderNodes(
  ctx: RenderContext,
  nodes: readonly BodyNode[],
  scope: Located,
  level: number,
  extras?: Extras,
): Chunk {
  const chunks: Chunk[] = []
  for (const node of nodes) {
    chunks.push(renderNode(ctx, node, scope, level, extras))
    // A sub-section without an object of its own has its free text in this scope.
    if (node.kind === 'sub' && node.path === '') continue
    const id = nodeId(node)
    if (id !== undefined) chunks.push(renderExtras(ctx, extras, id))
  }
  return join(chunks)
}

/** A section or item: its free text right under the heading, then its nodes. */
function renderScope(
  ctx: RenderContext,
  nodes: readonly BodyNode[],
  scope: Located,
  level: number,
  positions: readonly Position[],
  more: Located = locate(ctx, scope, MORE),
): Chunk {
  const extras = readExtras(ctx, more, positions)
  return join([renderExtras(ctx, extras, START), renderNodes(ctx, nodes, scope, level, extras)])
}

const PLACEHOLDER = /\{([^{}]+)\}/g

interface Name {
  readonly run: Run
  readonly at: Located
}

/** The headline's name: the first of its fields with content. */
function headlineName(ctx: RenderContext, archetype: Archetype, root: Located): Name | undefined {
  for (const field of archetype.headline?.name ?? []) {
    const at = locate(ctx, root, field)
    const value = readRun(ctx, at)
    if (value !== undefined) return {run: value, at}
  }
  const fallback = archetype.headline?.fallback
  if (fallback === undefined) return undefined
  const at = locate(ctx, root, fallback)
  const title = readText(ctx, at)
  return title === undefined ? undefined : {run: plainRun(foldLines(title)), at}
}

/** The first alternative whose placeholders all have content, filled in; undefined when none does. */
function sentence(
  ctx: RenderContext,
  alternatives: SentenceAlternatives,
  root: Located,
  name: Run | undefined,
): Run[] | undefined {
  for (const template of alternatives) {
    const fields = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')
    const complete = fields.every((field) =>
      field === 'name' ? name !== undefined : hasContent(locate(ctx, root, field).value),
    )
    if (!complete) continue
    const runs: Run[] = []
    template.split(PLACEHOLDER).forEach((part, i) => {
      const value = i % 2 === 0 ? plainRun(part) : part === 'name' ? name : run(ctx, root, part)
      if (value !== undefined) runs.push(value)
    })
    return runs
  }
  return undefined
}

function renderOpening(
  ctx: RenderContext,
  archetype: Archetype,
  root: Located,
  name: Run | undefined,
): string {
  const runs: Run[] = []
  for (const alternatives of archetype.opening) {
    const filled = sentence(ctx, alternatives, root, name)
    if (filled === undefined) continue
    if (runs.length > 0) runs.push(plainRun(' '))
    runs.push(...filled)
  }
  return runs.length === 0 ? '' : lineMarkdown(runs)
}

export function renderBody(ctx: RenderContext, archetype: Archetype, root: Located): Chunk {
  const name = headlineName(ctx, archetype, root)
  const headline = renderHeadline(ctx, archetype, root, name)
  // The templated sentence, when its fields are filled in, then the writer's own lead.
  const opening = renderOpening(ctx, archetype, root, name?.run)
  const lead = renderNodes(ctx, archetype.lead, root, 2)

  const sections = archetype.sections.map((section) => {
    const at = locate(ctx, root, section.path)
    const body = renderScope(
      ctx,
      section.children,
      at,
      3,
      scopePositions(section.heading, section.children),
      locate(ctx, root, sectionMorePath(section)),
    )
    if (body.markdown !== '') ctx.sections.push(section.heading)
    const chunk =
      body.markdown === '' ? body : from(ctx, join([plain(heading(2, section.heading)), body]), at)
    return {section, chunk}
  })
  const tocHeading = archetype.tocHeading
  const tocEntries = sections
    .filter(({section, chunk}) => section.toc && chunk.markdown !== '')
    .map(({section}, i) => `${i + 1}. [${section.heading}](#${headingAnchor(section.heading)})`)
  const toc =
    tocHeading === undefined || tocEntries.length === 0
      ? ''
      : `${heading(2, tocHeading)}\n\n${tocEntries.join('\n')}`

  return join([
    headline,
    plain(opening),
    lead,
    plain(toc),
    ...sections.map(({chunk}) => chunk),
    renderNodes(ctx, archetype.footer, root, 2),
  ])
}

/** `# <name>: <tagline>`, or nothing when no name field has content. */
function renderHeadline(
  ctx: RenderContext,
  archetype: Archetype,
  root: Located,
  name: Name | undefined,
): Chunk {
  const headline = archetype.headline
  if (headline === undefined || name === undefined) return plain('')
  const tagline = run(ctx, root, headline.tagline)
  const runs = tagline === undefined ? [name.run] : [name.run, plainRun(': '), tagline]
  return from(ctx, richHeading(1, runs), name.at)
}
