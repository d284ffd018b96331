import MarkdownIt, {type Token} from 'markdown-it'
import {mathJaxShown} from '../../converter/render/text.ts'
import {findMath} from './math.ts'

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

const environments = new Map<string, Record<string, unknown>>()

/** What markdown-it needs to know a post's link reference definitions, read from their markdown. */
function environment(references: string): Record<string, unknown> {
  let env = environments.get(references)
  if (env === undefined) {
    env = {}
    parser.parse(references, env)
    environments.set(references, env)
  }
  return env
}

/** The tokens of one line of inline markdown (for recognising `**Label**:` and links). */
export function inlineTokens(inline: string, references = ''): Token[] {
  // Delimiter runs leave empty text tokens behind; they carry nothing.
  const tokens = parser.parseInline(inline, environment(references))[0]?.children ?? []
  return tokens.filter((token) => token.type !== 'text' || token.content !== '')
}

/** Whether inline markdown writes emphasis with `_`, which a heading's anchor keeps. */
export function underscoreEmphasis(inline: string): boolean {
  return inlineTokens(inline).some((token) => token.type === 'em_open' && token.markup === '_')
}

/** The markdown of a link's text: what is inside the brackets `inline` starts with. */
export function bracketed(inline: string): string | undefined {
  if (!inline.startsWith('[')) return undefined
  let depth = 0
  for (let i = 0; i < inline.length; i++) {
    const c = inline[i]
    if (c === '\\') i++
    else if (c === '`') {
      const run = /^`+/.exec(inline.slice(i))?.[0] ?? '`'
      const close = inline.indexOf(run, i + run.length)
      if (close !== -1) i = close + run.length - 1
    } else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return inline.slice(1, i)
  }
  return undefined
}

/**
 * Splits `**Label**: rest` (or `**Label:** rest`) into the label (as text and
 * as its markdown) and the rest's source.
 */
export function splitBoldLabel(
  inline: string,
): {label: string; labelSource: string; rest: string; inside: boolean} | undefined {
  const match = /^\*\*((?:[^*\\]|\\.)+?)(:?)\*\*(:?)[ \t]*([\s\S]*)$/.exec(inline.trim())
  if (!match || (match[2] === '') === (match[3] === '')) return undefined
  const labelSource = match[1] ?? ''
  return {
    label: plainText(labelSource).text.trim(),
    labelSource,
    rest: match[4] ?? '',
    inside: match[2] === ':',
  }
}

/** The markdown inside an inline that is one bold run and nothing else, e.g. `**Expiry**`. */
export function boldOnly(inline: string): string | undefined {
  const source = inline.trim()
  const tokens = inlineTokens(source)
  if (tokens[0]?.type !== 'strong_open' || tokens.at(-1)?.type !== 'strong_close') return undefined
  let depth = 0
  for (const token of tokens.slice(0, -1)) {
    if (token.type === 'strong_open') depth++
    if (token.type === 'strong_close') depth--
    if (depth === 0) return undefined
  }
  return source.startsWith('**') && source.endsWith('**') ? source.slice(2, -2) : undefined
}

/**
 * `inline` split at the first `separator` outside code, formulas, links and
 * HTML tags: `Step 1: call \`a: b\`` splits after "Step 1". One part when
 * there is no such separator.
 */
export function splitOutside(inline: string, separator: string): [string, string?] {
  const source = inline.trim()
  const covered: [number, number][] = findMath(source).map((span) => [span.start, span.end])
  for (const match of source.matchAll(/`+[\s\S]*?`+|\[[^\]]*\]\([^)]*\)|<[^>]*>/g))
    covered.push([match.index, match.index + match[0].length])
  let at = source.indexOf(separator)
  while (at !== -1 && covered.some(([start, end]) => at >= start && at < end))
    at = source.indexOf(separator, at + 1)
  if (at === -1) return [source]
  return [source.slice(0, at), source.slice(at + separator.length)]
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
