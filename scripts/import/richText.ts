import {markdownToPortableText} from '@portabletext/markdown'
import {mathJaxShown} from '../../converter/render/text.ts'
import {type RichTextType, TEXT_STYLES} from '../../schemas/constants.ts'
import {describeBlock, type SourceBlock} from './blocks.ts'
import {decodeEntities, underscoreEmphasis} from './inline.ts'
import {displayMathFromHtml, findMath, insideCodeSpan, type MathSpan} from './math.ts'

/**
 * Markdown blocks → the schema's rich text (blockContent or postBody).
 * Paragraphs, lists and quotes go through the markdown library; formulas are
 * cut out first and put back as mathInline objects, so no `_` or `\` in them
 * is read as markdown. Code, tables, raw HTML, display math and images are
 * built here in the shapes the schema declares. Keys are placeholders: the
 * caller derives the real ones from each value's path.
 */

export type PtNode = {_type: string; [field: string]: unknown}

/** An image value for the schema (`asset` reference or `_sanityAsset`), or undefined to keep it as HTML. */
export type ImageResolver = (src: string, line: number) => Record<string, unknown> | undefined

export interface Note {
  line: number
  message: string
}

export interface RichTextOptions {
  /** The schema type written: it decides the heading levels and whether rules are blocks. */
  richText: RichTextType
  resolveImage: ImageResolver
  note: (note: Note) => void
  /** The post's footnote definitions, by label, as inline markdown. */
  footnotes: ReadonlyMap<string, string>
  /** The post's link reference definitions (`[label]: url`), so `[text][label]` is a link in every block. */
  references: string
}

export interface Converted {
  node: PtNode
  /** Source line the node came from, for the report. */
  line: number
  /** The block it came from, as the report names it. */
  source?: string
  /** Set when the node is not where the source had it. */
  note?: string
}

/** A paragraph that is only a code span may name the code block right after it. */
type Pending = Converted & {filename?: string}

/** The heading levels a rich-text type holds, read from the styles the schema gives it. */
function headingLevels(type: RichTextType): number[] {
  return TEXT_STYLES[type].flatMap((style) => {
    const level = /^h([1-6])$/.exec(style.value)?.[1]
    return level === undefined ? [] : [Number(level)]
  })
}
const OPEN = '\uE000'
const CLOSE = '\uE001'
const PLACEHOLDER = /\uE000(\d+)\uE001/g

export function toRichText(
  blocks: readonly SourceBlock[],
  options: RichTextOptions,
  details = true,
): Converted[] {
  const out: Pending[] = []
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as SourceBlock
    const source = describeBlock(block)
    const fold = details ? foldOut(blocks, i, options) : undefined
    if (fold !== undefined) {
      out.push({node: fold.node, line: block.line, source: 'fold-out (<details>)'})
      i = fold.end
      continue
    }
    out.push(...convertBlock(block, options, out).map((c) => ({...c, source: c.source ?? source})))
  }
  return attachCaptions(
    out.map(({node, line, source}) => ({node, line, ...(source === undefined ? {} : {source})})),
    options,
  )
}

const DETAILS_OPEN = /^<details( open)?>\s*(?:<summary>([^<>]*)<\/summary>)?$/
const DETAILS_CLOSE = /^<\/details>$/

/**
 * `<details>` (with its `<summary>`), markdown, and `</details>` as separate
 * HTML blocks: a fold-out whose text is rich text. Other shapes stay HTML.
 */
function foldOut(
  blocks: readonly SourceBlock[],
  at: number,
  options: RichTextOptions,
): {node: PtNode; end: number} | undefined {
  const open = blocks[at]
  const match = open?.kind === 'html' ? DETAILS_OPEN.exec(open.html.trim()) : null
  if (!match) return undefined
  let depth = 0
  for (let end = at + 1; end < blocks.length; end++) {
    const block = blocks[end] as SourceBlock
    if (block.kind !== 'html') continue
    if (DETAILS_OPEN.test(block.html.trim()) || /^<details[\s>]/.test(block.html.trim())) depth++
    else if (DETAILS_CLOSE.test(block.html.trim())) {
      if (depth > 0) {
        depth--
        continue
      }
      const body = toRichText(blocks.slice(at + 1, end), options, false).map((c) => c.node)
      const summary = decodeEntities(match[2] ?? '').trim()
      return {
        node: {
          _type: 'details',
          ...(summary === '' ? {} : {summary}),
          ...(match[1] ? {open: true} : {}),
          body,
        },
        end,
      }
    }
  }
  return undefined
}

function convertBlock(
  block: SourceBlock,
  options: RichTextOptions,
  previous: Pending[],
): Pending[] {
  const at = (node: PtNode): Converted => ({node, line: block.line})
  switch (block.kind) {
    case 'heading': {
      const levels = headingLevels(options.richText)
      const wanted = block.level
      const level = Math.min(Math.max(...levels), Math.max(Math.min(...levels), wanted))
      if (level !== wanted)
        options.note({
          line: block.line,
          message: `heading level ${block.level} written as level ${level}: this rich text holds only ${levels.map((l) => `h${l}`).join(', ')} headings`,
        })
      const [heading] = inlineBlocks(block.inline, block.line, options)
      if (!heading) return []
      return [at({...heading.node, style: `h${level}`, ...emphasisOf(block.inline)})]
    }
    case 'paragraph': {
      const display = wholeDisplayMath(block.inline)
      // The line breaks after the opening `$$` and before the closing one are not
      // the formula's: the export writes them around it, and they would be read again.
      if (display !== undefined)
        return [at({_type: 'mathBlock', tex: display.replace(/^[ \t]*\n|\n[ \t]*$/g, '')})]
      const filename = codeSpanOnly(block.inline)
      const converted = markdownBlocks(block.source, block.line, options)
      // Stays a paragraph unless the next block is code, which takes it as its file name.
      if (filename !== undefined && converted.length === 1 && converted[0])
        return [{...converted[0], filename}]
      return converted
    }
    case 'list':
      return withStart(
        block,
        markdownBlocks(block.source, block.line, options, nestedRawLines(block)),
      )
    case 'blockquote':
      return markdownBlocks(block.source, block.line, options, nestedRawLines(block))
    case 'fence': {
      const prev = previous.at(-1)
      const code: PtNode = {
        _type: 'code',
        language: block.info.split(/\s+/)[0] ?? '',
        code: block.code.replace(/\n$/, ''),
      }
      if (prev?.filename !== undefined) {
        previous.pop()
        return [{node: {...code, filename: prev.filename}, line: prev.line}]
      }
      return [at(code)]
    }
    case 'table':
      return [at(tableNode([block.header, ...block.rows]))]
    case 'html': {
      const tex = displayMathFromHtml(block.html)
      if (tex !== undefined) return [at({_type: 'mathBlock', tex})]
      return [at({_type: 'htmlEmbed', html: block.html})]
    }
    case 'hr':
      if (options.richText === 'postBody') return [at({_type: 'horizontalRule'})]
      options.note({
        line: block.line,
        message: 'horizontal rule kept as an HTML embed "<hr>": section text has no rule block',
      })
      return [at({_type: 'htmlEmbed', html: '<hr>'})]
  }
}

/** The LaTeX when a paragraph is nothing but one `$$…$$` or `\[…\]` formula. */
function wholeDisplayMath(inline: string): string | undefined {
  const text = inline.trim()
  const spans = findMath(text)
  const only = spans[0]
  if (spans.length !== 1 || !only || !only.display) return undefined
  return only.start === 0 && only.end === text.length ? only.tex : undefined
}

/** `file.py` alone on a line: the exporter's caption for a code block's file name. */
function codeSpanOnly(inline: string): string | undefined {
  const match = /^(`+)(?!`)([^`]|[^`][\s\S]*?[^`])\1$/.exec(inline.trim())
  if (!match?.[2]) return undefined
  const content = match[2]
  return /^ .* $/.test(content) ? content.slice(1, -1) : content
}

/** Lines of nested fences and HTML blocks inside a list or quote, where `$` is not math. */
function nestedRawLines(block: SourceBlock): Set<number> {
  const lines = new Set<number>()
  const visit = (children: readonly SourceBlock[]) => {
    for (const child of children) {
      if (child.kind === 'fence' || child.kind === 'html') {
        const count = child.source.split('\n').length
        for (let i = 0; i < count; i++) lines.add(child.line + i)
      } else if (child.kind === 'list') for (const item of child.items) visit(item.children)
      else if (child.kind === 'blockquote') visit(child.children)
    }
  }
  if (block.kind === 'list') for (const item of block.items) visit(item.children)
  if (block.kind === 'blockquote') visit(block.children)
  return lines
}

/** A piece of inline source the markdown library must not see, kept as what it stands for. */
type Protected =
  | {kind: 'math'; span: MathSpan}
  | {kind: 'code'; text: string}
  | {kind: 'html'; html: string}
  | {kind: 'break'}
  | {kind: 'footnote'; label: string}

interface Found {
  start: number
  end: number
  value: Protected
}

/**
 * `<code>…</code>` written as inline HTML: the exporter's form for inline code
 * that Hugo would run as a shortcode. Read back as code, not as text.
 */
const HTML_CODE = /<code>([^<]*)<\/code>/g
/** An element holding only plain words, e.g. `<kbd>Ctrl</kbd>`: one piece of inline HTML. */
const HTML_ELEMENT = /<([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>[^<>*_`[\]\\$~&]*<\/\1\s*>/g
/** CommonMark's inline HTML: an open or closing tag, or a comment. */
const HTML_TAG =
  /<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!--[\s\S]*?-->/g
const LINE_BREAK = /^<br\s*\/?>$/i
const FOOTNOTE_REF = /\[\^([^\]\s]+)\](?!:)/g

function protectedSpans(chunk: string, options: RichTextOptions): Found[] {
  const found: Found[] = []
  const add = (start: number, end: number, value: Protected) => {
    if (insideCodeSpan(chunk, start)) return
    if (found.some((f) => start < f.end && f.start < end)) return
    found.push({start, end, value})
  }
  for (const match of chunk.matchAll(HTML_CODE))
    add(match.index, match.index + match[0].length, {
      kind: 'code',
      text: decodeEntities(match[1] ?? ''),
    })
  for (const span of findMath(chunk)) add(span.start, span.end, {kind: 'math', span})
  for (const match of chunk.matchAll(FOOTNOTE_REF))
    if (options.footnotes.has(match[1] ?? ''))
      add(match.index, match.index + match[0].length, {kind: 'footnote', label: match[1] ?? ''})
  for (const pattern of [HTML_ELEMENT, HTML_TAG])
    for (const match of chunk.matchAll(pattern))
      add(
        match.index,
        match.index + match[0].length,
        LINE_BREAK.test(match[0]) ? {kind: 'break'} : {kind: 'html', html: match[0]},
      )
  return found.sort((a, b) => a.start - b.start)
}

/** Replaces formulas, HTML and footnote references outside the given lines with placeholders the markdown library leaves alone. */
function protect(
  source: string,
  firstLine: number,
  rawLines: ReadonlySet<number>,
  options: RichTextOptions,
): {text: string; spans: Protected[]} {
  const spans: Protected[] = []
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length === 0) return
    const chunk = run.join('\n')
    let text = ''
    let last = 0
    for (const found of protectedSpans(chunk, options)) {
      text += `${chunk.slice(last, found.start)}${OPEN}${spans.length}${CLOSE}`
      spans.push(found.value)
      last = found.end
    }
    out.push(text + chunk.slice(last))
    run = []
  }
  source.split('\n').forEach((line, i) => {
    if (rawLines.has(firstLine + i)) {
      flush()
      out.push(line)
    } else run.push(line)
  })
  flush()
  return {text: out.join('\n'), spans}
}

function markdownBlocks(
  source: string,
  line: number,
  options: RichTextOptions,
  rawLines: ReadonlySet<number> = new Set(),
): Converted[] {
  const {text, spans} = protect(source, line, rawLines, options)
  const nodes = markdownToPortableText(`${text}${options.references}`, {
    keyGenerator: counter(),
    html: {inline: 'text'},
    onDegradation: ({degradations}) => {
      for (const d of degradations)
        options.note({line: line - 1 + (d.line ?? 1), message: `markdown: ${d.message}`})
    },
    listItem: {task: () => undefined},
    types: {
      horizontalRule: () =>
        options.richText === 'postBody'
          ? {_type: 'horizontalRule', _key: 'hr'}
          : {_type: 'htmlEmbed', _key: 'hr', html: '<hr>'},
      html: ({value}) => ({_type: 'htmlEmbed', _key: 'html', html: value.html.replace(/\n$/, '')}),
      table: ({value}) => ({
        _type: 'table',
        _key: 'table',
        rows: value.rows.map((row) => ({
          _type: 'tableRow',
          cells: row.cells.map((cell) => cell.value.map(blockText).join(' ')),
        })),
      }),
    },
  }) as PtNode[]
  return nodes.flatMap((node) => finishNode(node, spans, line, options))
}

/**
 * A heading's inline text as a text block (the caller sets the style). It is
 * parsed as a heading so text like "1. Encoder" is not read as a list.
 */
function inlineBlocks(inline: string, line: number, options: RichTextOptions): Converted[] {
  return markdownBlocks(`# ${inline}`, line, options).filter((c) => c.node['_type'] === 'block')
}

function finishNode(
  node: PtNode,
  spans: Protected[],
  line: number,
  options: RichTextOptions,
): Converted[] {
  const restore = (text: string) =>
    text.replace(PLACEHOLDER, (_, index: string) => sourceOf(spans[Number(index)]))
  switch (node._type) {
    case 'block':
      return splitInlineImages(restoreMath(node, spans, restore, line, options), line, options)
    case 'image':
      return [
        imageNode(
          String(node['src'] ?? ''),
          restore(String(node['alt'] ?? '')),
          node['title'],
          line,
          options,
        ),
      ]
    case 'code':
      return [
        {
          node: {
            _type: 'code',
            language: String(node['language'] ?? ''),
            code: restore(String(node['code'] ?? '')),
          },
          line,
        },
      ]
    default:
      return [{node: JSON.parse(restore(JSON.stringify(node))) as PtNode, line}]
  }
}

/** The text a placeholder stands for where no object can go (alt text, code, addresses). */
function sourceOf(value: Protected | undefined): string {
  switch (value?.kind) {
    case undefined:
      return ''
    case 'code':
      return value.text
    case 'html':
      return value.html
    case 'break':
      return '\n'
    case 'footnote':
      return `[^${value.label}]`
    case 'math':
      return value.span.display ? `$$${value.span.tex}$$` : `$${value.span.tex}$`
  }
}

/** What a placeholder becomes inside text: spans and inline objects. */
function restored(
  value: Protected | undefined,
  marks: string[],
  span: PtNode,
  options: RichTextOptions,
  line: number,
): PtNode[] {
  switch (value?.kind) {
    case undefined:
      return []
    case 'code':
      return [{...span, text: value.text, marks: [...marks.filter((m) => m !== 'code'), 'code']}]
    case 'break':
      return [{...span, text: '\n', marks}]
    case 'html':
      return [{_type: 'htmlInline', html: value.html}]
    case 'footnote': {
      const definition = options.footnotes.get(value.label) ?? ''
      const text = inlineToBlocks(definition, line, {...options, footnotes: new Map()})
      return [{_type: 'footnote', text}]
    }
    case 'math':
      // A display formula inside text stays where it is, flagged to be shown on its own line.
      return [
        {
          _type: 'mathInline',
          tex: value.span.tex,
          ...(value.span.display ? {display: true} : {}),
        },
      ]
  }
}

/** Spans holding placeholders are split around the objects and code-marked spans they stand for. */
function restoreMath(
  block: PtNode,
  spans: Protected[],
  restore: (text: string) => string,
  line: number,
  options: RichTextOptions,
): PtNode {
  const children = Array.isArray(block['children']) ? (block['children'] as PtNode[]) : []
  const out: PtNode[] = []
  for (const child of children) {
    if (child._type !== 'span' || typeof child['text'] !== 'string') {
      out.push(child)
      continue
    }
    const text = child['text']
    const marks = Array.isArray(child['marks']) ? (child['marks'] as string[]) : []
    let last = 0
    for (const match of text.matchAll(PLACEHOLDER)) {
      if (match.index > last)
        out.push({...child, text: mathJaxShown(text.slice(last, match.index))})
      out.push(...restored(spans[Number(match[1])], marks, child, options, line))
      last = match.index + match[0].length
    }
    if (last === 0) out.push({...child, text: mathJaxShown(text)})
    else if (last < text.length) out.push({...child, text: mathJaxShown(text.slice(last))})
  }
  const markDefs = Array.isArray(block['markDefs'])
    ? (block['markDefs'] as PtNode[]).map((def) => {
        const {title, ...rest} = def
        if (typeof title === 'string' && title !== '')
          options.note({
            line,
            message: `link title "${title}" not kept: links have only an address`,
          })
        return {...rest, ...(typeof def['href'] === 'string' ? {href: restore(def['href'])} : {})}
      })
    : []
  return {...block, markDefs, children: mergeSpans(out)}
}

/** Neighbouring spans with the same marks become one, as an editor would keep them. */
function mergeSpans(children: PtNode[]): PtNode[] {
  const out: PtNode[] = []
  for (const child of children) {
    const prev = out.at(-1)
    if (
      prev?._type === 'span' &&
      child._type === 'span' &&
      JSON.stringify(prev['marks']) === JSON.stringify(child['marks'])
    )
      out[out.length - 1] = {...prev, text: `${String(prev['text'])}${String(child['text'])}`}
    else out.push(child)
  }
  return out
}

/**
 * One line of inline markdown (a slot's value, a cell, a name) as the
 * blocks of a one-line rich-text field: one paragraph, or none when empty.
 * A marker character in front keeps `1. ` or `- ` at its start from being
 * read as a list.
 */
export function inlineToBlocks(inline: string, line: number, options: RichTextOptions): PtNode[] {
  const source = inline.trim()
  if (source === '') return []
  const blocks = markdownBlocks(`${LEAD}${source}`, line, options)
    .map((c) => c.node)
    .filter((node) => node._type === 'block')
  const [first] = blocks
  if (first === undefined) return []
  const children = first['children'] as PtNode[]
  const head = children[0]
  if (head?._type === 'span' && typeof head['text'] === 'string') {
    const text = head['text'].slice(LEAD.length)
    first['children'] = text === '' ? children.slice(1) : [{...head, text}, ...children.slice(1)]
  }
  return [{...first, style: 'normal', ...emphasisOf(source)}]
}

/** `_` emphasis, kept where the reader would see the difference: in a heading's anchor. */
function emphasisOf(inline: string): {emphasis?: '_'} {
  return underscoreEmphasis(inline) ? {emphasis: '_'} : {}
}

/**
 * A list says on its first item what Portable Text has no place for: the
 * number a numbered list starts at, and blank lines between its items.
 */
function withStart(block: SourceBlock & {kind: 'list'}, converted: Converted[]): Converted[] {
  const first = converted.find((c) => c.node['listItem'] !== undefined)
  if (first === undefined || first.node['level'] !== 1) return converted
  if (block.ordered && block.start !== 1) first.node['start'] = block.start
  if (block.loose) first.node['loose'] = true
  return converted
}

/**
 * A no-break space: no block syntax starts with it, and to emphasis it is
 * whitespace, so the text after it reads exactly as at the start of a line.
 */
const LEAD = '\u00A0'

/** A paragraph with an image among its words becomes text, image block, text: rich text has no inline images. */
function splitInlineImages(block: PtNode, line: number, options: RichTextOptions): Converted[] {
  const children = block['children'] as PtNode[]
  if (!children.some((c) => c._type === 'image')) return [{node: block, line}]
  options.note({
    line,
    message: 'an image inside a paragraph was placed on its own line after the text before it',
  })
  const out: Converted[] = []
  let run: PtNode[] = []
  const flush = () => {
    if (run.some((c) => c._type !== 'span' || String(c['text']).trim() !== ''))
      out.push({node: {...block, children: run}, line})
    run = []
  }
  for (const child of children) {
    if (child._type === 'image') {
      flush()
      out.push(
        imageNode(
          String(child['src'] ?? ''),
          String(child['alt'] ?? ''),
          child['title'],
          line,
          options,
        ),
      )
    } else run.push(child)
  }
  flush()
  return out
}

function imageNode(
  src: string,
  alt: string,
  title: unknown,
  line: number,
  options: RichTextOptions,
): Converted {
  const image = options.resolveImage(src, line)
  const titled = typeof title === 'string' && title.trim() !== '' ? {title} : {}
  // An image whose file is not at hand keeps its address, and the post shows it as before.
  const source = image ?? {url: src}
  return {node: {_type: 'image', ...source, alt, ...titled}, line}
}

/**
 * The exporter writes a caption as an italic paragraph right under its image;
 * such a paragraph becomes the image's caption again.
 */
function attachCaptions(nodes: Converted[], options: RichTextOptions): Converted[] {
  const out: Converted[] = []
  for (const current of nodes) {
    const prev = out.at(-1)
    const caption = italicOnly(current.node)
    if (
      prev?.node._type === 'image' &&
      prev.node['caption'] === undefined &&
      caption !== undefined
    ) {
      prev.node['caption'] = caption
      options.note({
        line: current.line,
        message: 'italic line under an image imported as its caption',
      })
      continue
    }
    out.push(current)
  }
  return out
}

function italicOnly(node: PtNode): string | undefined {
  if (node._type !== 'block' || node['style'] !== 'normal' || node['listItem'] !== undefined)
    return undefined
  const children = node['children'] as PtNode[]
  if (children.length === 0) return undefined
  let text = ''
  for (const child of children) {
    const marks = child['marks']
    if (child._type !== 'span' || !Array.isArray(marks) || marks.length !== 1 || marks[0] !== 'em')
      return undefined
    text += String(child['text'])
  }
  return text.trim() === '' ? undefined : text
}

/** A body table: its cells keep their markdown, which the export writes back as it is. */
function tableNode(rows: string[][]): PtNode {
  return {
    _type: 'table',
    rows: rows.map((cells) => ({_type: 'tableRow', cells: cells.map((cell) => cell.trim())})),
  }
}

function blockText(block: unknown): string {
  if (typeof block !== 'object' || block === null) return ''
  const children = (block as {children?: unknown}).children
  if (!Array.isArray(children)) return ''
  return children.map((c) => (typeof c?.text === 'string' ? c.text : '')).join('')
}

function counter(): () => string {
  let n = 0
  return () => `k${n++}`
}
