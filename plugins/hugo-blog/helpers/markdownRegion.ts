import type {SectionSpec} from './completeness.ts'

/** A run of lines of the exported file: [start, end), 0-based. */
export interface LineRange {
  start: number
  end: number
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** The lines of `## Heading` section headings, outside code fences. */
function headingLines(lines: readonly string[], from: number): Map<string, number> {
  const found = new Map<string, number>()
  let fence: string | undefined
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const marker = FENCE.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length)
        fence = undefined
      continue
    }
    if (marker !== undefined) fence = marker
    else if (line.startsWith('## ')) found.set(line.slice(3), i)
  }
  return found
}

/** Where the front matter ends: the line after its closing `---`. */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0] !== '---') return 0
  const close = lines.indexOf('---', 1)
  return close === -1 ? 0 : close + 1
}

/** The section that a form field writes, by the top-level field its paths start with. */
function sectionOf(field: string, specs: readonly SectionSpec[]): string | undefined {
  return specs.find((spec) => spec.fields.some((path) => path.split('.')[0] === field))?.heading
}

/**
 * The part of the exported file written from the field being edited, so the
 * Markdown tab can show it: the section the field belongs to, the front-matter
 * key of a front-matter field, the main heading for the name and tagline, and
 * otherwise the start of the body (never the YAML at the top).
 */
export function markdownRegion(
  markdown: string,
  focus: readonly unknown[],
  specs: readonly SectionSpec[],
): LineRange {
  const lines = markdown.split('\n')
  const bodyStart = Math.min(frontMatterEnd(lines) + 1, Math.max(lines.length - 1, 0))
  const whole = (start: number): LineRange => ({start, end: start + 1})
  const field = typeof focus[0] === 'string' ? focus[0] : undefined
  if (field === undefined) return whole(bodyStart)

  const headings = headingLines(lines, bodyStart)
  const heading = sectionOf(field, specs)
  const at = heading === undefined ? undefined : headings.get(heading)
  if (at !== undefined) {
    const after = [...headings.values()].filter((line) => line > at)
    return {start: at, end: Math.min(...after, lines.length)}
  }
  const key = lines.findIndex((line, i) => i < bodyStart && line.startsWith(`${field}:`))
  if (key !== -1) return whole(key)
  if (field === 'systemName' || field === 'tagline') {
    const h1 = lines.findIndex((line, i) => i >= bodyStart && line.startsWith('# '))
    if (h1 !== -1) return whole(h1)
  }
  return whole(bodyStart)
}
