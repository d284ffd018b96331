import MarkdownIt, {type Token} from 'markdown-it'
import {decodeEntities, plainText} from './inline.ts'

/**
 * A post body cut into CommonMark blocks, each with its exact source text and
 * file line, so the archetype mapper can match headings and `**Label**:` lines
 * structurally while prose keeps its original spelling for the rich-text
 * conversion, and the report can point at lines.
 */

interface Base {
  /** 1-based line in the file. */
  line: number
  /** The block's source lines, as written (container indentation included). */
  source: string
}

export type SourceBlock =
  | (Base & {kind: 'heading'; level: number; inline: string})
  | (Base & {kind: 'paragraph'; inline: string})
  | (Base & {
      kind: 'list'
      ordered: boolean
      start: number
      /** Items set apart by blank lines: each item's text is a paragraph. */
      loose: boolean
      items: ListItem[]
    })
  | (Base & {kind: 'fence'; info: string; code: string})
  | (Base & {kind: 'table'; header: string[]; rows: string[][]})
  | (Base & {kind: 'html'; html: string})
  | (Base & {kind: 'hr'})
  | (Base & {kind: 'blockquote'; children: SourceBlock[]})

export interface ListItem {
  line: number
  source: string
  /** The item's first paragraph as inline markdown; '' when the item starts with something else. */
  inline: string
  /** Everything in the item after that first paragraph: nested lists, more paragraphs, code. */
  children: SourceBlock[]
}

const parser = new MarkdownIt({html: true})

export function parseBlocks(body: string, firstLine: number): SourceBlock[] {
  const lines = body.split('\n')
  const tokens = parser.parse(body, {})
  return build(tokens, 0, tokens.length, lines, firstLine)
}

/**
 * The post's link reference definitions (`[label]: url "title"`) written out
 * again, to be read with each block: a block parsed on its own would not
 * know them, and `[text][label]` would lose its link.
 */
export function linkReferences(body: string): string {
  const env: {references?: Record<string, {href: string; title: string}>} = {}
  parser.parse(body, env)
  const lines = Object.entries(env.references ?? {}).map(
    ([label, {href, title}]) =>
      `[${label}]: <${href.replace(/[<>]/g, encodeURIComponent)}>${title ? ` "${title.replace(/"/g, '\\"')}"` : ''}`,
  )
  return lines.length === 0 ? '' : `\n\n${lines.join('\n')}\n`
}

function build(
  tokens: Token[],
  from: number,
  to: number,
  lines: string[],
  firstLine: number,
): SourceBlock[] {
  const blocks: SourceBlock[] = []
  let i = from
  while (i < to) {
    const token = tokens[i] as Token
    const close = token.nesting === 1 ? matchingClose(tokens, i) : i
    const map = token.map ?? [0, 0]
    const base: Base = {
      line: firstLine + map[0],
      source: lines.slice(map[0], map[1]).join('\n'),
    }
    switch (token.type) {
      case 'heading_open':
        blocks.push({
          ...base,
          kind: 'heading',
          level: Number(token.tag.slice(1)),
          inline: tokens[i + 1]?.content ?? '',
        })
        break
      case 'paragraph_open':
        blocks.push({...base, kind: 'paragraph', inline: tokens[i + 1]?.content ?? ''})
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        blocks.push({
          ...base,
          kind: 'list',
          ordered: token.type === 'ordered_list_open',
          start: Number(token.attrGet('start') ?? 1),
          loose: isLoose(tokens, i, close),
          items: listItems(tokens, i + 1, close, lines, firstLine),
        })
        break
      case 'fence':
      case 'code_block':
        blocks.push({...base, kind: 'fence', info: token.info.trim(), code: token.content})
        break
      case 'table_open':
        blocks.push({...base, kind: 'table', ...tableCells(tokens, i, close)})
        break
      case 'html_block': {
        const html = token.content.replace(/\n$/, '')
        const code = preCode(html)
        blocks.push(code ? {...base, kind: 'fence', ...code} : {...base, kind: 'html', html})
        break
      }
      case 'hr':
        blocks.push({...base, kind: 'hr'})
        break
      case 'blockquote_open':
        blocks.push({
          ...base,
          kind: 'blockquote',
          children: build(tokens, i + 1, close, lines, firstLine),
        })
        break
      default:
        // Inline and closing tokens are consumed with their opener.
        break
    }
    i = close + 1
  }
  return blocks
}

function listItems(
  tokens: Token[],
  from: number,
  to: number,
  lines: string[],
  firstLine: number,
): ListItem[] {
  const items: ListItem[] = []
  let i = from
  while (i < to) {
    const token = tokens[i] as Token
    if (token.type !== 'list_item_open') {
      i++
      continue
    }
    const close = matchingClose(tokens, i)
    const map = token.map ?? [0, 0]
    const children = build(tokens, i + 1, close, lines, firstLine)
    const first = children[0]
    const inline = first?.kind === 'paragraph' ? first.inline : ''
    items.push({
      line: firstLine + map[0],
      source: lines.slice(map[0], map[1]).join('\n'),
      inline,
      children: first?.kind === 'paragraph' ? children.slice(1) : children,
    })
    i = close + 1
  }
  return items
}

/** markdown-it hides the paragraphs of a tight list's own items; a loose list shows them. */
function isLoose(tokens: Token[], open: number, close: number): boolean {
  let depth = 0
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i] as Token
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--
    else if (depth === 0 && token.type === 'paragraph_open' && !token.hidden) return true
  }
  return false
}

function tableCells(tokens: Token[], from: number, to: number) {
  const rows: string[][] = []
  let row: string[] | undefined
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token
    if (token.type === 'tr_open') row = []
    else if (token.type === 'tr_close' && row) rows.push(row)
    else if (token.type === 'inline' && row) row.push(token.content)
  }
  const [header = [], ...body] = rows
  return {header, rows: body}
}

function matchingClose(tokens: Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    depth += (tokens[i] as Token).nesting
    if (depth === 0) return i
  }
  return tokens.length - 1
}

/** A short name for a block in the report, e.g. `## Core Components` or `list (3 items)`. */
export function describeBlock(block: SourceBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${plainText(block.inline).text}`
    case 'list':
      return `list (${block.items.length} items)`
    case 'fence':
      return block.info ? `code block (${block.info})` : 'code block'
    case 'html':
      return 'HTML'
    case 'hr':
      return 'horizontal rule'
    default:
      return block.kind
  }
}

/**
 * `<pre><code class="language-x">…</code></pre>`: how the exporter writes code
 * that Hugo would otherwise run as a shortcode. It is a code block all the same.
 */
function preCode(html: string): {info: string; code: string} | undefined {
  const match = /^<pre><code(?: class="language-([^"<>]*)")?>([^<]*)<\/code><\/pre>$/.exec(
    html.trim(),
  )
  if (!match) return undefined
  return {info: match[1] ?? '', code: `${decodeEntities(match[2] ?? '')}\n`}
}
