/**
 * Compact builders for the sample posts' rich text. Keys are derived from the
 * block key and the child's position, so the output is stable and readable.
 */
import type {BlockContent} from '../../sanity.types.ts'

type Item = BlockContent[number]
type TextBlock = Extract<Item, {_type: 'block'}>
type Child = NonNullable<TextBlock['children']>[number]
type LinkDef = NonNullable<TextBlock['markDefs']>[number]

/** A piece of a sentence: plain text, a decorated run, a link, or an inline formula. */
export type Inline =
  | string
  | {text: string; marks: readonly ('strong' | 'em' | 'code' | 'strike-through')[]}
  | {text: string; href: string}
  | {tex: string}

export const strong = (text: string): Inline => ({text, marks: ['strong']})
export const em = (text: string): Inline => ({text, marks: ['em']})
export const code = (text: string): Inline => ({text, marks: ['code']})
export const link = (text: string, href: string): Inline => ({text, href})
export const math = (tex: string): Inline => ({tex})

interface BlockOptions {
  style?: 'normal' | 'h3' | 'h4' | 'blockquote'
  listItem?: 'bullet' | 'number'
  level?: number
}

export function block(key: string, inlines: readonly Inline[], options: BlockOptions = {}): Item {
  const markDefs: LinkDef[] = []
  const children: Child[] = inlines.map((inline, index) => {
    const childKey = `${key}-${index + 1}`
    if (typeof inline === 'string') return {_type: 'span', _key: childKey, text: inline, marks: []}
    if ('tex' in inline) return {_type: 'mathInline', _key: childKey, tex: inline.tex}
    if ('href' in inline) {
      const linkKey = `${key}-link${markDefs.length + 1}`
      markDefs.push({_type: 'link', _key: linkKey, href: inline.href})
      return {_type: 'span', _key: childKey, text: inline.text, marks: [linkKey]}
    }
    return {_type: 'span', _key: childKey, text: inline.text, marks: [...inline.marks]}
  })
  return {
    _type: 'block',
    _key: key,
    style: options.style ?? 'normal',
    ...(options.listItem ? {listItem: options.listItem, level: options.level ?? 1} : {}),
    markDefs,
    children,
  }
}

export const paragraph = (key: string, ...inlines: Inline[]): Item => block(key, inlines)

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
