/**
 * Readable previews for dialogs, breadcrumbs and lists, from fields that may
 * hold plain text or Portable Text. The Studio capitalises every word of a
 * title in its breadcrumbs, so a title holding a formula would show
 * `\Text{Tokens}`: such text goes to the subtitle, under a plain title.
 */

const MAX_LENGTH = 80

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The words of one value: a string, a rich-text block or inline object, or a record's text fields. */
function words(value: unknown): string {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) {
    const parts = value.map(words).filter((part) => part.trim() !== '')
    // Rich text reads as running text; a list of items reads as a list.
    const prose = value.some((item) => isRecord(item) && item['_type'] === 'block')
    return parts.join(prose ? ' ' : '; ')
  }
  if (!isRecord(value)) return ''
  switch (value['_type']) {
    case 'block': {
      const children = value['children']
      // Spans run on: their own spaces separate the words.
      return Array.isArray(children) ? children.map(words).join('') : ''
    }
    case 'span':
      return typeof value['text'] === 'string' ? value['text'] : ''
    case 'details':
      // A fold-out reads as the line its readers click.
      return typeof value['summary'] === 'string' ? value['summary'] : ''
    case 'htmlInline':
      return typeof value['html'] === 'string' ? value['html'] : ''
    case 'mathInline':
    case 'mathBlock':
      return typeof value['tex'] === 'string' && value['tex'].trim() !== ''
        ? `$${value['tex']}$`
        : ''
  }
  // An object in a list: its own text fields, "name: description".
  return Object.entries(value)
    .filter(([key]) => !key.startsWith('_'))
    .map(([, field]) => words(field))
    .filter((part) => part.trim() !== '')
    .slice(0, 2)
    .join(': ')
}

/**
 * A string or Portable Text as one short line: whitespace collapsed, formulas
 * kept as `$…$`, cut with "…" when long. Empty when there is no text.
 */
export function previewText(value: unknown, max = MAX_LENGTH): string {
  const text = words(value).replace(/\s+/g, ' ').trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

const MATH = /\$|\\\(|\\\[/

export interface RowPreview {
  title: string
  subtitle?: string
}

/**
 * An item's preview: its own words as the title, or `fallback` (the kind of
 * item) when it has none or they hold a formula, which then leads the subtitle.
 */
export function rowPreview(title: unknown, subtitle: unknown, fallback: string): RowPreview {
  const main = previewText(title)
  const detail = previewText(subtitle)
  if (main === '' || MATH.test(main)) {
    const moved = [main, detail].filter((part) => part !== '').join(' — ')
    return moved === '' ? {title: fallback} : {title: fallback, subtitle: moved}
  }
  return detail === '' ? {title: main} : {title: main, subtitle: detail}
}

/**
 * A piece of text that `label` places or names (a footnote, free text "After
 * …"): its words over the label, or the label over its words when they hold a
 * formula; `empty` over the label when there are none.
 */
export function textPreview(text: unknown, label: string, empty: string): Required<RowPreview> {
  const line = previewText(text)
  if (line === '') return {title: empty, subtitle: label}
  return MATH.test(line) ? {title: label, subtitle: line} : {title: line, subtitle: label}
}

/**
 * A section's preview: its heading as the title, and the first of `fields`
 * that has text as the subtitle, so a dialog names the section and shows how
 * it begins.
 */
export function sectionPreview(heading: string, fields: readonly string[]) {
  return {
    select: Object.fromEntries(fields.map((field) => [field, field])),
    prepare: (selection: Record<string, unknown>): RowPreview => {
      const first = fields.map((field) => previewText(selection[field])).find((text) => text !== '')
      return first === undefined
        ? {title: heading, subtitle: 'Empty'}
        : {title: heading, subtitle: first}
    },
  }
}
