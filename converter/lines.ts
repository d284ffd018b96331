import {PAPERMOD_FRONT_MATTER} from './archetypes/frontMatter.ts'
import {ARCHETYPES} from './archetypes/index.ts'
import type {Archetype, BodyNode} from './archetypes/spec.ts'
import {hasContent} from './content.ts'
import {isRecord, itemSegment} from './render/context.ts'
import {foldLines, headingText} from './render/text.ts'
import type {PathSegment} from './types.ts'

/**
 * Which field each line of a rendered post was written from: the line → field map
 * that lets a Hugo error at `content/posts/x.md:120:3` name the field a writer
 * should fix. Derived from the markdown's headings and `**Label**:` lines, read
 * against the archetype's section list and the document (for array item keys),
 * so the renderer itself needs to know nothing about it.
 *
 * A line maps to the most precise field it can be told apart by: a front-matter
 * key, a section, a sub-section, one item of a repeated section (by its `_key`),
 * or a labelled slot within it. Generated lines (the table of contents, the
 * opening sentence, the footer) map to no field.
 */
export type LineFields = readonly (readonly PathSegment[] | undefined)[]

/** Index `line - 1` holds the field of that line. */
export function lineFields(doc: unknown, markdown: string): LineFields {
  const lines = markdown.split('\n')
  const archetype = isRecord(doc) ? ARCHETYPES.get(String(doc['_type'])) : undefined
  const out: (readonly PathSegment[] | undefined)[] = []
  const bodyStart = frontMatterFields(lines, out)
  if (archetype !== undefined && isRecord(doc))
    bodyFields(doc, archetype, lines.slice(bodyStart), out)
  while (out.length < lines.length) out.push(undefined)
  return out
}

/** The field of one line (1-based), or undefined. */
export function fieldAtLine(
  doc: unknown,
  markdown: string,
  line: number,
): PathSegment[] | undefined {
  const field = lineFields(doc, markdown)[line - 1]
  return field === undefined ? undefined : [...field]
}

const TOP_KEY = /^([A-Za-z_][\w-]*):/
const NESTED_KEY = /^\s+([A-Za-z_][\w-]*):/

/** Maps the front matter's lines to their keys' fields; returns the first body line's index. */
function frontMatterFields(lines: readonly string[], out: (readonly PathSegment[] | undefined)[]) {
  if (lines[0] !== '---') return 0
  out.push(undefined)
  let top: string | undefined
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line === '---') {
      out.push(undefined)
      return i + 1
    }
    const key = TOP_KEY.exec(line)?.[1]
    if (key !== undefined) top = key
    const nested = key === undefined ? NESTED_KEY.exec(line)?.[1] : undefined
    out.push(frontMatterField(top, nested))
  }
  return lines.length
}

function frontMatterField(top: string | undefined, nested: string | undefined) {
  const key = PAPERMOD_FRONT_MATTER.find((candidate) => candidate.key === top)
  if (key === undefined || key.kind === 'aliases') return undefined
  if ((key.kind === 'cover' || key.kind === 'editPost') && nested !== undefined) {
    const child = key.children.find((candidate) => candidate.key === nested)
    if (child !== undefined) return dotted([], child.field)
  }
  return dotted([], key.field)
}

function dotted(scope: readonly PathSegment[], path: string): PathSegment[] {
  return path === '' ? [...scope] : [...scope, ...path.split('.')]
}

/** A heading the archetype wrote, and the fields under it. */
interface Frame {
  level: number
  /** The field the heading line stands for; undefined for generated headings. */
  path: readonly PathSegment[] | undefined
  /** Where the lines under it read their fields; undefined when they are generated. */
  scope: readonly PathSegment[] | undefined
  children: readonly BodyNode[]
  /** The labelled slot the lines belong to since its `**Label**:` line. */
  slot?: readonly PathSegment[]
}

const HEADING = /^(#{1,6}) (.*)$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/

function bodyFields(
  doc: Record<string, unknown>,
  archetype: Archetype,
  lines: readonly string[],
  out: (readonly PathSegment[] | undefined)[],
): void {
  const root: Frame = {level: 0, path: undefined, scope: [], children: archetype.lead}
  const stack: Frame[] = [root]
  const footer = new Set(
    archetype.footer.flatMap((node) => (node.kind === 'static' ? [node.markdown] : [])),
  )
  let fence: string | undefined
  for (const line of lines) {
    const opener = FENCE.exec(line)?.[1]
    const fenceLine = opener !== undefined && (fence === undefined || opener.startsWith(fence))
    const inFence = fence !== undefined || fenceLine
    if (fenceLine) fence = fence === undefined ? opener : undefined
    const heading = inFence ? undefined : HEADING.exec(line)
    const frame = heading
      ? enter(doc, archetype, stack, heading[1]?.length ?? 0, heading[2] ?? '')
      : undefined
    const field = frame
      ? frame.path
      : footer.has(line) && stack.length > 1
        ? undefined
        : slotOf(stack[stack.length - 1] ?? root, line, inFence)
    // An empty path is the document itself: no field to name.
    out.push(field === undefined || field.length === 0 ? undefined : field)
  }
}

/**
 * Enters the frame a heading opens when the archetype wrote it (closing deeper
 * ones); a heading the writer wrote inside rich text opens none.
 */
function enter(
  doc: Record<string, unknown>,
  archetype: Archetype,
  stack: Frame[],
  level: number,
  text: string,
): Frame | undefined {
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    const parent = stack[depth]
    if (parent === undefined || parent.level >= level) continue
    const frame =
      depth === 0
        ? rootHeading(doc, archetype, level, text)
        : childHeading(doc, parent, level, text)
    if (frame === undefined) continue
    stack.splice(depth + 1, stack.length, frame)
    return frame
  }
  return undefined
}

function rootHeading(
  doc: Record<string, unknown>,
  archetype: Archetype,
  level: number,
  text: string,
): Frame | undefined {
  if (level === 1 && archetype.headline !== undefined) {
    // The opening sentence under it is made from several fields.
    const name = archetype.headline.name.find((field) => hasContent(doc[field]))
    return {level, path: name === undefined ? undefined : [name], scope: undefined, children: []}
  }
  if (level !== 2) return undefined
  if (archetype.tocHeading !== undefined && text === headingText(archetype.tocHeading))
    return {level, path: undefined, scope: undefined, children: []}
  const section = archetype.sections.find((candidate) => text === headingText(candidate.heading))
  if (section === undefined) return undefined
  const scope = dotted([], section.path)
  return {
    level,
    path: headingField(section.path, scope, section.children),
    scope,
    children: section.children,
  }
}

function childHeading(
  doc: Record<string, unknown>,
  parent: Frame,
  level: number,
  text: string,
): Frame | undefined {
  const parentScope = parent.scope
  if (parentScope === undefined || level !== parent.level + 1) return undefined
  for (const node of parent.children) {
    if (node.kind === 'sub' && text === headingText(node.heading)) {
      const scope = dotted(parentScope, node.path)
      return {
        level,
        path: headingField(node.path, scope, node.children),
        scope,
        children: node.children,
      }
    }
    if (node.kind === 'repeat') {
      const item = repeatItem(doc, dotted(parentScope, node.path), node, text)
      if (item !== undefined) return {level, path: item, scope: item, children: node.children}
    }
  }
  return undefined
}

/** A heading with no field of its own (`## Core Components`) stands for the one field under it. */
function headingField(own: string, scope: readonly PathSegment[], children: readonly BodyNode[]) {
  if (own !== '') return scope
  const fields = children.flatMap((node) => ('path' in node && node.path !== '' ? [node.path] : []))
  return fields.length === 1 && fields[0] !== undefined ? dotted(scope, fields[0]) : scope
}

/**
 * The item a `<noun> <n>: <title>` heading stands for: the one with that title, or
 * else the n-th item with content (the renderer numbers only the items it writes).
 */
function repeatItem(
  doc: Record<string, unknown>,
  arrayPath: readonly PathSegment[],
  node: Extract<BodyNode, {kind: 'repeat'}>,
  text: string,
): PathSegment[] | undefined {
  const match = new RegExp(`^${escapeRegExp(headingText(node.noun))} (\\d+)(?::|$)`).exec(text)
  if (match === null) return undefined
  const items = valueAt(doc, arrayPath)
  if (!Array.isArray(items)) return [...arrayPath]
  const n = Number(match[1])
  const titleOf = (item: unknown) => {
    const title = isRecord(item) ? item[node.titleField] : undefined
    return typeof title === 'string' && hasContent(title) ? foldLines(title) : undefined
  }
  let index = items.findIndex((item) => {
    const title = titleOf(item)
    return title !== undefined && headingText(`${node.noun} ${n}: ${title}`) === text
  })
  if (index === -1) {
    const written = items.flatMap((item, i) => (isRecord(item) && hasContent(item) ? [i] : []))
    index = written[n - 1] ?? -1
  }
  if (index === -1) return [...arrayPath]
  return [...arrayPath, itemSegment(items[index], index)]
}

function valueAt(doc: Record<string, unknown>, path: readonly PathSegment[]): unknown {
  let value: unknown = doc
  for (const segment of path) {
    if (typeof segment !== 'string' || !isRecord(value)) return undefined
    value = value[segment]
  }
  return value
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const FENCED: ReadonlySet<BodyNode['kind']> = new Set(['fence'])

/**
 * The field of a line under a frame's heading: the labelled slot it follows, or the
 * only slot it can belong to, or the frame's own field.
 */
function slotOf(frame: Frame, line: string, inFence: boolean): readonly PathSegment[] | undefined {
  const scope = frame.scope
  if (scope === undefined) return undefined
  const slots = frame.children.filter((node) => node.kind !== 'sub' && node.kind !== 'repeat')
  if (!inFence) {
    const labelled = labelledSlot(slots, line)
    if (labelled !== undefined) {
      if (labelled.kind !== 'kv') frame.slot = dotted(scope, labelled.path)
      return dotted(scope, labelled.path)
    }
  }
  if (frame.slot !== undefined) return frame.slot
  // Before any label, a line belongs to a slot that writes none.
  const candidates = slots.filter(
    (node) =>
      node.kind !== 'static' &&
      node.kind !== 'kvList' &&
      FENCED.has(node.kind) === inFence &&
      !('label' in node && node.label !== undefined),
  )
  const only = candidates.length === 1 ? candidates[0] : slots.length === 1 ? slots[0] : undefined
  return only !== undefined && 'path' in only ? dotted(scope, only.path) : scope
}

/** The slot a `**Label**:` line opens, or the key of a `- Label: value` line. */
function labelledSlot(
  slots: readonly BodyNode[],
  line: string,
): {kind: 'label' | 'kv'; path: string} | undefined {
  for (const node of slots) {
    if ((node.kind === 'labelled' || node.kind === 'list') && node.label !== undefined)
      if (line.startsWith(`**${node.label}**:`)) return {kind: 'label', path: node.path}
    if (node.kind === 'kvList')
      for (const item of node.items)
        if (line.startsWith(`- ${item.label}: `)) return {kind: 'kv', path: item.path}
  }
  return undefined
}
