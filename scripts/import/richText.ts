import {markdownToPortableText} from '@portabletext/markdown'
import {mathJaxShown} from '../../converter/render/text.ts'
import {type RichTextType, TEXT_STYLES} from '../../schemas/constants.ts'
import {describeBlock, type SourceBlock} from './blocks.ts'
import {decodeEntities, plainText} from './inline.ts'
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
  /** Levels added to every heading: content moved under a deeper heading keeps its outline. */
  headingShift: number
  resolveImage: ImageResolver
  note: (note: Note) => void
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

export function toRichText(blocks: readonly SourceBlock[], options: RichTextOptions): Converted[] {
  const out: Pending[] = []
  for (const block of blocks) {
    const source = describeBlock(block)
    out.push(...convertBlock(block, options, out).map((c) => ({...c, source: c.source ?? source})))
  }
  return attachCaptions(
    out.map(({node, line, source}) => ({node, line, ...(source === undefined ? {} : {source})})),
    options,
  )
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
      const wanted = block.level + options.headingShift
      const level = Math.min(Math.max(...levels), Math.max(Math.min(...levels), wanted))
      if (level !== wanted)
        options.note({
          line: block.line,
          message: `heading level ${block.level} written as level ${level}: this rich text holds only ${levels.map((l) => `h${l}`).join(', ')} headings`,
        })
      const [heading] = inlineBlocks(block.inline, block.line, options)
      if (!heading) return []
      return [at({...heading.node, style: `h${level}`})]
    }
    case 'paragraph': {
      const display = wholeDisplayMath(block.inline)
      if (display !== undefined) return [at({_type: 'mathBlock', tex: display})]
      const filename = codeSpanOnly(block.inline)
      const converted = markdownBlocks(block.source, block.line, options)
      // Stays a paragraph unless the next block is code, which takes it as its file name.
      if (filename !== undefined && converted.length === 1 && converted[0])
        return [{...converted[0], filename}]
      return converted
    }
    case 'list':
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
      return [at(tableNode([block.header, ...block.rows], block.line, options))]
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

/** Replaces formulas outside the given lines with placeholders the markdown library leaves alone. */
/** A piece of inline source the markdown library must not see: a formula, or code written as HTML. */
type Protected = {kind: 'math'; span: MathSpan} | {kind: 'code'; text: string}

/**
 * `<code>…</code>` written as inline HTML: the exporter's form for inline code
 * that Hugo would run as a shortcode. Read back as code, not as text.
 */
const HTML_CODE = /<code>([^<]*)<\/code>/g

function protectedSpans(chunk: string): {start: number; end: number; value: Protected}[] {
  const found: {start: number; end: number; value: Protected}[] = []
  for (const match of chunk.matchAll(HTML_CODE)) {
    if (insideCodeSpan(chunk, match.index)) continue
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      value: {kind: 'code', text: decodeEntities(match[1] ?? '')},
    })
  }
  for (const span of findMath(chunk))
    if (!found.some((f) => span.start < f.end && f.start < span.end))
      found.push({start: span.start, end: span.end, value: {kind: 'math', span}})
  return found.sort((a, b) => a.start - b.start)
}

/** Replaces formulas and HTML code outside the given lines with placeholders the markdown library leaves alone. */
function protect(
  source: string,
  firstLine: number,
  rawLines: ReadonlySet<number>,
): {text: string; spans: Protected[]} {
  const spans: Protected[] = []
  const out: string[] = []
  let run: string[] = []
  const flush = () => {
    if (run.length === 0) return
    const chunk = run.join('\n')
    let text = ''
    let last = 0
    for (const found of protectedSpans(chunk)) {
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
  const {text, spans} = protect(source, line, rawLines)
  const nodes = markdownToPortableText(text, {
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
  if (!value) return ''
  if (value.kind === 'code') return value.text
  return value.span.display ? `$$${value.span.tex}$$` : `$${value.span.tex}$`
}

/** Spans holding placeholders are split around mathInline objects and code-marked spans. */
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
    let last = 0
    for (const match of text.matchAll(PLACEHOLDER)) {
      const value = spans[Number(match[1])]
      if (match.index > last)
        out.push({...child, text: mathJaxShown(text.slice(last, match.index))})
      if (value?.kind === 'code') {
        const marks = Array.isArray(child['marks']) ? (child['marks'] as string[]) : []
        out.push({
          ...child,
          text: value.text,
          marks: [...marks.filter((m) => m !== 'code'), 'code'],
        })
      }
      const span = value?.kind === 'math' ? value.span : undefined
      // A display formula inside text stays where it is, flagged to be shown on its own line.
      if (span)
        out.push({_type: 'mathInline', tex: span.tex, ...(span.display ? {display: true} : {})})
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
  return {...block, markDefs, children: out}
}

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
  if (!image) {
    const html = `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}">`
    return {node: {_type: 'htmlEmbed', html}, line}
  }
  const caption = typeof title === 'string' && title.trim() !== '' ? title : undefined
  if (caption !== undefined)
    options.note({
      line,
      message: `image title "${caption}" imported as its caption, shown under the image`,
    })
  return {node: {_type: 'image', ...image, alt, ...(caption === undefined ? {} : {caption})}, line}
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

function tableNode(rows: string[][], line: number, options: RichTextOptions): PtNode {
  return {
    _type: 'table',
    rows: rows.map((cells) => ({
      _type: 'tableRow',
      cells: cells.map((cell) => {
        const plain = plainText(cell)
        if (!plain.plain)
          options.note({
            line,
            message: `table cell "${cell}" has formatting a table cell cannot hold; its markdown is kept as text`,
          })
        return plain.text
      }),
    })),
  }
}

function blockText(block: unknown): string {
  if (typeof block !== 'object' || block === null) return ''
  const children = (block as {children?: unknown}).children
  if (!Array.isArray(children)) return ''
  return children.map((c) => (typeof c?.text === 'string' ? c.text : '')).join('')
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

function counter(): () => string {
  let n = 0
  return () => `k${n++}`
}
