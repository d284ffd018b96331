/**
 * The markdown library's serialization of cleaned rich text, reproduced for
 * the common case where its escaping would change nothing. The library plans
 * its escaping per character of every line, which made it most of a post's
 * rendering time, although almost every line of prose has nothing to escape.
 * `escapingNeeded` answers, from the same rules the library applies, whether
 * a line could get an escape; a block with such a line is handed to the
 * library. Everything else here (list numbering, mark nesting, block
 * spacing) mirrors the library exactly, which the differential tests check.
 */

export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}
export interface MathInline {
  _type: 'mathInline'
  _key: string
  tex: string
  display: boolean
}
/** Raw inline HTML, written as it is: `<kbd>Ctrl</kbd>`. */
export interface HtmlInline {
  _type: 'htmlInline'
  _key: string
  html: string
}
/** A footnote reference; its text is kept by the render, in the post's order. */
export interface FootnoteRef {
  _type: 'footnote'
  _key: string
  number: number
}
/** Everything a text block holds besides spans. */
export type InlineObject = MathInline | HtmlInline | FootnoteRef
export type Inline = Span | InlineObject
export interface LinkDef {
  _type: 'link'
  _key: string
  href: string
}
export interface TextBlock {
  _type: 'block'
  _key: string
  style: string
  listItem?: string
  level?: number
  /** The number a numbered list starts at, on its first item, when not 1. */
  start?: number
  /** On a list's first item: its items are set apart by blank lines. */
  loose?: boolean
  /** Emphasis written with `_` rather than `*`: in a heading, Hugo keeps it in the anchor. */
  emphasis?: '_'
  markDefs: LinkDef[]
  children: Inline[]
}
export type CleanNode =
  | TextBlock
  | {_type: 'code'; _key: string; code: string; language: string; filename: string}
  | {_type: 'image'; _key: string; src: string; alt: string; caption: string; title: string}
  | {_type: 'table'; _key: string; rows: string[][]}
  | {_type: 'mathBlock'; _key: string; tex: string}
  | {_type: 'htmlEmbed'; _key: string; html: string}
  | {_type: 'horizontalRule'; _key: string}
  | {_type: 'details'; _key: string; summary: string; open: boolean; body: CleanNode[]}
export type ObjectNode = Exclude<CleanNode, TextBlock>

/** Where a line sits, for the rules that apply only to a block's first line. */
export interface LineStart {
  /** The first line of an ATX heading, which cannot start a block but can end in a closing `#` run. */
  readonly heading: boolean
  /** The first line of a list item, where `[ ] ` would read back as a task checkbox. */
  readonly listItem: boolean
}

const ANYWHERE = {heading: false, listItem: false} as const

/**
 * Triggers of the library's inline escapes: a backslash before ASCII
 * punctuation, a tilde run, a backtick, an entity reference, a tag-like `<`,
 * and a `]` that would open a link. `*` and `_` are judged separately, by
 * their flanking, because most of them (`snake_case`, `2*3`) are left alone.
 */
const INLINE_HAZARD =
  /\\[!-/:-@[-`{-~]|~~|`|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);|<[a-zA-Z/!?]|\][([]/
const UNICODE_PUNCTUATION_OR_SYMBOL = /^(?:\p{P}|\p{S})$/u
const WHITESPACE = /\s/

function isWhitespace(char: string | undefined): boolean {
  return char === undefined || WHITESPACE.test(char)
}

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && UNICODE_PUNCTUATION_OR_SYMBOL.test(char)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** The whole code point before `index`: an emoji is judged as one character. */
function codePointBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined
  return index >= 2 &&
    isLowSurrogate(text.charCodeAt(index - 1)) &&
    isHighSurrogate(text.charCodeAt(index - 2))
    ? text.slice(index - 2, index)
    : text[index - 1]
}

function codePointAt(text: string, index: number): string | undefined {
  if (index >= text.length) return undefined
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1))
    ? text.slice(index, index + 2)
    : text[index]
}

/** Whether a `*` or `_` run could open or close emphasis (CommonMark's flanking rules). */
function hasEmphasisHazard(text: string): boolean {
  let index = 0
  while (index < text.length) {
    const char = text[index]
    if (char !== '*' && char !== '_') {
      index++
      continue
    }
    let end = index
    while (end < text.length && text[end] === char) end++
    const before = codePointBefore(text, index)
    const after = codePointAt(text, end)
    const left =
      !isWhitespace(after) &&
      (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before))
    const right =
      !isWhitespace(before) &&
      (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after))
    const canOpen = char === '_' ? left && (!right || isPunctuation(before)) : left
    const canClose = char === '_' ? right && (!left || isPunctuation(after)) : right
    if (canOpen || canClose) return true
    index = end
  }
  return false
}

/** The first characters every block-start rule below needs; most lines start otherwise. */
const CAN_START_BLOCK = /^[ \t#>[\-+*_=0-9]/

/** Whether the start (or a heading's end) of the line could be read as block syntax. */
function hasLineStartHazard(text: string, start: LineStart): boolean {
  if (!start.heading && !CAN_START_BLOCK.test(text)) return false
  const leadingSpaces = /^ {0,3}/.exec(text)?.[0].length ?? 0
  const rest = text.slice(leadingSpaces)
  if (start.listItem && /^\[[ xX]\] /.test(rest)) return true
  if (start.heading) return /^(?:(.*[ \t]))?(#+[ \t]*)$/.test(text)
  return (
    /^ {0,3}(\d{1,9})([.)])(?=[ \t]|$)/.test(text) ||
    /^#{1,6}(?:[ \t]|$)/.test(rest) ||
    rest.startsWith('>') ||
    /^\[[^\]\n]*\]:/.test(rest) ||
    /^[-+*](?:[ \t]|$)/.test(rest) ||
    /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(text) ||
    /^ {0,3}=+[ \t]*$/.test(text) ||
    /^ {0,3}-+[ \t]*$/.test(text) ||
    /^ {4}/.test(text) ||
    /^ {0,3}\t/.test(text)
  )
}

/**
 * Whether the markdown library could escape anything in this line (one line
 * of a block: its spans' text joined, an inline object counting as "\0").
 * It may answer true for a line the library leaves alone (the library spares
 * bare URLs and link labels some escapes); it never answers false for a line
 * the library would change.
 */
export function escapingNeeded(line: string, start: LineStart = ANYWHERE): boolean {
  return inlineEscapingNeeded(line) || hasLineStartHazard(line, start)
}

/** The same for the rules that apply anywhere on a line, leaving out those for its start. */
export function inlineEscapingNeeded(line: string): boolean {
  return (
    INLINE_HAZARD.test(line) ||
    ((line.includes('*') || line.includes('_')) && hasEmphasisHazard(line))
  )
}

/** Everything outside text the block serialization needs from its caller. */
export interface Renderers {
  /** A code-marked run, given its raw text. */
  readonly code: (text: string) => string
  readonly link: (children: string, href: string) => string
  /** A formula, inline HTML or footnote reference inside text. */
  readonly inline: (object: InlineObject) => string
  readonly hardBreak: string
  /** A block's inline markdown, before its style is applied, as the library's block renderers give it. */
  readonly blockText: (markdown: string, heading: boolean) => string
  readonly object: (node: ObjectNode) => string
  /** The library's rendering of one block, for blocks with something to escape. */
  readonly library: (block: TextBlock, list: ListPosition | undefined) => string
}

export interface ListPosition {
  /** The item's number within its list (1-based). */
  readonly index: number
  /** How deeply it is indented: each deeper level is one step, however many levels it skips. */
  readonly depth: number
  /** Its top-level list is loose: a blank line comes before each of its items. */
  readonly loose?: boolean
}

/** List numbering and depth, by node position, computed as the library does. */
export function listPositions(nodes: readonly CleanNode[]): (ListPosition | undefined)[] {
  // A line of text on its own, the commonest call, is in no list.
  const only = nodes.length === 1 ? nodes[0] : undefined
  if (only !== undefined && (only._type !== 'block' || only.listItem === undefined))
    return [undefined]
  const positions: (ListPosition | undefined)[] = []
  const levelIndexMaps = new Map<string, Map<number, number>>()
  let levelStack: number[] = []
  let previous: {listItem: string; depth: number} | undefined
  const depthOf = (level: number) => {
    let deepest = levelStack.at(-1)
    while (deepest !== undefined && deepest > level) {
      levelStack.pop()
      deepest = levelStack.at(-1)
    }
    if (deepest !== level) levelStack.push(level)
    return levelStack.length - 1
  }
  const counters = (listItem: string) => {
    let map = levelIndexMaps.get(listItem)
    if (map === undefined) {
      map = new Map()
      levelIndexMaps.set(listItem, map)
    }
    return map
  }
  let quoted = false
  let loose = false
  nodes.forEach((node, position) => {
    const isQuoted = node._type === 'block' && node.style === 'blockquote'
    if (
      node._type !== 'block' ||
      node.listItem === undefined ||
      node.level === undefined ||
      isQuoted !== quoted
    ) {
      levelIndexMaps.clear()
      previous = undefined
      levelStack = []
      quoted = isQuoted
    }
    if (node._type !== 'block' || node.listItem === undefined || node.level === undefined) {
      positions.push(undefined)
      return
    }
    const listItem = node.listItem
    const depth = depthOf(node.level)
    let index = node.start ?? 1
    if (
      previous === undefined ||
      (previous.listItem === listItem && previous.depth < depth) ||
      node.start !== undefined
    ) {
      counters(listItem).set(depth, index)
    } else {
      for (const [otherItem, map] of levelIndexMaps) {
        if (otherItem === listItem) continue
        for (const existing of [...map.keys()]) if (existing >= depth) map.delete(existing)
      }
      const map = counters(listItem)
      index = (map.get(depth) ?? 0) + 1
      map.set(depth, index)
    }
    previous = {listItem, depth}
    if (depth === 0 && index === (node.start ?? 1)) loose = node.loose === true
    positions[position] = loose ? {index, depth, loose} : {index, depth}
  })
  return positions
}

const KNOWN_DECORATORS = ['strong', 'em', 'code', 'underline', 'strike-through']

/**
 * Whether text under a mark written with markers (`**`, `*`, `~~`) starts or ends
 * with what would merge with them (`** Stars` in bold showed its asterisks) or, at its
 * end, escape the closing one (a backslash): left to the library, which escapes it.
 */
function mergesWithMarker(mark: string, text: string): boolean {
  return mark !== 'code' && mark !== 'underline' && MARKER_EDGE.test(text)
}
const MARKER_EDGE = /^[*_~]|[*_~\\]$/

/**
 * For each child, how many children from it on carry each of its marks without a
 * break. Counted from the end, once: counting forward from every span made a mark
 * running over 100,000 spans quadratic.
 */
function markRuns(children: readonly Inline[]): ReadonlyMap<string, number>[] {
  const runs: ReadonlyMap<string, number>[] = new Array(children.length)
  for (let index = children.length - 1; index >= 0; index--) {
    const child = children[index]
    if (child?._type !== 'span' || child.marks.length === 0) {
      runs[index] = NO_MARKS
      continue
    }
    const counts = new Map<string, number>()
    for (const mark of child.marks) counts.set(mark, (runs[index + 1]?.get(mark) ?? 0) + 1)
    runs[index] = counts
  }
  return runs
}

const NO_MARKS: ReadonlyMap<string, number> = new Map()
const NO_LINKS: ReadonlyMap<string, LinkDef> = new Map()

/** A span's marks, outermost first: the ones that run on longest open first. */
function sortedMarks(child: Inline, runs: ReadonlyMap<string, number>): string[] {
  if (child._type !== 'span' || child.marks.length === 0) return []
  return [...child.marks].sort((a, b) => {
    const countA = runs.get(a) ?? 0
    const countB = runs.get(b) ?? 0
    if (countA !== countB) return countB - countA
    const knownA = KNOWN_DECORATORS.indexOf(a)
    const knownB = KNOWN_DECORATORS.indexOf(b)
    return knownA === knownB ? a.localeCompare(b) : knownA - knownB
  })
}

interface OpenMark {
  readonly key: string
  /** The rendered children so far. */
  out: string
  /** The raw text so far, which a code mark renders instead of its children. */
  plain: string
}

function closeMark(
  block: TextBlock,
  links: ReadonlyMap<string, LinkDef>,
  mark: OpenMark,
  renderers: Renderers,
): string {
  const def = links.get(mark.key)
  if (def !== undefined) return renderers.link(mark.out, def.href)
  switch (mark.key) {
    case 'strong':
      return `**${mark.out}**`
    case 'em': {
      const marker = block.emphasis ?? '*'
      return `${marker}${mark.out}${marker}`
    }
    case 'code':
      return renderers.code(mark.plain)
    case 'underline':
      return `<u>${mark.out}</u>`
    case 'strike-through':
      return `~~${mark.out}~~`
    default:
      return mark.out
  }
}

/**
 * The inline content of a block whose spans each carry at most one mark, never
 * the mark of the span before, and no line break: the shape of most lines (a
 * bold label, a value, a sentence with a word in code). No mark stack is
 * needed to write it, and it is written as `inlineMarkdown` writes it.
 * Null when its line could need escaping; undefined for any other block.
 */
function flatInlineMarkdown(
  block: TextBlock,
  links: ReadonlyMap<string, LinkDef>,
  start: LineStart,
  renderers: Renderers,
): string | null | undefined {
  let line = ''
  let out = ''
  let previous = ''
  for (const child of block.children) {
    if (child._type !== 'span' || child.marks.length > 1 || child.text.includes('\n'))
      return undefined
    const mark = child.marks[0] ?? ''
    if (mark !== '' && mark === previous) return undefined
    const link = mark !== '' && links.has(mark)
    // Link text gets its brackets and backslashes escaped: left to the library.
    if (link && /[[\]\\]/.test(child.text)) return null
    if (!link && mergesWithMarker(mark, child.text)) return null
    line += child.text
    out +=
      mark === ''
        ? child.text
        : closeMark(block, links, {key: mark, out: child.text, plain: child.text}, renderers)
    previous = mark
  }
  return escapingNeeded(line, start) ? null : out
}

/**
 * A block's inline content, or undefined when some line of it could need
 * escaping. Marks nest as the library nests them: a span opens the marks it
 * needs beyond those already open, the longest-running first.
 */
function inlineMarkdown(
  block: TextBlock,
  heading: boolean,
  listItem: boolean,
  renderers: Renderers,
): string | undefined {
  const links =
    block.markDefs.length === 0 ? NO_LINKS : new Map(block.markDefs.map((def) => [def._key, def]))
  const flat = flatInlineMarkdown(block, links, {heading, listItem}, renderers)
  if (flat !== undefined) return flat === null ? undefined : renderers.blockText(flat, heading)
  const {children} = block
  let line = ''
  let firstLine = true
  for (const child of children) {
    if (child._type !== 'span') {
      line += '\0'
      continue
    }
    // Link text gets its brackets and backslashes escaped: left to the library.
    if (child.marks.some((mark) => links.has(mark))) {
      if (/[[\]\\]/.test(child.text)) return undefined
    }
    if (child.marks.some((mark) => !links.has(mark) && mergesWithMarker(mark, child.text)))
      return undefined
    if (!child.text.includes('\n')) {
      line += child.text
      continue
    }
    const pieces = child.text.split('\n')
    line += pieces[0]
    for (let i = 1; i < pieces.length; i++) {
      if (escapingNeeded(line, firstLine ? {heading, listItem} : ANYWHERE)) return undefined
      firstLine = false
      line = pieces[i] ?? ''
    }
  }
  if (escapingNeeded(line, firstLine ? {heading, listItem} : ANYWHERE)) return undefined

  const stack: OpenMark[] = [{key: '', out: '', plain: ''}]
  const close = () => {
    const mark = stack.pop()
    const parent = stack.at(-1)
    if (mark === undefined || parent === undefined) return
    parent.out += closeMark(block, links, mark, renderers)
    parent.plain += mark.plain
  }
  const runs = markRuns(children)
  children.forEach((child, index) => {
    const needed = sortedMarks(child, runs[index] ?? NO_MARKS)
    let keep = 1
    if (stack.length > 1)
      for (; keep < stack.length; keep++) {
        const at = needed.indexOf(stack[keep]?.key ?? '')
        if (at === -1) break
        needed.splice(at, 1)
      }
    while (stack.length > keep) close()
    for (const key of needed) stack.push({key, out: '', plain: ''})
    const top = stack.at(-1)
    if (top === undefined) return
    if (child._type === 'span') {
      top.out += child.text.includes('\n')
        ? child.text.split('\n').join(renderers.hardBreak)
        : child.text
      top.plain += child.text
    } else top.out += renderers.inline(child)
  })
  while (stack.length > 1) close()
  return renderers.blockText(stack[0]?.out ?? '', heading)
}

const HEADING_LEVELS: Record<string, number> = {h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6}

const NON_SPACE = /\S/

function styled(style: string, children: string): string | undefined {
  const level = HEADING_LEVELS[style]
  if (level !== undefined) return `${'#'.repeat(level)} ${children}`
  if (style === 'normal') return NON_SPACE.test(children) ? children : ''
  if (style === 'blockquote')
    return children
      ? children
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')
      : '>'
  return undefined
}

/**
 * A line made of plain words and wholly bold pieces (a label, a value): written
 * as `textBlockMarkdown` writes the same block (a top-level list item after its
 * `marker`), without building one. Most lines a post's slots make are like
 * this. Undefined for anything else.
 */
export function directLine(
  children: readonly Inline[],
  style: string,
  marker: string | undefined,
): string | undefined {
  let line = ''
  let out = ''
  let bold = false
  for (const child of children) {
    if (child._type !== 'span') return undefined
    const {text, marks} = child
    if (text === '' || text.includes('\n') || text.includes('<')) return undefined
    if (marks.length === 0) {
      out += text
      bold = false
    } else if (
      marks.length === 1 &&
      marks[0] === 'strong' &&
      !bold &&
      !EDGE_WHITESPACE.test(text) &&
      !mergesWithMarker('strong', text)
    ) {
      out += `**${text}**`
      bold = true
    } else return undefined
    line += text
  }
  const heading = HEADING_LEVELS[style]
  if (escapingNeeded(line, {heading: heading !== undefined, listItem: marker !== undefined}))
    return undefined
  if (DIRECT_HAZARD.test(line) || (heading !== undefined && line.trimEnd().endsWith('}')))
    return undefined
  if (heading !== undefined) return `${'#'.repeat(heading)} ${out}`
  if (style !== 'normal' || !NON_SPACE.test(out)) return undefined
  return marker === undefined ? out : `${marker}${out}`
}

const EDGE_WHITESPACE = /^\s|\s$/
/**
 * What MathJax (`$`, `\`) or Goldmark (a leading `: `, and a heading's trailing `}`,
 * tested apart) would read in a line: left to the renderers, which escape it
 * (`mathJaxText`, `goldmarkSafe`).
 */
const DIRECT_HAZARD = /[$\\]|^[ \t]*:[ \t]/

/** A text block as the library writes it, or undefined when that needs the library. */
export function textBlockMarkdown(
  block: TextBlock,
  list: ListPosition | undefined,
  renderers: Renderers,
): string | undefined {
  const heading = HEADING_LEVELS[block.style] !== undefined
  if (block.listItem === undefined) {
    const children = inlineMarkdown(block, heading, false, renderers)
    return children === undefined ? undefined : styled(block.style, children)
  }
  if (list === undefined || (block.listItem !== 'bullet' && block.listItem !== 'number'))
    return undefined
  let children: string | undefined
  if (block.style !== 'normal' && block.style !== '') {
    const inner = inlineMarkdown(block, heading, true, renderers)
    children = inner === undefined ? undefined : styled(block.style, inner)?.replace(/\n+$/, '')
  } else children = inlineMarkdown(block, false, true, renderers)
  if (children === undefined) return undefined
  const marker = block.listItem === 'number' ? `${list.index}. ` : '- '
  return `${'   '.repeat(list.depth)}${marker}${children}`
}

function isListItem(node: CleanNode): boolean {
  return node._type === 'block' && node.listItem !== undefined
}

function isQuote(node: CleanNode | undefined): boolean {
  return node?._type === 'block' && node.style === 'blockquote'
}

/**
 * What goes between two rendered blocks: list items stay together, quotes
 * stay one quote. A list in a quote is its own list, apart from the list
 * items around the quote.
 */
function spacing(current: CleanNode, next: CleanNode, nextList?: ListPosition): string {
  const quoted = isQuote(current)
  if (quoted !== isQuote(next)) return '\n\n'
  if (isListItem(current) && isListItem(next))
    return nextList?.loose !== true ? '\n' : quoted ? '\n>\n' : '\n\n'
  return quoted ? '\n>\n' : '\n\n'
}

/** How many text blocks were written here and how many by the library, for the tests. */
export interface Tally {
  plain: number
  library: number
}

/**
 * One text block. A quoted list item (a list inside a quote) is the list item
 * written as usual, then quoted line by line.
 */
function textBlock(
  block: TextBlock,
  list: ListPosition | undefined,
  renderers: Renderers,
  plainWhenPossible: boolean,
  tally: Tally | undefined,
): string {
  if (block.listItem !== undefined && block.style === 'blockquote') {
    const item = textBlock({...block, style: 'normal'}, list, renderers, plainWhenPossible, tally)
    return item.replace(/^/gm, '> ')
  }
  const plain = plainWhenPossible ? textBlockMarkdown(block, list, renderers) : undefined
  if (tally !== undefined) tally[plain === undefined ? 'library' : 'plain']++
  return plain ?? renderers.library(block, list)
}

/** Cleaned rich text as markdown, each block written here or, when it needs escaping, by the library. */
export function blocksMarkdown(
  nodes: readonly CleanNode[],
  renderers: Renderers,
  tally?: Tally,
  plainWhenPossible = true,
  positions: readonly (ListPosition | undefined)[] = listPositions(nodes),
): string {
  let out = ''
  let previous: CleanNode | undefined
  nodes.forEach((node, index) => {
    const rendered =
      node._type === 'block'
        ? textBlock(node, positions[index], renderers, plainWhenPossible, tally)
        : renderers.object(node)
    if (rendered === '') return
    if (previous !== undefined) out += spacing(previous, node, positions[index])
    out += rendered
    previous = node
  })
  return out
}
