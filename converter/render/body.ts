import {nodeId, type Position, START, scopePositions} from '../archetypes/positions.ts'
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
 * given in its section or item.
 */

export const LEGACY_TEXT =
  'This field still holds plain text saved before it took formatting, and is written as plain text. Run the content migration "rich-slots" to convert it.'

function join(chunks: readonly string[]): string {
  let out = ''
  for (const chunk of chunks) {
    if (chunk === '') continue
    out = out === '' ? chunk : `${out}\n\n${chunk}`
  }
  return out
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
  return lines
    .map((runs, i) =>
      lineMarkdown(runs, {style: 'normal', listItem, level: 1}, {index: i + 1, depth: 0}),
    )
    .join('\n')
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

function renderExtras(ctx: RenderContext, extras: Extras | undefined, id: string): string {
  const bodies = extras?.get(id)
  if (bodies === undefined) return ''
  return join(
    bodies.map((body) => trimmed(cleanMarkdown(cleanRichText(ctx, body, 'blockContent')))),
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

function renderKvList(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'kvList'}>,
  scope: Located,
): string {
  const lines = node.items.flatMap((kv) => {
    const value = run(ctx, scope, kv.path)
    if (value === undefined) return []
    return [
      node.bold
        ? [...labelRuns(kv.label, 'outside'), SPACE, value]
        : [plainRun(`${kv.label}: `), value],
    ]
  })
  return listLines(lines, 'bullet')
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
    : join([lineMarkdown(labelRuns(node.label, node.form)), formula])
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

function renderRepeat(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'repeat'}>,
  scope: Located,
  level: number,
): string {
  const positions = scopePositions(node.noun, node.children)
  let number = 0
  return join(
    records(ctx, locate(ctx, scope, node.path)).map((item) => {
      const title = run(ctx, item, node.titleField)
      // Items headed by a label line sit at their list's level, not under a heading.
      const inner = node.header === 'label' ? level : level + 1
      const body = renderScope(ctx, node.children, item, inner, positions)
      if (title === undefined && body === '') return ''
      number++
      const noun = node.numbered ? `${node.noun} ${number}` : node.noun
      if (node.header === 'label') {
        const label = labelRuns(noun, 'outside')
        return join([lineMarkdown(title === undefined ? label : [...label, SPACE, title]), body])
      }
      const separator = node.numbered ? ': ' : ' '
      const label = plainRun(`${noun}${title === undefined ? '' : separator}`)
      return join([richHeading(level, title === undefined ? [label] : [label, title]), body])
    }),
  )
}

function renderSub(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'sub'}>,
  scope: Located,
  level: number,
  extras: Extras | undefined,
): string {
  const body =
    node.path === ''
      ? join([
          renderExtras(ctx, extras, `#${node.heading}`),
          renderNodes(ctx, node.children, scope, level + 1, extras),
        ])
      : renderScope(
          ctx,
          node.children,
          locate(ctx, scope, node.path),
          level + 1,
          scopePositions(node.heading, node.children),
        )
  return body === '' ? '' : join([heading(level, node.heading), body])
}

function renderNode(
  ctx: RenderContext,
  node: BodyNode,
  scope: Located,
  level: number,
  extras: Extras | undefined,
): string {
  switch (node.kind) {
    case 'prose':
      return trimmed(cleanMarkdown(readBlocks(ctx, locate(ctx, scope, node.path), node)))
    case 'labelled':
      return renderLabelled(ctx, node, scope)
    case 'list':
      return renderList(ctx, node, scope)
    case 'kvList':
      return renderKvList(ctx, node, scope)
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
        : join([lineMarkdown(labelRuns(node.label, 'outside')), code])
    }
    case 'repeat':
      return renderRepeat(ctx, node, scope, level)
    case 'sub':
      return renderSub(ctx, node, scope, level, extras)
    case 'references':
      return renderReferences(ctx, node, scope)
    case 'links':
      return renderLinks(ctx, locate(ctx, scope, node.path))
    case 'lyket':
      return ctx.likeButtons ? `<div id="lyket-like-${ctx.slug}"></div>` : ''
    case 'static':
      return node.whenLikeButtons && !ctx.likeButtons ? '' : node.markdown
  }
}

/** Nodes in order, each followed by the free text placed right after it. */
export function renderNodes(
  ctx: RenderContext,
  nodes: readonly BodyNode[],
  scope: Located,
  level: number,
  extras?: Extras,
): string {
  const chunks: string[] = []
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
): string {
  const extras = readExtras(ctx, more, positions)
  return join([renderExtras(ctx, extras, START), renderNodes(ctx, nodes, scope, level, extras)])
}

const PLACEHOLDER = /\{([^{}]+)\}/g

/** The headline's name: the first of its fields with content. */
function headlineName(ctx: RenderContext, archetype: Archetype, root: Located): Run | undefined {
  for (const field of archetype.headline?.name ?? []) {
    const value = run(ctx, root, field)
    if (value !== undefined) return value
  }
  const fallback = archetype.headline?.fallback
  const title = fallback === undefined ? undefined : readText(ctx, locate(ctx, root, fallback))
  return title === undefined ? undefined : plainRun(foldLines(title))
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

export function renderBody(ctx: RenderContext, archetype: Archetype, root: Located): string {
  const name = headlineName(ctx, archetype, root)
  const headline = renderHeadline(ctx, archetype, root, name)
  // The templated sentence, when its fields are filled in, then the writer's own lead.
  const opening = renderOpening(ctx, archetype, root, name)
  const lead = renderNodes(ctx, archetype.lead, root, 2)

  const sections = archetype.sections.map((section) => {
    const body = renderScope(
      ctx,
      section.children,
      locate(ctx, root, section.path),
      3,
      scopePositions(section.heading, section.children),
      locate(ctx, root, sectionMorePath(section)),
    )
    return {section, markdown: body === '' ? '' : join([heading(2, section.heading), body])}
  })
  const tocHeading = archetype.tocHeading
  const tocEntries = sections
    .filter(({section, markdown}) => section.toc && markdown !== '')
    .map(({section}, i) => `${i + 1}. [${section.heading}](#${headingAnchor(section.heading)})`)
  const toc =
    tocHeading === undefined || tocEntries.length === 0
      ? ''
      : join([heading(2, tocHeading), tocEntries.join('\n')])

  return join([
    headline,
    opening,
    lead,
    toc,
    ...sections.map(({markdown}) => markdown),
    renderNodes(ctx, archetype.footer, root, 2),
  ])
}

/** `# <name>: <tagline>`, or '' when no name field has content. */
function renderHeadline(
  ctx: RenderContext,
  archetype: Archetype,
  root: Located,
  name: Run | undefined,
): string {
  const headline = archetype.headline
  if (headline === undefined || name === undefined) return ''
  const tagline = run(ctx, root, headline.tagline)
  return richHeading(1, tagline === undefined ? [name] : [name, plainRun(': '), tagline])
}
