import {portableTextToMarkdown} from '@portabletext/markdown'
import {escapingNeeded, inlineEscapingNeeded} from './plainMarkdown.ts'

/**
 * Escaping for the places plain text lands in markdown. The markdown library
 * does the CommonMark escaping; what it cannot know about is Hugo, which runs
 * any `{{<` or `{{%` as a shortcode before markdown is even parsed, and fails
 * the whole site build on an unknown one.
 */

const SHORTCODE_OPEN = /\{\{([<%])/g

/** For markdown text: `{{\<` is not a shortcode to Hugo and renders as `{{<`. */
export function escapeShortcodes(markdown: string): string {
  // Most text has no "{{" at all, and scanning for it is far cheaper than a replace.
  return markdown.includes('{{') ? markdown.replace(SHORTCODE_OPEN, '{{\\$1') : markdown
}

export function hasShortcodeOpener(text: string): boolean {
  return text.includes('{{<') || text.includes('{{%')
}

/**
 * Text inside a raw HTML element: the browser decodes it back to exactly
 * `text`. Escaping `<` already breaks `{{<`; `{{%` needs its `%` encoded.
 */
export function escapeHtmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\{\{%/g, '{{&#37;')
}

/** Line breaks inside a one-line slot (labelled value, list item, cell, heading) become spaces. */
export function foldLines(text: string): string {
  // Most text is one line already; the regex replace is the expensive part.
  if (!text.includes('\n') && !text.includes('\r')) return text.trim()
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim()
}

/** A `<` that could open an autolink or a tag; one before a space never can. */
export const OPENS_MARKUP = /<(?=\S)/g

/**
 * A private-use character absent from `texts`. The markdown library escapes
 * `<` only before tag-like text, so `<0@a>` would still become an autolink;
 * text `<` is swapped for this stand-in before rendering and written as `\<`.
 */
export function ltStandIn(texts: readonly string[]): string {
  for (let code = 0xe000; code <= 0xf8ff; code++) {
    const char = String.fromCharCode(code)
    if (!texts.some((text) => text.includes(char))) return char
  }
  // Unreachable for real text: it would need all 6,400 private-use characters.
  return '\uE000'
}

/** Plain text already folded to one line, as the markdown library writes it. */
export function libraryInlineText(folded: string): string {
  const lt = ltStandIn([folded])
  const markdown = portableTextToMarkdown([
    {
      _type: 'block',
      _key: 'text',
      style: 'normal',
      markDefs: [],
      children: [{_type: 'span', _key: 'text', text: folded.replace(OPENS_MARKUP, lt), marks: []}],
    },
  ])
  return escapeShortcodes(markdown.replaceAll(lt, '\\<'))
}

/**
 * The same without the library, for text in which its escaping would change
 * nothing (most text); undefined otherwise. `folded` is one trimmed line.
 */
export function plainInlineText(folded: string): string | undefined {
  const hasLt = folded.includes('<')
  // The hazard rules must see the stand-in the library is given, not the "<".
  const line = hasLt ? folded.replace(OPENS_MARKUP, ltStandIn([folded])) : folded
  if (inlineEscapingNeeded(line)) return undefined
  const text = hasLt ? folded.replace(OPENS_MARKUP, '\\<') : folded
  if (!escapingNeeded(line)) return escapeShortcodes(text)
  // Thresholds such as "> 80%" are common. A leading ">" would open a quote,
  // and with nothing else to escape it is the one escape the library makes:
  // no bare URL or email, which the library spares, can contain a ">".
  if (line.startsWith('>')) return escapeShortcodes(`\\${text}`)
  return undefined
}

/**
 * What MathJax, with the blog's `processEscapes`, reads in any run of page text: `$`,
 * `\(`, `\[`, `\begin{` and `\ref{` open math (`$5 per month or $50` became a formula),
 * and `\$` and `\\` are escapes it turns into `$` and `\`.
 */
const MATHJAX_SYNTAX = /\$|\\(?=[\\$([]|begin|(?:eq)?ref)/g

/**
 * Text for MathJax to show as written: a backslash before each `$` and before each
 * backslash that would start math or an escape, which MathJax takes away again.
 * For text on the page only: not code, math, addresses or attributes.
 */
export function mathJaxText(text: string): string {
  return text.includes('$') || text.includes('\\') ? text.replace(MATHJAX_SYNTAX, '\\$&') : text
}

/** What MathJax shows of page text holding no math: its escapes `\$` and `\\` undone. */
export function mathJaxShown(text: string): string {
  return text.includes('\\') ? text.replace(/\\([\\$])/g, '$1') : text
}

/** A line starting with `: ` (Goldmark's definition lists, which Hugo turns on) after a paragraph. */
const DEFINITION = /(^|\n)([ \t]*):(?=[ \t])/g
/** A heading ending in `{…}`, which Goldmark reads as the heading's id, class or attributes. */
const HEADING_ATTRIBUTES = /\}([ \t]*)$/

/**
 * Inline markdown of one text block (a paragraph, list item, quote or heading), made
 * safe from what Hugo's Goldmark reads beyond CommonMark: a line starting with `: `
 * became a definition list, and a heading ending in `{#introduction}` lost that text
 * and took over the Introduction's anchor. Both are escaped. Every line of the
 * markdown is text (code and math never span lines, nor end a heading with `}`).
 */
export function goldmarkSafe(markdown: string, heading: boolean): string {
  const lines = startsLineWithColon(markdown) ? markdown.replace(DEFINITION, '$1$2\\:') : markdown
  return heading && lines.trimEnd().endsWith('}')
    ? lines.replace(HEADING_ATTRIBUTES, '\\}$1')
    : lines
}

/**
 * `DEFINITION`'s test. Most blocks are one line, where only its start can match:
 * a search of the whole block for a colon at a line start cost more than the rest of
 * the escaping.
 */
function startsLineWithColon(markdown: string): boolean {
  return markdown.includes('\n')
    ? DEFINITION_ANYWHERE.test(markdown)
    : DEFINITION_FIRST.test(markdown)
}
const DEFINITION_ANYWHERE = /(?:^|\n)[ \t]*:[ \t]/
const DEFINITION_FIRST = /^[ \t]*:[ \t]/

/** One folded line as inline markdown, escaped for CommonMark and Hugo's shortcodes. */
function markdownLine(folded: string): string {
  return plainInlineText(folded) ?? libraryInlineText(folded)
}

/** Plain text as inline markdown on the page: every character reads back as itself. */
export function inlineText(text: string): string {
  const folded = foldLines(text)
  if (folded === '') return ''
  return goldmarkSafe(markdownLine(mathJaxText(folded)), false)
}

/** Plain text for an image's alternative text, which MathJax never reads. */
export function altText(text: string): string {
  const folded = foldLines(text)
  return folded === '' ? '' : markdownLine(folded)
}

/** Text for an ATX heading, where a trailing `#` run would be read as the closing sequence. */
export function headingText(text: string): string {
  const folded = foldLines(text)
  if (folded === '') return ''
  const markdown = markdownLine(mathJaxText(folded)).replace(
    /(^|[ \t])(#+)$/,
    (_, space: string, hashes: string) => `${space}${hashes.replace(/#/g, '\\#')}`,
  )
  return goldmarkSafe(markdown, true)
}

/**
 * Inline markdown between emphasis markers (`*caption*`, `**name**`, `~~gone~~`): a
 * `*`, `_` or `~` run at its edges would merge with the markers (`*** text*` shows its
 * asterisks), and a backslash at its end would escape the closing one. Those are
 * escaped, at the edges `edges` names (an edge that is a nested mark's marker is not).
 */
export function emphasized(
  markdown: string,
  marker: string,
  edges: {lead: boolean; tail: boolean} = {lead: true, tail: true},
): string {
  if (markdown === '') return ''
  const lead = edges.lead ? (/^[*_~]*/.exec(markdown)?.[0] ?? '') : ''
  let inner = lead.replace(/[*_~]/g, '\\$&') + markdown.slice(lead.length)
  if (!edges.tail) return `${marker}${inner}${marker}`
  const end = /(\\*)([*_~]*)$/.exec(inner)
  const slashes = end?.[1]?.length ?? 0
  const run = end?.[2] ?? ''
  if (run === '') {
    if (slashes % 2 === 1) inner += '\\'
  } else {
    // An odd count of backslashes already escapes the run's first character.
    const kept = slashes % 2 === 1 ? 1 : 0
    inner =
      inner.slice(0, inner.length - run.length + kept) + run.slice(kept).replace(/[*_~]/g, '\\$&')
  }
  return `${marker}${inner}${marker}`
}

/**
 * An HTML embed as one raw HTML block, kept as written. A blank line would end the
 * block (a CommonMark rule): what follows became markdown, an indented line a code
 * block and `*x*` emphasis. So a line break before a blank line is written as the
 * reference `&#10;`, which the browser reads as the same line break (in text, in a
 * `<pre>`, a `<textarea>` and an attribute alike), except inside `<script>` and
 * `<style>`, which read no references and lose nothing by their blank lines going.
 * Leading blank lines go too; `{{<` and `{{%` get an entity, so Hugo runs no shortcode.
 */
export function htmlBlock(html: string): string {
  return html
    .replace(/^(?:[ \t]*\r?\n)+/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '')
    .replace(RAW_TEXT_ELEMENT, (element) => element.replace(/\n[ \t]*(?=\n)/g, ''))
    .replace(/\n(?=[ \t]*\n)/g, '&#10;')
    .replace(/\{\{</g, '{{&lt;')
    .replace(/\{\{%/g, '{{&#37;')
}

/** A `<script>` or `<style>` element up to its end tag (or the embed's end, when it has none). */
const RAW_TEXT_ELEMENT = /<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi

/** A table cell: one line, with `|` escaped (GFM unescapes `\|` even inside code spans). */
export function cellText(text: string): string {
  return inlineText(text).replace(/\|/g, '\\|')
}

/** The longest run of `char` (one UTF-16 unit) in `text`, found run by run. */
function longestRun(text: string, char: string): number {
  let longest = 0
  for (let start = text.indexOf(char); start !== -1; ) {
    let end = start + 1
    while (text[end] === char) end++
    if (end - start > longest) longest = end - start
    start = text.indexOf(char, end)
  }
  return longest
}

/**
 * Text inside an inline HTML element, where markdown still applies: every
 * ASCII punctuation character as an entity, so no emphasis, escape or smart
 * quote is made of it, and `{{<` is no shortcode.
 */
function inertHtmlText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Inline code that cannot be closed early by backticks in it, nor run by Hugo as a shortcode. */
export function codeSpan(text: string): string {
  const folded = text.replace(/[\r\n]+/g, ' ')
  if (hasShortcodeOpener(folded)) return `<code>${inertHtmlText(folded)}</code>`
  const ticks = '`'.repeat(longestRun(folded, '`') + 1)
  const pad = /^[ `]|[ `]$/.test(folded) && folded.trim() !== '' ? ' ' : ''
  return `${ticks}${pad}${folded}${pad}${ticks}`
}

/** Info strings may not contain backticks, and spaces would end the language name. */
export function sanitizeLanguage(language: string): string {
  return language.trim().replace(/[^A-Za-z0-9_+#.-]/g, '')
}

/**
 * A fenced code block whose fence is longer than any backtick run inside, so
 * no line of the code can close it. Code containing a shortcode opener goes
 * into a raw `<pre><code>` block instead: Hugo runs shortcodes even inside
 * fences, and an unmatched `{{<` cannot be written in Hugo's comment form.
 */
export function codeBlock(code: string, language: string): string {
  const body = code.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  const lang = sanitizeLanguage(language)
  if (hasShortcodeOpener(body)) {
    const cls = lang ? ` class="language-${lang}"` : ''
    return `<pre><code${cls}>${escapeHtmlText(body)}</code></pre>`
  }
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1))
  return `${fence}${lang}\n${body}\n${fence}`
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers strip leading C0 controls from a URL
const UNSAFE_HREF_SCHEME = /^[\u0000-\u0020]*(javascript|vbscript|data|file):/i

/** Character references as Goldmark decodes them in a link destination. */
const CHARACTER_REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));/g

/**
 * The named references that decode to characters a URL scheme can be spelled with
 * (letters, `+`, `.`, `:`) or that a browser drops from a URL (tab, line feed); every
 * other name decodes to characters no scheme holds.
 */
const SCHEME_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['colon', ':'],
  ['period', '.'],
  ['plus', '+'],
  ['fjlig', 'fj'],
  ['Tab', '\t'],
  ['NewLine', '\n'],
])

/** The address as the browser reads it once Goldmark has decoded its character references. */
function hrefAsFollowed(href: string): string {
  const decoded = href.includes('&')
    ? href.replace(
        CHARACTER_REFERENCE,
        (
          reference: string,
          decimal: string | undefined,
          hex: string | undefined,
          name: string | undefined,
        ) => {
          if (name !== undefined) return SCHEME_REFERENCES.get(name) ?? reference
          const code = Number.parseInt(decimal ?? hex ?? '', decimal === undefined ? 16 : 10)
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD'
        },
      )
    : href
  // The URL parser removes every tab and line break, wherever it is.
  return decoded.replace(/[\t\n\r]/g, '')
}

/** Whether following the address can run script or open a local file, however it is spelled. */
export function isSafeHref(href: string): boolean {
  return href.trim() !== '' && !UNSAFE_HREF_SCHEME.test(hrefAsFollowed(href))
}

/**
 * A link destination that CommonMark reads as one token: spaces, parentheses,
 * angle brackets and braces are percent-encoded (braces so `{{<` cannot form).
 */
export function encodeHref(href: string): string {
  return href.trim().replace(/[\s()<>{}\\`]/g, (c) => {
    const code = c.charCodeAt(0)
    return code < 0x80
      ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
      : encodeURIComponent(c)
  })
}

/** Hugo's default (GitHub-style) heading id for plain heading text. */
export function headingAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-')
}
