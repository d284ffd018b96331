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
  markDefs: LinkDef[]
  children: (Span | MathInline)[]
}
export type CleanNode =
  | TextBlock
  | {_type: 'code'; _key: string; code: string; language: string; filename: string}
  | {_type: 'image'; _key: string; src: string; alt: string; caption: string}
  | {_type: 'table'; _key: string; rows: string[][]}
  | {_type: 'mathBlock'; _key: string; tex: string}
  | {_type: 'htmlEmbed'; _key: string; html: string}
  | {_type: 'horizontalRule'; _key: string}
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
  readonly mathInline: (math: MathInline) => string
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
}

/** List numbering and depth, by node position, computed as the library does. */
export function listPositions(nodes: readonly CleanNode[]): (ListPosition | undefined)[] {
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
  nodes.forEach((node, position) => {
    if (node._type !== 'block' || node.listItem === undefined || node.level === undefined) {
      levelIndexMaps.clear()
      previous = undefined
      levelStack = []
      positions.push(undefined)
      return
    }
    const listItem = node.listItem
    const depth = depthOf(node.level)
    let index = 1
    if (previous === undefined || (previous.listItem === listItem && previous.depth < depth)) {
      counters(listItem).set(depth, 1)
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
    positions[position] = {index, depth}
  })
  return positions
}

const KNOWN_DECORATORS = ['strong', 'em', 'code', 'underline', 'strike-through']

/**
 * For each child, how many children from it on carry each of its marks without a
 * break. Counted from the end, once: counting forward from every span made a mark
 * running over 100,000 spans quadratic.
 */
function markRuns(children: readonly (Span | MathInline)[]): ReadonlyMap<string, number>[] {
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
function sortedMarks(child: Span | MathInline, runs: ReadonlyMap<string, number>): string[] {
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
  links: ReadonlyMap<string, LinkDef>,
  mark: OpenMark,
  renderers: Renderers,
): string {
  const def = links.get(mark.key)
  if (def !== undefined) return renderers.link(mark.out, def.href)
  switch (mark.key) {
    case 'strong':
      return `**${mark.out}**`
    case 'em':
      return `_${mark.out}_`
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
  const {children} = block
  const links =
    block.markDefs.length === 0 ? NO_LINKS : new Map(block.markDefs.map((def) => [def._key, def]))
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
    parent.out += closeMark(links, mark, renderers)
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
    } else top.out += renderers.mathInline(child)
  })
  while (stack.length > 1) close()
  return renderers.blockText(stack[0]?.out ?? '', heading)
}

const HEADING_LEVELS: Record<string, number> = {h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6}

function styled(style: string, children: string): string | undefined {
  const level = HEADING_LEVELS[style]
  if (level !== undefined) return `${'#'.repeat(level)} ${children}`
  if (style === 'normal') return children.trim() === '' ? '' : children
  if (style === 'blockquote')
    return children
      ? children
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')
      : '>'
  return undefined
}

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

/** What goes between two rendered blocks: list items stay together, quotes stay one quote. */
function spacing(current: CleanNode, next: CleanNode): string {
  if (isListItem(current) && isListItem(next)) return '\n'
  if (
    current._type === 'block' &&
    next._type === 'block' &&
    current.style === 'blockquote' &&
    next.style === 'blockquote'
  )
    return '\n>\n'
  return '\n\n'
}

/** How many text blocks were written here and how many by the library, for the tests. */
export interface Tally {
  plain: number
  library: number
}

/** Cleaned rich text as markdown, each block written here or, when it needs escaping, by the library. */
export function blocksMarkdown(
  nodes: readonly CleanNode[],
  renderers: Renderers,
  tally?: Tally,
): string {
  const positions = listPositions(nodes)
  let out = ''
  let previous: CleanNode | undefined
  nodes.forEach((node, index) => {
    let rendered: string
    if (node._type === 'block') {
      const list = positions[index]
      const plain = textBlockMarkdown(node, list, renderers)
      if (tally !== undefined) tally[plain === undefined ? 'library' : 'plain']++
      rendered = plain ?? renderers.library(node, list)
    } else rendered = renderers.object(node)
    if (rendered === '') return
    if (previous !== undefined) out += spacing(previous, node)
    out += rendered
    previous = node
  })
  return out
}
