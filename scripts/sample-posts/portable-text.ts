/**
 * Compact builders for the sample posts' rich text. Keys are derived from the
 * block key and the child's position, so the output is stable and readable.
 */
import type {BlockContent, InlineText, SlotText} from '../../sanity.types.ts'

type Item = BlockContent[number]
type TextBlock = Extract<Item, {_type: 'block'}>
type Child = NonNullable<TextBlock['children']>[number]
type LinkDef = NonNullable<TextBlock['markDefs']>[number]

/** A piece of a sentence: plain text, a decorated run, a link, an inline formula, HTML or a footnote. */
export type Inline =
  | string
  | {text: string; marks: readonly ('strong' | 'em' | 'code' | 'strike-through')[]}
  | {text: string; href: string}
  | {tex: string}
  | {html: string}
  | {footnote: readonly Inline[]}

export const strong = (text: string): Inline => ({text, marks: ['strong']})
export const em = (text: string): Inline => ({text, marks: ['em']})
export const code = (text: string): Inline => ({text, marks: ['code']})
export const link = (text: string, href: string): Inline => ({text, href})
export const math = (tex: string): Inline => ({tex})
export const html = (markup: string): Inline => ({html: markup})
export const footnote = (...inlines: Inline[]): Inline => ({footnote: inlines})

interface BlockOptions {
  style?: 'normal' | 'h3' | 'h4' | 'blockquote'
  listItem?: 'bullet' | 'number'
  level?: number
}

function content(
  key: string,
  inlines: readonly Inline[],
): {markDefs: LinkDef[]; children: Child[]} {
  const markDefs: LinkDef[] = []
  const children: Child[] = inlines.map((inline, index) => {
    const childKey = `${key}-${index + 1}`
    if (typeof inline === 'string') return {_type: 'span', _key: childKey, text: inline, marks: []}
    if ('tex' in inline) return {_type: 'mathInline', _key: childKey, tex: inline.tex}
    if ('html' in inline) return {_type: 'htmlInline', _key: childKey, html: inline.html}
    if ('footnote' in inline) {
      const note = content('n', inline.footnote)
      const children = note.children.filter(
        (child): child is Exclude<Child, {_type: 'footnote'}> => child._type !== 'footnote',
      )
      return {
        _type: 'footnote',
        _key: childKey,
        text: [{_type: 'block', _key: 'n', style: 'normal', markDefs: note.markDefs, children}],
      }
    }
    if ('href' in inline) {
      const linkKey = `${key}-link${markDefs.length + 1}`
      markDefs.push({_type: 'link', _key: linkKey, href: inline.href})
      return {_type: 'span', _key: childKey, text: inline.text, marks: [linkKey]}
    }
    return {_type: 'span', _key: childKey, text: inline.text, marks: [...inline.marks]}
  })
  return {markDefs, children}
}

export function block(
  key: string,
  inlines: readonly Inline[],
  options: BlockOptions = {},
): TextBlock {
  return {
    _type: 'block',
    _key: key,
    style: options.style ?? 'normal',
    ...(options.listItem ? {listItem: options.listItem, level: options.level ?? 1} : {}),
    ...content(key, inlines),
  }
}

/** A one-line slot (a name, a labelled value, a cell): one paragraph. */
export const text = (...inlines: Inline[]): InlineText => [
  {_type: 'block', _key: 't', style: 'normal', ...content('t', inlines)},
]

/** A list slot: one bullet per item, each plain text or a run of inlines. */
export const bullets = (...items: (Inline | readonly Inline[])[]): SlotText =>
  items.map((item, index) => {
    const key = `b${index + 1}`
    const inlines = Array.isArray(item) ? item : [item as Inline]
    return {
      _type: 'block',
      _key: key,
      style: 'normal',
      listItem: 'bullet',
      level: 1,
      ...content(key, inlines),
    }
  })

/** A slot written as paragraphs: split on blank lines, each paragraph's lines joined. */
export const paragraphs = (source: string): SlotText =>
  source.split(/\n\s*\n/).map((paragraph, index) => {
    const key = `p${index + 1}`
    const words = paragraph.replace(/\s*\n\s*/g, ' ').trim()
    return {_type: 'block', _key: key, style: 'normal', ...content(key, [words])}
  })

export const paragraph = (key: string, ...inlines: Inline[]): TextBlock => block(key, inlines)

export const heading = (key: string, level: 'h3' | 'h4', text: string): Item =>
  block(key, [text], {style: level})

export const bullet = (key: string, ...inlines: Inline[]): Item =>
  block(key, inlines, {listItem: 'bullet'})

export const numbered = (key: string, ...inlines: Inline[]): Item =>
  block(key, inlines, {listItem: 'number'})

export const displayMath = (key: string, tex: string): Item => ({
  _type: 'mathBlock',
  _key: key,
  tex,
})

export const codeBlock = (
  key: string,
  language: string,
  filename: string,
  source: string,
): Item => ({_type: 'code', _key: key, language, filename, code: source})

export const table = (key: string, rows: readonly (readonly string[])[]): Item => ({
  _type: 'table',
  _key: key,
  rows: rows.map((cells, index) => ({
    _type: 'tableRow',
    _key: `${key}-r${index + 1}`,
    cells: [...cells],
  })),
})

export const image = (key: string, ref: string, alt: string, caption: string): Item => ({
  _type: 'image',
  _key: key,
  asset: {_type: 'reference', _ref: ref},
  alt,
  caption,
})

/** A section's or an item's own text at a position (see converter/archetypes/positions.ts). */
export const more = <At extends string>(key: string, at: At, ...body: Item[]) => ({
  _type: 'moreText' as const,
  _key: key,
  at,
  body,
})
