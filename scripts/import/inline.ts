import MarkdownIt, {type Token} from 'markdown-it'

const parser = new MarkdownIt({html: true})

export interface PlainText {
  text: string
  /** False when the markdown had formatting, links, code or HTML that a plain-text field cannot hold. */
  plain: boolean
}

/**
 * Inline markdown as the plain text a reader sees, for plain-text fields. The
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
  return {text, plain: true}
}

/** The tokens of one line of inline markdown (for recognising `**Label**:` and links). */
export function inlineTokens(inline: string): Token[] {
  return parser.parseInline(inline, {})[0]?.children ?? []
}

/** Splits `**Label**: rest` (or `**Label:** rest`) into the label and the rest's source. */
export function splitBoldLabel(inline: string): {label: string; rest: string} | undefined {
  const match = /^\*\*((?:[^*\\]|\\.)+?)(:?)\*\*(:?)[ \t]*([\s\S]*)$/.exec(inline.trim())
  if (!match || (match[2] === '') === (match[3] === '')) return undefined
  return {label: plainText(match[1] ?? '').text.trim(), rest: match[4] ?? ''}
}
