import MarkdownIt, {type Token} from 'markdown-it'
import {mathJaxShown} from '../../converter/render/text.ts'

const parser = new MarkdownIt({html: true})

export interface PlainText {
  text: string
  /** False when the markdown had formatting, links, code or HTML that a plain-text field cannot hold. */
  plain: boolean
}

/**
 * Inline markdown as the plain text a reader sees (once MathJax has read the page),
 * for plain-text fields. The
 * exporter escapes plain text for markdown, so its output reads back exactly.
 * Markdown with real formatting is kept as its source text instead: the field
 * cannot hold the formatting, and keeping the source loses nothing.
 */
export function plainText(inline: string): PlainText {
  const source = inline.trim()
  if (source === '') return {text: '', plain: true}
  const tokens = parser.parseInline(source, {})[0]?.children ?? []
  let text = ''
  for (const token of tokens) {
    if (token.type === 'text') text += token.content
    else if (token.type === 'softbreak') text += ' '
    else if (token.type === 'hardbreak') text += '\n'
    else return {text: source, plain: false}
  }
  return {text: mathJaxShown(text), plain: true}
}

/** The tokens of one line of inline markdown (for recognising `**Label**:` and links). */
export function inlineTokens(inline: string): Token[] {
  // Delimiter runs leave empty text tokens behind; they carry nothing.
  const tokens = parser.parseInline(inline, {})[0]?.children ?? []
  return tokens.filter((token) => token.type !== 'text' || token.content !== '')
}

/** Splits `**Label**: rest` (or `**Label:** rest`) into the label and the rest's source. */
export function splitBoldLabel(inline: string): {label: string; rest: string} | undefined {
  const match = /^\*\*((?:[^*\\]|\\.)+?)(:?)\*\*(:?)[ \t]*([\s\S]*)$/.exec(inline.trim())
  if (!match || (match[2] === '') === (match[3] === '')) return undefined
  return {label: plainText(match[1] ?? '').text.trim(), rest: match[4] ?? ''}
}

/** The text of an inline that is one bold run and nothing else, e.g. `**Expiry**`. */
export function boldOnly(inline: string): string | undefined {
  const tokens = inlineTokens(inline.trim())
  if (tokens[0]?.type !== 'strong_open' || tokens.at(-1)?.type !== 'strong_close') return undefined
  const inner = tokens.slice(1, -1)
  if (!inner.every((t) => t.type === 'text')) return undefined
  return inner.map((t) => t.content).join('')
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** HTML entities (named basics and numeric) decoded, for text taken out of raw HTML. */
export function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)))
    return ENTITIES[name.toLowerCase()] ?? entity
  })
}
