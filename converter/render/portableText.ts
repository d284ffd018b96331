import {
  DefaultBlockquoteRenderer,
  DefaultH1Renderer,
  DefaultH2Renderer,
  DefaultH3Renderer,
  DefaultH4Renderer,
  DefaultH5Renderer,
  DefaultH6Renderer,
  DefaultListItemRenderer,
  DefaultNormalRenderer,
  type PortableTextBlockRenderer,
  portableTextToMarkdown,
} from '@portabletext/markdown'
import {RICH_TEXT_PARTS, type RichTextType, TEXT_STYLES} from '../../schemas/constants.ts'
import {placeImage} from '../path.ts'
import {
  describe,
  fieldOf,
  isRecord,
  type Located,
  type RenderContext,
  readArray,
  warn,
} from './context.ts'
import {
  blocksMarkdown,
  type CleanNode,
  directLine,
  type Inline,
  type InlineObject,
  type LinkDef,
  type ListPosition,
  type ObjectNode,
  type Renderers,
  type Span,
  type Tally,
  type TextBlock,
} from './plainMarkdown.ts'
import {
  altText,
  cellText,
  codeBlock,
  codeSpan,
  emphasized,
  encodeHref,
  escapeHtmlText,
  escapeShortcodes,
  foldLines,
  goldmarkSafe,
  htmlBlock,
  inlineText,
  isSafeHref,
  ltStandIn,
  mathJaxText,
  OPENS_MARKUP,
} from './text.ts'

/**
 * Rich text → markdown. Two passes: `clean` turns whatever the document
 * holds into well-formed Portable Text (reporting and dropping what it
 * cannot use, working around the markdown library's known faults), and
 * `blocksMarkdown` writes it, with the library for text that needs escaping
 * and our renderers for the custom types. Every rich-text field goes through
 * here, a post's body and a one-line slot alike, so all are escaped the same
 * way. The input is never mutated: `clean` builds new objects.
 */

/** What a rich-text type may hold. */
interface Allowed {
  readonly type: RichTextType
  readonly styles: ReadonlySet<string>
  readonly lists: boolean
  readonly blocks: boolean
  readonly rule: boolean
}

function allowed(type: RichTextType): Allowed {
  return {
    type,
    styles: new Set(TEXT_STYLES[type].map((style) => style.value)),
    ...RICH_TEXT_PARTS[type],
  }
}

const ALLOWED: Record<RichTextType, Allowed> = {
  blockContent: allowed('blockContent'),
  postBody: allowed('postBody'),
  slotText: allowed('slotText'),
  inlineText: allowed('inlineText'),
}
const DECORATORS = new Set(['strong', 'em', 'code', 'strike-through'])
/** The blocks beyond text that only a section's or a post's rich text holds. */
const BLOCK_OBJECTS = new Set(['code', 'image', 'table', 'mathBlock', 'htmlEmbed', 'details'])
const LIST_TYPES = new Set(['bullet', 'number'])

/** A text field of a block: '' when absent, undefined (reported) when of another type. */
function stringField(
  ctx: RenderContext,
  record: Record<string, unknown>,
  name: string,
  at: Located,
): string | undefined {
  const value = record[name]
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  warn(ctx, [...at.path, name], `Expected text but found ${describe(value)}; it was ignored.`)
  return undefined
}

/** A required text field: reported as `emptyMessage` when blank, undefined when unusable. */
function requiredText(
  ctx: RenderContext,
  record: Record<string, unknown>,
  name: string,
  at: Located,
  emptyMessage: string,
): string | undefined {
  const value = stringField(ctx, record, name, at)
  if (value === undefined) return undefined
  if (value.trim() === '') {
    warn(ctx, [...at.path, name], emptyMessage)
    return undefined
  }
  return value
}

function blockStyle(
  ctx: RenderContext,
  block: Record<string, unknown>,
  at: Located,
  rules: Allowed,
): string {
  const rawStyle = block['style']
  if (typeof rawStyle === 'string' && rules.styles.has(rawStyle)) return rawStyle
  if (rawStyle !== undefined && rawStyle !== null && rawStyle !== 'normal')
    warn(
      ctx,
      [...at.path, 'style'],
      `Unknown text style ${JSON.stringify(rawStyle)}; written as a normal paragraph.`,
    )
  return 'normal'
}

/** The list settings of a block, where lists are allowed. */
function blockList(
  ctx: RenderContext,
  block: Record<string, unknown>,
  at: Located,
  rules: Allowed,
): Pick<TextBlock, 'listItem' | 'level'> {
  const rawList = block['listItem']
  if (rawList === undefined || rawList === null) return {}
  if (!rules.lists) {
    warn(ctx, [...at.path, 'listItem'], 'A list cannot be placed here; written as one line.')
    return {}
  }
  let listItem = 'bullet'
  if (typeof rawList === 'string' && LIST_TYPES.has(rawList)) listItem = rawList
  else
    warn(
      ctx,
      [...at.path, 'listItem'],
      `Unknown list type ${JSON.stringify(rawList)}; written as a bullet list.`,
    )
  const level = block['level']
  return {
    listItem,
    level: typeof level === 'number' && Number.isInteger(level) && level >= 1 ? level : 1,
  }
}

interface BlockLinks {
  /** The usable link definitions' keys, with the names they are renamed to. */
  names: Map<string, string>
  /**
   * Every definition's key: a mark naming one already reported (unknown annotation,
   * bad link) is not reported again. A set, since a search per mark made a block of
   * 100,000 links quadratic.
   */
  defined: Set<string>
  defs: LinkDef[]
}

/** The usable link definitions of a block, renamed `l0`, `l1`… by their keys. */
function blockLinks(ctx: RenderContext, block: Record<string, unknown>, at: Located): BlockLinks {
  const names = new Map<string, string>()
  const defined = new Set<string>()
  const defs: LinkDef[] = []
  for (const def of readArray(ctx, fieldOf(at, 'markDefs', block['markDefs']))) {
    if (!isRecord(def.value) || typeof def.value['_key'] !== 'string') {
      warn(ctx, def.path, 'A mark definition without a key was ignored.')
      continue
    }
    defined.add(def.value['_key'])
    if (def.value['_type'] !== 'link') {
      warn(
        ctx,
        def.path,
        `Unknown annotation ${JSON.stringify(def.value['_type'])}; its text was kept without it.`,
      )
      continue
    }
    const href = def.value['href']
    if (typeof href !== 'string' || !isSafeHref(href)) {
      warn(
        ctx,
        [...def.path, 'href'],
        `The link address ${JSON.stringify(href ?? null)} is missing or unsafe; the text was kept without the link.`,
      )
      continue
    }
    names.set(def.value['_key'], `l${defs.length}`)
    defs.push({_type: 'link', _key: `l${defs.length}`, href: encodeHref(href)})
  }
  return {names, defined, defs}
}

function spanMarks(ctx: RenderContext, child: Located, links: BlockLinks): string[] {
  const raw = (child.value as Record<string, unknown>)['marks']
  // Most spans carry no marks or only known ones: nothing to report, so no walk.
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return []
  if (Array.isArray(raw) && raw.every((mark) => typeof mark === 'string' && DECORATORS.has(mark)))
    return [...raw] as string[]
  const marks: string[] = []
  for (const mark of readArray(
    ctx,
    fieldOf(child, 'marks', (child.value as Record<string, unknown>)['marks']),
  )) {
    if (typeof mark.value === 'string' && DECORATORS.has(mark.value)) marks.push(mark.value)
    else if (typeof mark.value === 'string' && links.names.has(mark.value)) {
      const local = links.names.get(mark.value)
      if (local !== undefined) marks.push(local)
    } else if (!(typeof mark.value === 'string' && links.defined.has(mark.value)))
      warn(
        ctx,
        mark.path,
        `Unknown mark ${JSON.stringify(mark.value)}; the text was kept without it.`,
      )
  }
  return marks
}

/** A formula, inline HTML or footnote inside text; undefined (reported) when unusable. */
function inlineObject(ctx: RenderContext, child: Located, key: string): InlineObject | undefined {
  const value = child.value as Record<string, unknown>
  switch (value['_type']) {
    case 'mathInline': {
      const tex = value['tex']
      if (typeof tex !== 'string' || tex.trim() === '') {
        warn(ctx, [...child.path, 'tex'], 'An inline formula without LaTeX was left out.')
        return undefined
      }
      const display = value['display']
      if (display !== undefined && display !== null && typeof display !== 'boolean')
        warn(
          ctx,
          [...child.path, 'display'],
          `Expected true or false but found ${describe(display)}; the formula was written inline.`,
        )
      return {_type: 'mathInline', _key: key, tex, display: display === true}
    }
    case 'htmlInline': {
      const html = requiredText(ctx, value, 'html', child, 'Empty inline HTML was left out.')
      return html === undefined ? undefined : {_type: 'htmlInline', _key: key, html}
    }
    case 'footnote': {
      const text = inlineRun(ctx, fieldOf(child, 'text', value['text']))
      if (text === undefined) {
        warn(ctx, [...child.path, 'text'], 'A footnote without text was left out.')
        return undefined
      }
      ctx.footnotes.push(lineMarkdown([text]))
      return {_type: 'footnote', _key: key, number: ctx.footnotes.length}
    }
    default:
      warn(
        ctx,
        child.path,
        `Unknown inline content ${JSON.stringify(value['_type'] ?? null)}; it was left out.`,
      )
      return undefined
  }
}

function cleanChildren(
  ctx: RenderContext,
  block: Record<string, unknown>,
  at: Located,
  links: BlockLinks,
  heading: boolean,
): Inline[] {
  const children: Inline[] = []
  for (const child of readArray(ctx, fieldOf(at, 'children', block['children']))) {
    if (!isRecord(child.value)) {
      warn(ctx, child.path, `Expected text but found ${describe(child.value)}; it was left out.`)
      continue
    }
    const type = child.value['_type']
    const key = `c${children.length}`
    if (type === 'span' || (type === undefined && typeof child.value['text'] === 'string')) {
      const text = child.value['text']
      if (typeof text !== 'string') {
        if (text !== undefined && text !== null)
          warn(
            ctx,
            [...child.path, 'text'],
            `Expected text but found ${describe(text)}; it was left out.`,
          )
        continue
      }
      children.push({
        _type: 'span',
        _key: key,
        text: heading ? text.replace(/[\r\n]+/g, ' ') : text,
        marks: spanMarks(ctx, child, links),
      })
    } else {
      const object = inlineObject(ctx, child, key)
      if (object !== undefined) children.push(object)
    }
  }
  return fixMarkWhitespace(trimBlockLineBreaks(children))
}

function cleanTextBlock(
  ctx: RenderContext,
  block: Record<string, unknown>,
  at: Located,
  key: string,
  rules: Allowed,
): TextBlock | undefined {
  const style = blockStyle(ctx, block, at, rules)
  const list = blockList(ctx, block, at, rules)
  const links = blockLinks(ctx, block, at)
  const children = cleanChildren(ctx, block, at, links, /^h[1-6]$/.test(style))
  if (children.length === 0) return undefined
  return {
    _type: 'block',
    _key: key,
    style,
    ...list,
    ...blockHints(block),
    markDefs: links.defs,
    children,
  }
}

/** How an imported block was written where the reader would see a difference: a list's first number, `_` emphasis. */
function blockHints(
  block: Record<string, unknown>,
): Pick<TextBlock, 'start' | 'emphasis' | 'loose'> {
  const start = block['start']
  return {
    ...(typeof start === 'number' && Number.isInteger(start) && start >= 0 && start !== 1
      ? {start}
      : {}),
    ...(block['emphasis'] === '_' ? {emphasis: '_'} : {}),
    ...(block['loose'] === true ? {loose: true} : {}),
  }
}

/** A line break at the very start or end of a block would render as a stray hard break. */
function trimBlockLineBreaks(children: Inline[]): Inline[] {
  const first = children.findIndex(isVisible)
  const last = children.findLastIndex(isVisible)
  if (first < 0) return []
  const kept =
    first === 0 && last === children.length - 1 ? children : children.slice(first, last + 1)
  // Only a span holding a line break can start or end with one.
  const head = kept[0]
  if (head?._type === 'span' && head.text.includes('\n') && LEADING_BREAK.test(head.text))
    kept[0] = {...head, text: head.text.replace(LEADING_BREAK, '')}
  const tail = kept[kept.length - 1]
  if (tail?._type === 'span' && tail.text.includes('\n') && TRAILING_BREAK.test(tail.text))
    kept[kept.length - 1] = {...tail, text: tail.text.replace(TRAILING_BREAK, '')}
  return kept
}

function isVisible(child: Inline): boolean {
  return child._type !== 'span' || VISIBLE.test(child.text)
}

const VISIBLE = /\S/
const LEADING_BREAK = /^\s*\n/
const TRAILING_BREAK = /\n\s*$/

/**
 * `**bold **next` renders literally, and an empty marked span becomes `****`
 * (a rule). Whitespace at the edge of a mark run therefore moves out of the
 * marks that begin or end there, and empty spans are dropped.
 */
export function fixMarkWhitespace(children: Inline[]): Inline[] {
  if (children.every(isSettled)) return children
  const nonEmpty = children.filter((child) => child._type !== 'span' || child.text !== '')
  const out: Inline[] = []
  nonEmpty.forEach((child, index) => {
    if (child._type !== 'span' || child.marks.length === 0) {
      out.push(child)
      return
    }
    const prev = nonEmpty[index - 1]
    const next = nonEmpty[index + 1]
    const prevMarks = prev?._type === 'span' ? prev.marks : []
    const nextMarks = next?._type === 'span' ? next.marks : []
    const keepBefore = child.marks.filter((m) => prevMarks.includes(m))
    const keepAfter = child.marks.filter((m) => nextMarks.includes(m))
    const lead = /^\s*/.exec(child.text)?.[0] ?? ''
    const core = child.text.slice(lead.length).trimEnd()
    const trail = child.text.slice(lead.length + core.length)
    if (core === '') {
      out.push({...child, marks: keepBefore.filter((m) => keepAfter.includes(m))})
      return
    }
    if (lead) out.push({...child, _key: `${child._key}a`, text: lead, marks: keepBefore})
    out.push({...child, text: core})
    if (trail) out.push({...child, _key: `${child._key}z`, text: trail, marks: keepAfter})
  })
  return out
}

/** A span with text, and marks that neither start nor end at whitespace: nothing to fix. */
function isSettled(child: Inline): boolean {
  if (child._type !== 'span') return true
  if (child.text === '') return false
  if (child.marks.length === 0) return true
  return !EDGE_SPACE.test(child.text)
}

const EDGE_SPACE = /^\s|\s$/

/** A body table's rows; its cells are markdown as written, one line each. */
function cleanTable(ctx: RenderContext, value: Record<string, unknown>, at: Located): string[][] {
  const rows: string[][] = []
  for (const row of readArray(ctx, fieldOf(at, 'rows', value['rows']))) {
    if (!isRecord(row.value)) {
      warn(ctx, row.path, `Expected a table row but found ${describe(row.value)}; it was left out.`)
      continue
    }
    const cells = readArray(ctx, fieldOf(row, 'cells', row.value['cells'])).map((cell) => {
      if (cell.value === undefined || cell.value === null) return ''
      if (typeof cell.value === 'string') return cell.value
      warn(
        ctx,
        cell.path,
        `Expected text but found ${describe(cell.value)}; the cell was left empty.`,
      )
      return ''
    })
    rows.push(cells)
  }
  return rows
}

function cleanImage(
  ctx: RenderContext,
  value: Record<string, unknown>,
  item: Located,
  key: string,
): ObjectNode | undefined {
  const external = typeof value['url'] === 'string' ? value['url'].trim() : ''
  const hasAsset = value['asset'] !== undefined || value['_sanityAsset'] !== undefined
  let src: string | undefined
  if (external !== '' && !hasAsset) {
    if (isSafeHref(external)) src = encodeHref(external)
    else
      warn(ctx, [...item.path, 'url'], 'The image address is not a web address; it was left out.')
  } else src = placeImage(ctx, item)
  if (src === undefined) return undefined
  const alt = stringField(ctx, value, 'alt', item) ?? ''
  if (alt.trim() === '')
    warn(
      ctx,
      [...item.path, 'alt'],
      'The image has no alternative text; readers using screen readers will miss it.',
    )
  return {
    _type: 'image',
    _key: key,
    src,
    alt,
    caption: stringField(ctx, value, 'caption', item) ?? '',
    title: stringField(ctx, value, 'title', item) ?? '',
  }
}

/** A block object (code, image, table…), or undefined (reported) when unusable. */
function cleanObject(
  ctx: RenderContext,
  value: Record<string, unknown>,
  item: Located,
  key: string,
  rules: Allowed,
): ObjectNode | undefined {
  switch (value['_type']) {
    case 'code': {
      const code = requiredText(ctx, value, 'code', item, 'An empty code block was left out.')
      if (code === undefined) return undefined
      return {
        _type: 'code',
        _key: key,
        code,
        language: stringField(ctx, value, 'language', item) ?? '',
        filename: stringField(ctx, value, 'filename', item) ?? '',
      }
    }
    case 'image':
      return cleanImage(ctx, value, item, key)
    case 'table': {
      const rows = cleanTable(ctx, value, item)
      if (!rows.some((row) => row.some((cell) => cell.trim() !== ''))) {
        warn(ctx, item.path, 'The table is empty; it was left out.')
        return undefined
      }
      return {_type: 'table', _key: key, rows}
    }
    case 'mathBlock': {
      const tex = requiredText(ctx, value, 'tex', item, 'A formula without LaTeX was left out.')
      return tex === undefined ? undefined : {_type: 'mathBlock', _key: key, tex}
    }
    case 'htmlEmbed': {
      const html = requiredText(ctx, value, 'html', item, 'An empty HTML embed was left out.')
      if (html === undefined) return undefined
      if (/\{\{[<%]/.test(html))
        warn(
          ctx,
          [...item.path, 'html'],
          'The HTML contains "{{<" or "{{%", which Hugo would run as a shortcode; the "<" or "%" was written as an HTML entity.',
        )
      return {_type: 'htmlEmbed', _key: key, html}
    }
    case 'details': {
      const summary = stringField(ctx, value, 'summary', item) ?? ''
      const body = clean(ctx, fieldOf(item, 'body', value['body']), ALLOWED.blockContent)
      if (summary.trim() === '' && body.length === 0) {
        warn(ctx, item.path, 'An empty fold-out was left out.')
        return undefined
      }
      return {_type: 'details', _key: key, summary, open: value['open'] === true, body}
    }
    case 'horizontalRule':
      if (rules.rule) return {_type: 'horizontalRule', _key: key}
      warn(ctx, item.path, 'A horizontal line cannot be placed here; it was left out of the post.')
      return undefined
    default:
      warn(
        ctx,
        item.path,
        typeof value['_type'] === 'string'
          ? `Unknown block type ${JSON.stringify(value['_type'])}; it was left out of the post.`
          : 'Expected a block but found an object without a type; it was left out.',
      )
      return undefined
  }
}

function clean(ctx: RenderContext, at: Located, rules: Allowed): CleanNode[] {
  const nodes: CleanNode[] = []
  for (const item of readArray(ctx, at)) {
    const key = `n${nodes.length}`
    if (!isRecord(item.value)) {
      warn(ctx, item.path, `Expected a block but found ${describe(item.value)}; it was left out.`)
      continue
    }
    const value = item.value
    if (value['_type'] === 'block') {
      const block = cleanTextBlock(ctx, value, item, key, rules)
      if (block) nodes.push(block)
      continue
    }
    if (!rules.blocks && typeof value['_type'] === 'string' && BLOCK_OBJECTS.has(value['_type'])) {
      warn(
        ctx,
        item.path,
        `A "${value['_type']}" block cannot be placed in this field; it was left out of the post.`,
      )
      continue
    }
    const object = cleanObject(ctx, value, item, key, rules)
    if (object) nodes.push(object)
  }
  return nodes
}

/** Every ASCII punctuation character backslash-escaped, so Goldmark hands the LaTeX to MathJax unchanged. */
export function escapeTexInline(tex: string): string {
  return foldLines(tex).replace(/[!-/:-@[-`{-~]/g, '\\$&')
}

/**
 * Display math as a raw HTML block, which Goldmark passes through untouched.
 * A blank line would end the HTML block, so blank lines are dropped.
 */
export function mathBlock(tex: string): string {
  const lines = tex
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
  return ['<div class="math">', '$$', ...lines.map(escapeHtmlText), '$$', '</div>'].join('\n')
}

/** `[` and `]` that are not already escaped, for text inside link or image brackets. */
export function escapeBrackets(markdown: string): string {
  if (!/[[\]\\]/.test(markdown)) return markdown
  let out = ''
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]
    if (c === '\\') {
      out += c + (markdown[i + 1] ?? '')
      i++
    } else if (c === '[' || c === ']') out += `\\${c}`
    else out += c
  }
  return out
}

/** A link or image title in double quotes, which ends at an unescaped `"`. */
function linkTitle(title: string): string {
  const folded = foldLines(title)
  return folded === '' ? '' : ` "${folded.replace(/[\\"]/g, '\\$&')}"`
}

export function imageMarkdown(src: string, alt: string, caption: string, title = ''): string {
  const image = `![${escapeBrackets(altText(alt))}](${src}${linkTitle(title)})`
  const captionText = emphasized(inlineText(caption), '*')
  return captionText ? `${image}\n\n${captionText}` : image
}

/** A table whose cells are markdown already, one line each, with `|` already escaped. */
export function tableMarkdown(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  let width = header.length
  for (const row of rows) width = Math.max(width, row.length)
  const cells = (row: readonly string[]) => {
    const out: string[] = []
    for (let i = 0; i < width; i++) out.push(row[i] ?? '')
    return out
  }
  const line = (texts: readonly string[]) => `| ${texts.join(' | ')} |`
  const headerCells = cells(header)
  // Dashes as wide as the header cell, the way the archetype writes its tables.
  const rule = headerCells.map((cell) => '-'.repeat(Math.max(3, cell.length + 2)))
  let out = `${line(headerCells)}\n|${rule.join('|')}|`
  for (const row of rows) out += `\n${line(cells(row))}`
  return out
}

/**
 * A body table's cell, written as the markdown it holds: on one line (a line
 * break becomes `<br>`), with `|` escaped and Hugo's shortcode openers made
 * harmless.
 */
export function markdownCell(cell: string): string {
  return escapeShortcodes(
    cell
      .trim()
      .replace(/\s*\r?\n\s*/g, '<br>')
      .replace(/(^|[^\\])((?:\\\\)*)\|/g, '$1$2\\|'),
  )
}

function detailsMarkdown(
  node: Extract<ObjectNode, {_type: 'details'}>,
  inner: (nodes: CleanNode[]) => string,
): string {
  const open = node.open ? '<details open>' : '<details>'
  const summary = foldLines(node.summary)
  const head = summary === '' ? open : `${open}\n<summary>${escapeHtmlText(summary)}</summary>`
  const body = inner(node.body)
  return body === '' ? `${head}\n\n</details>` : `${head}\n\n${body}\n\n</details>`
}

function objectMarkdown(node: ObjectNode, inner: (nodes: CleanNode[]) => string): string {
  switch (node._type) {
    case 'code': {
      const block = codeBlock(node.code, node.language)
      return node.filename.trim() ? `${codeSpan(node.filename.trim())}\n\n${block}` : block
    }
    case 'image':
      return imageMarkdown(node.src, node.alt, node.caption, node.title)
    case 'table': {
      const [header = [], ...rows] = node.rows
      return tableMarkdown(
        header.map(markdownCell),
        rows.map((row) => row.map(markdownCell)),
      )
    }
    case 'mathBlock':
      return mathBlock(node.tex)
    case 'htmlEmbed':
      return htmlBlock(node.html)
    case 'horizontalRule':
      return '---'
    case 'details':
      return detailsMarkdown(node, inner)
  }
}

/** HTML written as it is, but for Hugo's shortcode openers, which become entities. */
function rawHtml(html: string): string {
  return html.replace(/\{\{</g, '{{&lt;').replace(/\{\{%/g, '{{&#37;')
}

function inlineObjectMarkdown(object: InlineObject): string {
  switch (object._type) {
    case 'mathInline': {
      const delimiter = object.display ? '$$' : '$'
      return `${delimiter}${escapeTexInline(object.tex)}${delimiter}`
    }
    case 'htmlInline':
      return rawHtml(foldLines(object.html))
    case 'footnote':
      return `[^${object.number}]`
  }
}

const HARD_BREAK = '\\\n'

/** How a field's markdown is written where it lands. */
export interface Placement {
  /** A hard line break: `\` and a newline in a block, `<br>` in a table cell. */
  readonly hardBreak: string
}

const IN_BLOCKS: Placement = {hardBreak: HARD_BREAK}
const IN_CELL: Placement = {hardBreak: '<br>'}

/** The markdown library over one block, with our renderers; its number and depth in its list can be given. */
function libraryBlock(
  block: TextBlock,
  lt: string,
  list: ListPosition | undefined,
  placement: Placement,
): string {
  return portableTextToMarkdown([block], {
    types: {
      mathInline: ({value}) => inlineObjectMarkdown(value as InlineObject),
      htmlInline: ({value}) => inlineObjectMarkdown(value as InlineObject),
      footnote: ({value}) => inlineObjectMarkdown(value as InlineObject),
    },
    marks: {
      // `*`, not the library's `_`: it also works inside a word, and Hugo keeps a
      // heading's `_` in its anchor.
      em: (props) => markerRun(props, block.emphasis ?? '*'),
      strong: (props) => markerRun(props, '**'),
      'strike-through': (props) => markerRun(props, '~~'),
      code: ({text}) => codeSpan(text.replaceAll(lt, '<')),
      link: ({children, value}) => {
        const href = isRecord(value) && typeof value['href'] === 'string' ? value['href'] : ''
        return `[${children}](${href})`
      },
    },
    // A block rendered on its own would be item 1 at depth 0; it gets its place in the whole
    // list. An item of a heading or quote style had its text made safe by its style already.
    listItem: (props) =>
      DefaultListItemRenderer({
        ...props,
        ...(list === undefined ? {} : {listIndex: list.index, listDepth: list.depth}),
        ...(props.children !== undefined && (props.value.style ?? 'normal') === 'normal'
          ? {children: goldmarkSafe(props.children, false)}
          : {}),
      }),
    hardBreak: () => placement.hardBreak,
    block: GOLDMARK_SAFE_STYLES,
  })
}

/**
 * A marked run between its markers, its edges escaped where its text would merge with
 * them (`emphasized`); an edge that is a nested mark's marker differs from the text's.
 */
function markerRun({children, text}: {children: string; text: string}, marker: string): string {
  if (children === '') return `${marker}${marker}`
  return emphasized(children, marker, {
    lead: children[0] === text[0],
    tail: children.at(-1) === text.at(-1),
  })
}

/** The library's block styles, each given its inline markdown made `goldmarkSafe`. */
const GOLDMARK_SAFE_STYLES: Record<string, PortableTextBlockRenderer> = Object.fromEntries(
  Object.entries({
    normal: DefaultNormalRenderer,
    blockquote: DefaultBlockquoteRenderer,
    h1: DefaultH1Renderer,
    h2: DefaultH2Renderer,
    h3: DefaultH3Renderer,
    h4: DefaultH4Renderer,
    h5: DefaultH5Renderer,
    h6: DefaultH6Renderer,
  }).map(([style, render]): [string, PortableTextBlockRenderer] => [
    style,
    (props) =>
      props.children === undefined
        ? render(props)
        : render({...props, children: goldmarkSafe(props.children, style.startsWith('h'))}),
  ]),
)

/** Which serializer writes text blocks; the library alone is kept for the tests to compare against. */
export type Serializer = 'plain-when-possible' | 'library'

/** Every text a cleaned field writes into the markdown. */
function writtenTexts(cleaned: readonly CleanNode[], texts: string[] = []): string[] {
  for (const node of cleaned) {
    switch (node._type) {
      case 'block':
        for (const child of node.children)
          if (child._type === 'span') texts.push(child.text)
          else if (child._type === 'mathInline') texts.push(child.tex)
          else if (child._type === 'htmlInline') texts.push(child.html)
        for (const def of node.markDefs) texts.push(def.href)
        break
      case 'code':
        texts.push(node.code, node.language, node.filename)
        break
      case 'image':
        texts.push(node.src, node.alt, node.caption, node.title)
        break
      case 'table':
        for (const row of node.rows) texts.push(...row)
        break
      case 'mathBlock':
        texts.push(node.tex)
        break
      case 'htmlEmbed':
        texts.push(node.html)
        break
      case 'details':
        texts.push(node.summary)
        writtenTexts(node.body, texts)
        break
      case 'horizontalRule':
        break
    }
  }
  return texts
}

/**
 * The spans of blocks at any depth as the page shows them: text outside code written
 * for MathJax (see `mathJaxText`), and a text `<` swapped for the stand-in.
 */
function pageText(nodes: readonly CleanNode[], lt: string | undefined): CleanNode[] {
  return nodes.map((node) => {
    if (node._type === 'details') return {...node, body: pageText(node.body, lt)}
    if (node._type !== 'block') return node
    return {
      ...node,
      children: node.children.map((c) => {
        if (c._type !== 'span') return c
        const text = c.marks.includes('code') ? c.text : mathJaxText(c.text)
        return {...c, text: lt === undefined ? text : text.replace(OPENS_MARKUP, lt)}
      }),
    }
  })
}

/** Cleaned rich text as markdown. */
export function cleanMarkdown(
  cleaned: CleanNode[],
  placement: Placement = IN_BLOCKS,
  serializer: Serializer = 'plain-when-possible',
  tally?: Tally,
  positions?: readonly (ListPosition | undefined)[],
): string {
  if (cleaned.length === 0) return ''
  // Text with no tag-like `<` needs no stand-in, and text with no `$` or `\` nothing
  // for MathJax: most fields have neither.
  const swap = someSpan(cleaned, hasMarkupLt)
  // The stand-in is turned back into `\<` wherever it appears in the output, so it
  // must be absent from everything the field writes (code, formulas, embeds, cells,
  // addresses), not only from its prose.
  const lt = swap ? ltStandIn(writtenTexts(cleaned)) : NO_STAND_IN
  const render = renderersFor(lt, placement, serializer === 'plain-when-possible', tally)
  const page =
    swap || someSpan(cleaned, hasMathJaxSyntax) ? pageText(cleaned, swap ? lt : undefined) : cleaned
  const markdown = render(page, positions)
  // Code, math and HTML that contain a shortcode opener were written with
  // entities above, so whatever "{{<" is left is text, where "{{\<" is safe.
  return escapeShortcodes(swap ? markdown.replaceAll(lt, '\\<') : markdown)
}

/** Used when no text is swapped: never searched for, so it need not be absent from the text. */
const NO_STAND_IN = '\uE000'

/** Whether some span's text, at any depth, passes `test`. */
function someSpan(nodes: readonly CleanNode[], test: (text: string) => boolean): boolean {
  return nodes.some((node) =>
    node._type === 'details'
      ? someSpan(node.body, test)
      : node._type === 'block' &&
        node.children.some((child) => child._type === 'span' && test(child.text)),
  )
}

/** A `<` that could open a tag or an autolink. */
const hasMarkupLt = (text: string) => text.includes('<') && /<\S/.test(text)
const hasMathJaxSyntax = (text: string) => text.includes('$') || text.includes('\\')

type BlocksRenderer = (
  nodes: readonly CleanNode[],
  positions?: readonly (ListPosition | undefined)[],
) => string

/** The renderers for each placement without a stand-in, made once: a post renders hundreds of fields. */
const renderersCache = new Map<Placement, BlocksRenderer>()

function renderersFor(
  lt: string,
  placement: Placement,
  plainWhenPossible: boolean,
  tally: Tally | undefined,
): BlocksRenderer {
  const shared = tally === undefined && lt === NO_STAND_IN && plainWhenPossible
  const cached = shared ? renderersCache.get(placement) : undefined
  if (cached !== undefined) return cached
  const renderers: Renderers = {
    code: (text) => codeSpan(text.replaceAll(lt, '<')),
    link: (children, href) => `[${children}](${href})`,
    inline: inlineObjectMarkdown,
    hardBreak: placement.hardBreak,
    blockText: goldmarkSafe,
    object: (node) => objectMarkdown(node, (inner) => render(inner)),
    library: (block, list) => libraryBlock(block, lt, list, placement),
  }
  const render: BlocksRenderer = (nodes, positions) =>
    blocksMarkdown(nodes, renderers, tally, plainWhenPossible, positions)
  // The tests' tally and serializer are per call; stand-ins are rare enough not to be kept.
  if (shared) renderersCache.set(placement, render)
  return render
}

/** A rich-text field of the given schema type, cleaned; [] when it holds nothing renderable. */
export function cleanRichText(ctx: RenderContext, at: Located, type: RichTextType): CleanNode[] {
  return clean(ctx, at, ALLOWED[type])
}

/** Rich text of the given schema type as markdown, or '' when it holds nothing renderable. */
export function renderPortableText(
  ctx: RenderContext,
  at: Located,
  type: RichTextType,
  serializer: Serializer = 'plain-when-possible',
  tally?: Tally,
): string {
  // Only line breaks: JS trim() also strips no-break spaces, which can be what
  // keeps a leading ">" or "1." from starting a quote or a list.
  return cleanMarkdown(clean(ctx, at, ALLOWED[type]), IN_BLOCKS, serializer, tally).replace(
    /^\n+|\n+$/g,
    '',
  )
}

// ---- One line of rich text, composed into the archetype's lines ----

/** Formatted text on one line: a one-line field's content, or fixed words around it. */
export interface Run {
  readonly children: readonly Inline[]
  readonly markDefs: readonly LinkDef[]
  readonly emphasis?: '_'
}

/** Fixed words, as a run. */
export function plainRun(text: string, marks: readonly string[] = []): Run {
  return {children: [{_type: 'span', _key: 't', text, marks: [...marks]}], markDefs: []}
}

/**
 * The text of a rich-text field as one run: its blocks joined by line breaks.
 * Undefined when it holds nothing renderable.
 */
export function inlineRun(ctx: RenderContext, at: Located): Run | undefined {
  const plain = plainSpans(at.value)
  if (plain !== undefined) {
    const children = fixMarkWhitespace(trimBlockLineBreaks(plain))
    return children.length === 0 ? undefined : {children, markDefs: []}
  }
  const blocks = clean(ctx, at, ALLOWED.inlineText)
  const children: Inline[] = []
  const markDefs: LinkDef[] = []
  let emphasis: '_' | undefined
  for (const block of blocks) {
    if (block._type !== 'block') continue
    emphasis ??= block.emphasis
    if (children.length > 0) children.push({_type: 'span', _key: 'br', text: '\n', marks: []})
    if (block.markDefs.length === 0) {
      children.push(...block.children)
      continue
    }
    const rename = renamer(block.markDefs, markDefs)
    for (const child of block.children)
      children.push(child._type === 'span' ? {...child, marks: child.marks.map(rename)} : child)
  }
  if (children.length === 0) return undefined
  return emphasis === undefined ? {children, markDefs} : {children, markDefs, emphasis}
}

/**
 * The spans of a one-line field that is one paragraph of plain, unmarked text,
 * the most common value by far; undefined for anything else, which `clean`
 * reads (and reports on) in full. Both give the same run for such a value.
 */
function plainSpans(value: unknown): Span[] | undefined {
  if (!Array.isArray(value) || value.length !== 1) return undefined
  const block: unknown = value[0]
  if (!isRecord(block) || block['_type'] !== 'block') return undefined
  const {style, listItem, markDefs, children} = block
  if (style !== undefined && style !== 'normal') return undefined
  if (listItem !== undefined && listItem !== null) return undefined
  if (markDefs !== undefined && !(Array.isArray(markDefs) && markDefs.length === 0))
    return undefined
  if (!Array.isArray(children)) return undefined
  const spans: Span[] = []
  for (const child of children) {
    if (!isRecord(child) || child['_type'] !== 'span' || typeof child['text'] !== 'string')
      return undefined
    const marks = child['marks']
    if (!Array.isArray(marks) || marks.length !== 0) return undefined
    // Checked to be a span with text and no marks: it is used as it is.
    spans.push(child as unknown as Span)
  }
  return spans
}

/** Gives `defs` fresh keys after those already in `into`, and adds them to it. */
function renamer(defs: readonly LinkDef[], into: LinkDef[]): (mark: string) => string {
  const names = new Map<string, string>()
  for (const def of defs) {
    const key = `l${into.length}`
    names.set(def._key, key)
    into.push({...def, _key: key})
  }
  return (mark) => names.get(mark) ?? mark
}

/** Adds a mark (e.g. `strong` for a bold name) to every span of a run. */
export function marked(run: Run, mark: string): Run {
  return {
    ...run,
    children: run.children.map((child) =>
      child._type === 'span' && !child.marks.includes(mark)
        ? {...child, marks: [mark, ...child.marks]}
        : child,
    ),
  }
}

/** A run linked, as a whole, to an address already checked and encoded. */
export function linked(run: Run, href: string): Run {
  const key = `l${run.markDefs.length}`
  return {
    ...run,
    markDefs: [...run.markDefs, {_type: 'link', _key: key, href}],
    children: run.children.map((child) =>
      child._type === 'span' ? {...child, marks: [...child.marks, key]} : child,
    ),
  }
}

/** Runs one after another, as one text block of the given style and list settings. */
export function composeBlock(
  runs: readonly Run[],
  shape: Pick<TextBlock, 'style' | 'listItem' | 'level'> = NORMAL,
): TextBlock {
  const children: Inline[] = []
  const markDefs: LinkDef[] = []
  let emphasis: '_' | undefined
  for (const run of runs) {
    emphasis ??= run.emphasis
    // Keys are not read by the serializers; only link marks must stay unique.
    if (run.markDefs.length === 0) {
      for (const child of run.children) children.push(child)
      continue
    }
    const rename = renamer(run.markDefs, markDefs)
    for (const child of run.children)
      children.push(child._type === 'span' ? {...child, marks: child.marks.map(rename)} : child)
  }
  const block: TextBlock = {
    _type: 'block',
    _key: 'line',
    style: shape.style,
    markDefs,
    children: fixMarkWhitespace(children),
  }
  if (shape.listItem !== undefined) block.listItem = shape.listItem
  if (shape.level !== undefined) block.level = shape.level
  if (emphasis !== undefined) block.emphasis = emphasis
  return block
}

const NORMAL = {style: 'normal'} as const

/**
 * Runs as one line of the given shape: a paragraph, a heading, or a top-level
 * item at its place in a list. Plain words and bold labels are written
 * directly, anything else as the block they compose; both write the same bytes.
 */
export function lineMarkdown(
  runs: readonly Run[],
  shape: Pick<TextBlock, 'style' | 'listItem' | 'level'> = NORMAL,
  list?: ListPosition,
  placement: Placement = IN_BLOCKS,
): string {
  const children = runs.length === 1 ? (runs[0]?.children ?? []) : runs.flatMap((r) => r.children)
  const marker =
    shape.listItem === undefined
      ? undefined
      : shape.listItem === 'number'
        ? `${list?.index ?? 1}. `
        : '- '
  if (list === undefined || list.depth === 0) {
    const direct = directLine(children, shape.style, marker)
    if (direct !== undefined) return escapeShortcodes(direct)
  }
  return cleanMarkdown([composeBlock(runs, shape)], placement, undefined, undefined, [list])
}

/** A run as a table cell: on one line, with `|` escaped. */
export function cellMarkdown(run: Run): string {
  return lineMarkdown([run], NORMAL, undefined, IN_CELL).replace(/\|/g, '\\|')
}

/** Plain text as a table cell, the way an un-migrated cell is written. */
export {cellText}
