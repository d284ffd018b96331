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
import {type RichTextType, TEXT_STYLES} from '../../schemas/constants.ts'
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
  type ListPosition,
  type MathInline,
  type ObjectNode,
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
 * Rich text (the schema's blockContent or postBody) → markdown. Two passes:
 * `clean` turns whatever the document holds into well-formed Portable Text
 * (reporting and dropping what it cannot use, working around the library's
 * known faults), and the markdown library renders it with our renderers for
 * the custom types. The input is never mutated: `clean` builds new objects.
 */

/** What each rich-text type may hold beyond the members they share. */
interface Allowed {
  readonly styles: ReadonlySet<string>
  readonly horizontalRule: boolean
}

const ALLOWED: Record<RichTextType, Allowed> = {
  blockContent: {
    styles: new Set(TEXT_STYLES.blockContent.map((style) => style.value)),
    horizontalRule: false,
  },
  postBody: {
    styles: new Set(TEXT_STYLES.postBody.map((style) => style.value)),
    horizontalRule: true,
  },
}
const DECORATORS = new Set(['strong', 'em', 'code', 'strike-through'])
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

function cleanTextBlock(
  ctx: RenderContext,
  block: Record<string, unknown>,
  at: Located,
  key: string,
  allowed: Allowed,
): TextBlock | undefined {
  let style = 'normal'
  const rawStyle = block['style']
  if (typeof rawStyle === 'string' && allowed.styles.has(rawStyle)) style = rawStyle
  else if (rawStyle !== undefined && rawStyle !== null)
    warn(
      ctx,
      [...at.path, 'style'],
      `Unknown text style ${JSON.stringify(rawStyle)}; written as a normal paragraph.`,
    )
  const heading = /^h[1-6]$/.test(style)

  const result: TextBlock = {_type: 'block', _key: key, style, markDefs: [], children: []}
  const rawList = block['listItem']
  if (rawList !== undefined && rawList !== null) {
    if (typeof rawList === 'string' && LIST_TYPES.has(rawList)) result.listItem = rawList
    else {
      warn(
        ctx,
        [...at.path, 'listItem'],
        `Unknown list type ${JSON.stringify(rawList)}; written as a bullet list.`,
      )
      result.listItem = 'bullet'
    }
    const level = block['level']
    result.level = typeof level === 'number' && Number.isInteger(level) && level >= 1 ? level : 1
  }

  const links = new Map<string, string>()
  // A mark naming a definition already reported (unknown annotation, bad link) is not reported again.
  const defined = new Set<string>()
  for (const def of readArray(ctx, fieldOf(at, 'markDefs', block['markDefs']))) {
    if (!isRecord(def.value) || typeof def.value['_key'] !== 'string') {
      warn(ctx, def.path, 'A mark definition without a key was ignored.')
      continue
    }
    const markKey = def.value['_key']
    defined.add(markKey)
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
    links.set(markKey, `l${links.size}`)
    result.markDefs.push({_type: 'link', _key: `l${links.size - 1}`, href: encodeHref(href)})
  }

  const rawChildren = block['children']
  for (const child of readArray(ctx, fieldOf(at, 'children', rawChildren))) {
    if (!isRecord(child.value)) {
      warn(ctx, child.path, `Expected text but found ${describe(child.value)}; it was left out.`)
      continue
    }
    const type = child.value['_type']
    const childKey = `c${result.children.length}`
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
      const marks: string[] = []
      for (const mark of readArray(ctx, fieldOf(child, 'marks', child.value['marks']))) {
        if (typeof mark.value === 'string' && DECORATORS.has(mark.value)) marks.push(mark.value)
        else if (typeof mark.value === 'string' && links.has(mark.value)) {
          const local = links.get(mark.value)
          if (local !== undefined) marks.push(local)
        } else if (!(typeof mark.value === 'string' && defined.has(mark.value)))
          warn(
            ctx,
            mark.path,
            `Unknown mark ${JSON.stringify(mark.value)}; the text was kept without it.`,
          )
      }
      result.children.push({
        _type: 'span',
        _key: childKey,
        text: heading ? text.replace(/[\r\n]+/g, ' ') : text,
        marks,
      })
    } else if (type === 'mathInline') {
      const tex = child.value['tex']
      if (typeof tex !== 'string' || tex.trim() === '') {
        warn(ctx, [...child.path, 'tex'], 'An inline formula without LaTeX was left out.')
        continue
      }
      const display = child.value['display']
      if (display !== undefined && display !== null && typeof display !== 'boolean')
        warn(
          ctx,
          [...child.path, 'display'],
          `Expected true or false but found ${describe(display)}; the formula was written inline.`,
        )
      result.children.push({_type: 'mathInline', _key: childKey, tex, display: display === true})
    } else {
      warn(
        ctx,
        child.path,
        `Unknown inline content ${JSON.stringify(type ?? null)}; it was left out.`,
      )
    }
  }
  result.children = fixMarkWhitespace(trimBlockLineBreaks(result.children))
  return result.children.length > 0 ? result : undefined
}

/** A line break at the very start or end of a block would render as a stray hard break. */
function trimBlockLineBreaks(children: (Span | MathInline)[]): (Span | MathInline)[] {
  const out = [...children]
  const first = out.findIndex((c) => c._type !== 'span' || c.text.trim() !== '')
  const last = out.findLastIndex((c) => c._type !== 'span' || c.text.trim() !== '')
  if (first < 0) return []
  const kept = out.slice(first, last + 1)
  const head = kept[0]
  if (head?._type === 'span') kept[0] = {...head, text: head.text.replace(/^\s*\n/, '')}
  const tail = kept[kept.length - 1]
  if (tail?._type === 'span')
    kept[kept.length - 1] = {...tail, text: tail.text.replace(/\n\s*$/, '')}
  return kept
}

/**
 * `**bold **next` renders literally, and an empty marked span becomes `****`
 * (a rule). Whitespace at the edge of a mark run therefore moves out of the
 * marks that begin or end there, and empty spans are dropped.
 */
export function fixMarkWhitespace(children: (Span | MathInline)[]): (Span | MathInline)[] {
  const nonEmpty = children.filter((child) => child._type !== 'span' || child.text !== '')
  const out: (Span | MathInline)[] = []
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

function clean(ctx: RenderContext, at: Located, allowed: Allowed): CleanNode[] {
  const nodes: CleanNode[] = []
  for (const item of readArray(ctx, at)) {
    const key = `n${nodes.length}`
    if (!isRecord(item.value)) {
      warn(ctx, item.path, `Expected a block but found ${describe(item.value)}; it was left out.`)
      continue
    }
    const value = item.value
    const type = value['_type']
    switch (type) {
      case 'block': {
        const block = cleanTextBlock(ctx, value, item, key, allowed)
        if (block) nodes.push(block)
        break
      }
      case 'code': {
        const code = requiredText(ctx, value, 'code', item, 'An empty code block was left out.')
        if (code === undefined) break
        nodes.push({
          _type: 'code',
          _key: key,
          code,
          language: stringField(ctx, value, 'language', item) ?? '',
          filename: stringField(ctx, value, 'filename', item) ?? '',
        })
        break
      }
      case 'image': {
        const src = placeImage(ctx, item)
        if (src === undefined) break
        const alt = stringField(ctx, value, 'alt', item) ?? ''
        if (alt.trim() === '')
          warn(
            ctx,
            [...item.path, 'alt'],
            'The image has no alternative text; readers using screen readers will miss it.',
          )
        nodes.push({
          _type: 'image',
          _key: key,
          src,
          alt,
          caption: stringField(ctx, value, 'caption', item) ?? '',
        })
        break
      }
      case 'table': {
        const rows = cleanTable(ctx, value, item)
        if (!rows.some((row) => row.some((cell) => cell.trim() !== ''))) {
          warn(ctx, item.path, 'The table is empty; it was left out.')
          break
        }
        nodes.push({_type: 'table', _key: key, rows})
        break
      }
      case 'mathBlock': {
        const tex = requiredText(ctx, value, 'tex', item, 'A formula without LaTeX was left out.')
        if (tex === undefined) break
        nodes.push({_type: 'mathBlock', _key: key, tex})
        break
      }
      case 'htmlEmbed': {
        const html = requiredText(ctx, value, 'html', item, 'An empty HTML embed was left out.')
        if (html === undefined) break
        if (/\{\{[<%]/.test(html))
          warn(
            ctx,
            [...item.path, 'html'],
            'The HTML contains "{{<" or "{{%", which Hugo would run as a shortcode; the "<" or "%" was written as an HTML entity.',
          )
        nodes.push({_type: 'htmlEmbed', _key: key, html})
        break
      }
      case 'horizontalRule':
        if (allowed.horizontalRule) {
          nodes.push({_type: 'horizontalRule', _key: key})
          break
        }
        warn(
          ctx,
          item.path,
          'A horizontal line cannot be placed here; it was left out of the post.',
        )
        break
      default:
        warn(
          ctx,
          item.path,
          `Unknown block type ${JSON.stringify(type ?? null)}; it was left out of the post.`,
        )
    }
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

export function imageMarkdown(src: string, alt: string, caption: string): string {
  const image = `![${escapeBrackets(altText(alt))}](${src})`
  const captionText = emphasized(inlineText(caption), '*')
  return captionText ? `${image}\n\n${captionText}` : image
}

export function tableMarkdown(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  let width = header.length
  for (const row of rows) width = Math.max(width, row.length)
  const cells = (row: readonly string[]) => {
    const out: string[] = []
    for (let i = 0; i < width; i++) out.push(cellText(row[i] ?? ''))
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

function objectMarkdown(node: ObjectNode): string {
  switch (node._type) {
    case 'code': {
      const block = codeBlock(node.code, node.language)
      return node.filename.trim() ? `${codeSpan(node.filename.trim())}\n\n${block}` : block
    }
    case 'image':
      return imageMarkdown(node.src, node.alt, node.caption)
    case 'table': {
      const [header = [], ...rows] = node.rows
      return tableMarkdown(header, rows)
    }
    case 'mathBlock':
      return mathBlock(node.tex)
    case 'htmlEmbed':
      return htmlBlock(node.html)
    case 'horizontalRule':
      return '---'
  }
}

function mathInlineMarkdown(math: MathInline): string {
  const delimiter = math.display ? '$$' : '$'
  return `${delimiter}${escapeTexInline(math.tex)}${delimiter}`
}

const HARD_BREAK = '\\\n'

/** The markdown library over `nodes`, with our renderers; a list item's number and depth can be given. */
function libraryMarkdown(
  nodes: CleanNode[],
  lt: string,
  list: ListPosition | undefined = undefined,
): string {
  const object = ({value}: {value: unknown}) => objectMarkdown(value as ObjectNode)
  return portableTextToMarkdown(nodes, {
    types: {
      code: object,
      image: object,
      table: object,
      mathBlock: object,
      mathInline: ({value}) => mathInlineMarkdown(value as MathInline),
      horizontalRule: object,
      htmlEmbed: object,
    },
    marks: {
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
    hardBreak: () => HARD_BREAK,
    block: GOLDMARK_SAFE_STYLES,
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
function writtenTexts(cleaned: readonly CleanNode[]): string[] {
  const texts: string[] = []
  for (const node of cleaned) {
    switch (node._type) {
      case 'block':
        for (const child of node.children)
          texts.push(child._type === 'span' ? child.text : child.tex)
        for (const def of node.markDefs) texts.push(def.href)
        break
      case 'code':
        texts.push(node.code, node.language, node.filename)
        break
      case 'image':
        texts.push(node.src, node.alt, node.caption)
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
      case 'horizontalRule':
        break
    }
  }
  return texts
}

function renderClean(cleaned: CleanNode[], serializer: Serializer, tally?: Tally): string {
  if (cleaned.length === 0) return ''
  // The stand-in is turned back into `\<` wherever it appears in the output, so it
  // must be absent from everything the field writes (code, formulas, embeds, cells,
  // addresses), not only from its prose.
  const lt = ltStandIn(writtenTexts(cleaned))
  // Text outside code is written for MathJax too (see `mathJaxText`).
  const nodes = cleaned.map((node) =>
    node._type === 'block'
      ? {
          ...node,
          children: node.children.map((c) =>
            c._type === 'span'
              ? {
                  ...c,
                  text: (c.marks.includes('code') ? c.text : mathJaxText(c.text)).replace(
                    OPENS_MARKUP,
                    lt,
                  ),
                }
              : c,
          ),
        }
      : node,
  )
  const markdown =
    serializer === 'library'
      ? libraryMarkdown(nodes, lt)
      : blocksMarkdown(
          nodes,
          {
            code: (text) => codeSpan(text.replaceAll(lt, '<')),
            link: (children, href) => `[${children}](${href})`,
            blockText: goldmarkSafe,
            mathInline: mathInlineMarkdown,
            hardBreak: HARD_BREAK,
            object: objectMarkdown,
            library: (block, list) => libraryMarkdown([block], lt, list),
          },
          tally,
        )
  // Code, math and HTML that contain a shortcode opener were written with
  // entities above, so whatever "{{<" is left is text, where "{{\<" is safe.
  return escapeShortcodes(markdown.replaceAll(lt, '\\<'))
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
  return renderClean(clean(ctx, at, ALLOWED[type]), serializer, tally).replace(/^\n+|\n+$/g, '')
}
