/**
 * LaTeX in post text. MathJax on the blog reads `$…$`, `$$…$$`, `\(…\)` and
 * `\[…\]`; the exporter writes inline math with every ASCII punctuation
 * character backslash-escaped (so Goldmark hands it to MathJax unchanged) and
 * display math as a `<div class="math">` HTML block. Formulas are found in the
 * markdown source before any markdown parsing, because the markdown parser
 * would read `_` and `*` inside them as emphasis and drop backslashes.
 */

export interface MathSpan {
  start: number
  end: number
  tex: string
  /** Written with display delimiters (`$$`, `\[`). */
  display: boolean
}

const PUNCTUATION = /[!-/:-@[-`{-~]/
/** Every ASCII punctuation character is escaped: the exporter's inline form. */
const FULLY_ESCAPED = /^(?:\\[!-/:-@[-`{-~]|[^!-/:-@[-`{-~])*$/

/**
 * The LaTeX a formula's source stands for. Text in the exporter's escaped form
 * loses its escapes, as Goldmark would remove them on the way to MathJax;
 * anything else was typed as raw LaTeX and is kept exactly.
 */
export function texFromSource(source: string): string {
  if (source.includes('\\') && FULLY_ESCAPED.test(source))
    return source.replace(/\\([!-/:-@[-`{-~])/g, '$1')
  return source
}

/** Formulas in inline markdown, skipping code spans and backslash-escaped dollars. */
export function findMath(text: string): MathSpan[] {
  const spans: MathSpan[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '`') {
      i = skipCodeSpan(text, i)
      continue
    }
    if (c === '\\') {
      i = afterBackslashes(text, i, spans)
      continue
    }
    if (c === '$') {
      const display = text[i + 1] === '$'
      const open = display ? 2 : 1
      const close = findClosingDollar(text, i + open, display)
      if (close !== -1 && close > i + open) {
        const source = text.slice(i + open, close)
        if (source.trim() !== '') {
          spans.push({start: i, end: close + open, tex: texFromSource(source), display})
          i = close + open
          continue
        }
      }
      i += open
      continue
    }
    i++
  }
  return spans
}

/**
 * Past a run of backslashes starting at `at`, recording the formula it opens. Goldmark
 * leaves one backslash on the page per pair, and MathJax reads each pair of those as
 * one escape: an odd count left on the page makes `\(` or `\[` open math and `\$` a
 * plain dollar (the exporter writes text dollars so). An odd run escapes the character
 * after it, which then opens nothing either.
 */
function afterBackslashes(text: string, at: number, spans: MathSpan[]): number {
  let end = at + 1
  while (text[end] === '\\') end++
  const shown = Math.floor((end - at) / 2)
  if (shown % 2 === 1) {
    const span = bracketMath(text, end - 2)
    if (span) {
      spans.push(span)
      return span.end
    }
  }
  const escapes = (end - at) % 2 === 1 || shown % 2 === 1
  return escapes && PUNCTUATION.test(text[end] ?? '') ? end + 1 : end
}

/**
 * `\\(…\\)` and `\\[…\\]`: in markdown source the backslash itself must be
 * escaped, because Goldmark turns `\(` into a plain `(` before MathJax looks.
 * A single-backslash `\(` is therefore an escaped parenthesis, not math.
 */
function bracketMath(text: string, at: number): MathSpan | undefined {
  if (!text.startsWith('\\\\', at)) return undefined
  const opener = text[at + 2]
  if (opener !== '(' && opener !== '[') return undefined
  const closer = `\\\\${opener === '(' ? ')' : ']'}`
  const contentStart = at + 3
  const close = text.indexOf(closer, contentStart)
  if (close === -1 || text.slice(contentStart, close).trim() === '') return undefined
  return {
    start: at,
    end: close + closer.length,
    tex: texFromSource(text.slice(contentStart, close)),
    display: opener === '[',
  }
}

function findClosingDollar(text: string, from: number, display: boolean): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j]
    if (c === '\\') {
      j++
      continue
    }
    if (c !== '$') continue
    if (!display) return text[j + 1] === '$' ? -1 : j
    if (text[j + 1] === '$') return j
  }
  return -1
}

/** Whether `at` falls inside a backtick code span of `text`. */
export function insideCodeSpan(text: string, at: number): boolean {
  let i = 0
  while (i < text.length && i <= at) {
    if (text[i] === '`') {
      const end = skipCodeSpan(text, i)
      if (at < end && end > i + 1 && text[end - 1] === '`' && at >= i) return true
      i = end
    } else i += text[i] === '\\' ? 2 : 1
  }
  return false
}

function skipCodeSpan(text: string, at: number): number {
  let run = 0
  while (text[at + run] === '`') run++
  const fence = '`'.repeat(run)
  let search = at + run
  while (search < text.length) {
    const next = text.indexOf(fence, search)
    if (next === -1) break
    let after = next + run
    if (text[after] !== '`' && text[next - 1] !== '`') return after
    while (text[after] === '`') after++
    search = after
  }
  return at + run
}

const HTML_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#37;': '%',
  '&#123;': '{',
}

/**
 * The exporter's display-math block, `<div class="math">` around `$$…$$`, or
 * the same written by hand on one line. Returns the LaTeX, or undefined when
 * the HTML is something else.
 */
export function displayMathFromHtml(html: string): string | undefined {
  const match = /^<div class="math">\s*(?:\$\$([\s\S]*?)\$\$|\\\[([\s\S]*?)\\\])\s*<\/div>$/.exec(
    html.trim(),
  )
  const body = match?.[1] ?? match?.[2]
  if (body === undefined || body.trim() === '') return undefined
  return body
    .replace(/^\n/, '')
    .replace(/\n$/, '')
    .replace(/&(?:amp|lt|gt|quot|#37|#123);/g, (entity) => HTML_ENTITIES[entity] ?? entity)
}
