/**
 * The vocabulary archetypes are written in. An archetype is pure data: a list
 * of sections built from these nodes, each naming the schema field it reads.
 * The renderer (converter/render/body.ts) interprets the list, the importer
 * reads it backwards, and `mappingTable` reads it to say which archetype
 * heading, label or front-matter key comes from which field. No markdown
 * library is imported here, so the Studio can load archetypes eagerly.
 *
 * Paths are dotted field names relative to the enclosing scope: the document
 * for a section, the section's `path` for its children, one array item for the
 * children of `repeat`.
 */

import type {RichTextType} from '../../schemas/constants.ts'

export interface KeyValue {
  readonly label: string
  readonly path: string
}

/**
 * How a label is written: `**Label**:` (`outside`, the archetypes' usual
 * form), `**Label:**` (`inside`) or `Label:` without bold (`plain`).
 */
export type LabelForm = 'outside' | 'inside' | 'plain'

export interface TableColumn {
  readonly header: string
  readonly path: string
}

/** How one array item of a list is written. Every text field of an item is one-line rich text. */
export type ItemFormat =
  /**
   * `name: description` (or `**name**: description`); either part may be
   * missing. The item's `more` rich text is written inside the list item,
   * under its first line.
   */
  | {
      readonly kind: 'named'
      readonly name: string
      readonly description: string
      readonly bold: boolean
      /** The archetype's placeholder for the name, e.g. "Requirement 1": mapping only. */
      readonly placeholder?: string
    }
  /**
   * `<noun> <n>: <fields joined by separator>` with optional nested `- label: value`
   * lines, e.g. "Layer 1: CDN — static assets" or "**Option A**: Redis".
   */
  | {
      readonly kind: 'counted'
      readonly noun: string
      readonly numbering: 'number' | 'letter'
      readonly bold: boolean
      readonly fields: readonly string[]
      readonly separator: string
      readonly details: readonly KeyValue[]
    }

/** The rich-text field an item of a `named` list writes inside its list item. */
export const ITEM_MORE = 'more'

export type BodyNode =
  /**
   * Rich text written as blocks. Its schema type decides what it may hold:
   * `blockContent` sits under a section heading, `postBody` is a whole post
   * with its own headings, `slotText` is a list or a few paragraphs.
   */
  | {readonly kind: 'prose'; readonly path: string; readonly richText: RichTextType}
  /**
   * `**Label**: text`. The field's first paragraph is written on the label's
   * line; a list, or anything after that paragraph, follows below it.
   */
  | {
      readonly kind: 'labelled'
      readonly label: string
      readonly path: string
      readonly richText: RichTextType
      readonly form: LabelForm
      /** Written before the label, e.g. "✅ ". */
      readonly marker?: string
    }
  /**
   * A display formula (a `mathBlock` object), optionally introduced by a label
   * on its own line. Left out, label and all, when the formula is empty.
   */
  | {
      readonly kind: 'formula'
      readonly path: string
      readonly label?: string
      readonly form: LabelForm
    }
  /** An array of entries as a list, optionally introduced by a `**Label**:` line. */
  | {
      readonly kind: 'list'
      readonly path: string
      readonly ordered: boolean
      readonly item: ItemFormat
      readonly label?: string
    }
  /** `- Label: value` (or `- **Label**: value`) for each value present. */
  | {readonly kind: 'kvList'; readonly items: readonly KeyValue[]; readonly bold: boolean}
  /** An array of objects as a table with fixed column headers. */
  | {readonly kind: 'table'; readonly path: string; readonly columns: readonly TableColumn[]}
  /** Plain text in a fenced block, verbatim, optionally under a `**Label**:` line. */
  | {readonly kind: 'fence'; readonly path: string; readonly lang: string; readonly label?: string}
  /**
   * One `<noun> <n>: <title>` heading per array item, with the children under
   * it; unnumbered, `<noun> <title>` (e.g. "vs. BERT"). With `header: 'label'`
   * the item starts with a `**<noun> <n>**: <title>` line instead of a heading.
   */
  | {
      readonly kind: 'repeat'
      readonly path: string
      readonly noun: string
      readonly numbered: boolean
      readonly header: 'heading' | 'label'
      readonly titleField: string
      readonly children: readonly BodyNode[]
    }
  /** A fixed sub-heading, one level below its parent. Left out when it renders nothing. */
  | {
      readonly kind: 'sub'
      readonly heading: string
      readonly path: string
      readonly children: readonly BodyNode[]
    }
  /** Citations as a numbered list of links with their kind. */
  | {
      readonly kind: 'references'
      readonly path: string
      readonly kindLabels: Readonly<Record<string, string>>
    }
  /** `- [title](url)` or `- title`. */
  | {readonly kind: 'links'; readonly path: string}
  /** The Lyket like-button element; `path` is the per-post on/off switch. */
  | {readonly kind: 'lyket'; readonly path: string}
  /** Fixed markdown; `whenLikeButtons` ties it to the like buttons being shown. */
  | {readonly kind: 'static'; readonly markdown: string; readonly whenLikeButtons: boolean}

export interface Section {
  readonly heading: string
  /** Listed in the generated "Table of Contents". */
  readonly toc: boolean
  readonly path: string
  /**
   * The document field holding the section's free text ("more"), for a
   * section without an object of its own; a section with a `path` keeps it
   * in that object's `more` field.
   */
  readonly more?: string
  readonly children: readonly BodyNode[]
}

/**
 * One sentence of the opening paragraph, as alternatives tried in order: the
 * first whose `{field}` placeholders all have content is used. `{a|b}` falls
 * back to field b when a is empty.
 */
export type SentenceAlternatives = readonly string[]

export interface Archetype {
  /** The Sanity document type. */
  readonly type: string
  /**
   * The H1: `<name>: <tagline>`, the name being the first of `name`'s rich-text
   * fields with content, else the plain-text `fallback` field (the title).
   * Absent when the post's text brings its own headings.
   */
  readonly headline?: {
    readonly name: readonly string[]
    readonly fallback?: string
    readonly tagline: string
  }
  /** Sentences of the templated opening; `{name}` is the headline's name. */
  readonly opening: readonly SentenceAlternatives[]
  /**
   * Written after the templated `opening`, under no heading of its own: the
   * writer's own text above the table of contents.
   */
  readonly lead: readonly BodyNode[]
  /** The generated table of contents' heading; absent, no table of contents is generated. */
  readonly tocHeading?: string
  readonly sections: readonly Section[]
  /** After the last section, separated from it by a blank line. */
  readonly footer: readonly BodyNode[]
}

// Builders: tiny, so an archetype file reads like the archetype itself.

export const prose = (path: string): BodyNode => ({kind: 'prose', path, richText: 'blockContent'})
/** A whole post's text, written as it is, headings included. */
export const postBody = (path: string): BodyNode => ({kind: 'prose', path, richText: 'postBody'})
/** A list the writer types in one editor, or a few paragraphs. */
export const bullets = (path: string): BodyNode => ({kind: 'prose', path, richText: 'slotText'})
export const labelled = (label: string, path: string, form: LabelForm = 'outside'): BodyNode => ({
  kind: 'labelled',
  label,
  path,
  richText: 'inlineText',
  form,
})
export const labelledList = (
  label: string,
  path: string,
  form: LabelForm = 'outside',
  marker?: string,
): BodyNode => ({
  kind: 'labelled',
  label,
  path,
  richText: 'slotText',
  form,
  ...(marker === undefined ? {} : {marker}),
})
/** A display formula, with the label written on the line above it, if any. */
export const formula = (path: string, label?: {text: string; form: LabelForm}): BodyNode => ({
  kind: 'formula',
  path,
  form: label?.form ?? 'outside',
  ...(label === undefined ? {} : {label: label.text}),
})
export const namedList = (
  path: string,
  options: {ordered: boolean; bold: boolean; placeholder?: string},
): BodyNode => ({
  kind: 'list',
  path,
  ordered: options.ordered,
  item: {
    kind: 'named',
    name: 'name',
    description: 'description',
    bold: options.bold,
    ...(options.placeholder === undefined ? {} : {placeholder: options.placeholder}),
  },
})
/** `1. **name**: description`, the archetype's form for functional requirements. */
export const numberedNamed = (path: string, placeholder?: string): BodyNode =>
  namedList(path, {ordered: true, bold: true, ...(placeholder ? {placeholder} : {})})
export const countedList = (
  label: string,
  path: string,
  item: Omit<Extract<ItemFormat, {kind: 'counted'}>, 'kind'>,
  ordered = false,
): BodyNode => ({kind: 'list', path, label, ordered, item: {kind: 'counted', ...item}})
export const kvList = (items: readonly KeyValue[], bold = false): BodyNode => ({
  kind: 'kvList',
  items,
  bold,
})
export const table = (path: string, columns: readonly TableColumn[]): BodyNode => ({
  kind: 'table',
  path,
  columns,
})
export const fence = (path: string, lang = '', label?: string): BodyNode => ({
  kind: 'fence',
  path,
  lang,
  ...(label === undefined ? {} : {label}),
})
export const repeat = (
  path: string,
  noun: string,
  titleField: string,
  children: readonly BodyNode[],
  numbered = true,
): BodyNode => ({kind: 'repeat', path, noun, numbered, header: 'heading', titleField, children})
/** Items each introduced by a `**<noun> <n>**: <title>` line, e.g. a derivation's steps. */
export const labelledItems = (
  path: string,
  noun: string,
  titleField: string,
  children: readonly BodyNode[],
): BodyNode => ({kind: 'repeat', path, noun, numbered: true, header: 'label', titleField, children})
export const sub = (heading: string, children: readonly BodyNode[], path = ''): BodyNode => ({
  kind: 'sub',
  heading,
  path,
  children,
})
export const references = (
  path: string,
  kindLabels: Readonly<Record<string, string>>,
): BodyNode => ({
  kind: 'references',
  path,
  kindLabels,
})
export const links = (path: string): BodyNode => ({kind: 'links', path})
export const lyket = (path: string): BodyNode => ({kind: 'lyket', path})
export const staticMarkdown = (markdown: string, whenLikeButtons = false): BodyNode => ({
  kind: 'static',
  markdown,
  whenLikeButtons,
})
export const section = (
  heading: string,
  options: {toc: boolean; path?: string; more?: string},
  children: readonly BodyNode[],
): Section => ({
  heading,
  toc: options.toc,
  path: options.path ?? '',
  ...(options.more === undefined ? {} : {more: options.more}),
  children,
})

/** The label as written, colon included. */
export function labelText(label: string, form: LabelForm): string {
  if (form === 'inside') return `**${label}:**`
  return form === 'plain' ? `${label}:` : `**${label}**:`
}

/** Joins a scope and a relative path: `join('a', 'b.c')` is `a.b.c`. */
export function joinPath(scope: string, path: string): string {
  if (scope === '') return path
  if (path === '') return scope
  return `${scope}.${path}`
}

/** The field of a scope's object that holds its free text. */
export const MORE = 'more'

/** Where in its section a section's free text is kept, relative to the document. */
export function sectionMorePath(section: Section): string {
  return section.more ?? joinPath(section.path, MORE)
}
