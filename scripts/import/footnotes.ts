/**
 * Footnote definitions (`[^label]: text`, with continuation lines indented by
 * four spaces) taken out of a post's markdown before it is cut into blocks:
 * the markdown parser does not know them, and the schema keeps each note
 * with its reference in the text. Their lines are blanked rather than
 * removed, so every other block keeps its line number for the report.
 */

export interface Footnotes {
  /** The markdown without the definitions. */
  body: string
  /** Each note's text as inline markdown, by label. */
  definitions: Map<string, string>
  /** The line each definition started on, by label, relative to `body`'s first line. */
  lines: Map<string, number>
}

const DEFINITION = /^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$/
const CONTINUATION = /^(?: {4}|\t)(.*)$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

export function takeFootnotes(markdown: string): Footnotes {
  const lines = markdown.split('\n')
  const definitions = new Map<string, string>()
  const starts = new Map<string, number>()
  let fence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fenceMark = FENCE.exec(line)?.[1]
    if (fenceMark !== undefined) {
      if (fence === undefined) fence = fenceMark
      else if (fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined
      continue
    }
    const match = fence === undefined ? DEFINITION.exec(line) : null
    if (!match) continue
    const label = match[1] ?? ''
    const text = [match[2] ?? '']
    lines[i] = ''
    let next = i + 1
    for (; next < lines.length; next++) {
      const more = CONTINUATION.exec(lines[next] ?? '')
      if (!more) break
      text.push(more[1] ?? '')
      lines[next] = ''
    }
    if (!definitions.has(label)) {
      definitions.set(label, text.join('\n').trim())
      starts.set(label, i)
    }
    i = next - 1
  }
  return {body: lines.join('\n'), definitions, lines: starts}
}

// Hugo's way of writing a shortcode as text, "{{</* x */>}}", as the reader
// sees it: "{{< x >}}". Hugo makes that change before markdown is read, in
// code as anywhere else.
export function literalShortcodes(markdown: string): string {
  return markdown.replace(/\{\{([<%])\/\*/g, '{{$1').replace(/\*\/([>%])\}\}/g, '$1}}')
}
