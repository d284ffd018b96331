import {PAPERMOD_FRONT_MATTER} from './archetypes/frontMatter.ts'
import type {FieldSpan} from './render/body.ts'
import type {LineFields, PathSegment} from './types.ts'

/**
 * Which field each line of a rendered post was written from: the line → field map
 * that lets a Hugo error at `content/posts/x.md:120:3` name the field a writer
 * should fix. The body's lines come from the spans the renderer keeps as it writes
 * (a section, a sub-section, one item of a repeated section by its `_key`, a slot,
 * a piece of free text); the front matter's from its keys. Generated lines (the
 * table of contents, the opening sentence, fixed closing lines) map to no field.
 */

/** The fields of `markdown`'s lines; its body starts at character `bodyStart`. */
export function postLineFields(
  markdown: string,
  bodyStart: number,
  spans: readonly FieldSpan[],
): LineFields {
  const lines = markdown.split('\n')
  const out: (readonly PathSegment[] | undefined)[] = lines.map(() => undefined)
  frontMatterFields(lines, out)
  const starts = lineStarts(lines)
  // Outer spans come first: a part's own field overrides its section's.
  for (const span of spans) {
    const first = lineAt(starts, bodyStart + span.start)
    const last = lineAt(starts, bodyStart + span.end - 1)
    for (let line = first; line <= last; line++)
      out[line] = span.path.length === 0 ? undefined : span.path
  }
  return out
}

/**
 * The fields of a post file's lines, from a render of its document with fields
 * kept: the front matter is read by its keys (the file may hold aliases the render
 * has not), and the body's lines are the render's when the file holds the same
 * body, else none (the document changed since the file was written).
 */
export function writtenLineFields(
  written: string,
  rendered: {markdown: string; fields: LineFields},
): LineFields {
  const lines = written.split('\n')
  const out: (readonly PathSegment[] | undefined)[] = lines.map(() => undefined)
  const bodyStart = frontMatterFields(lines, out)
  const renderedLines = rendered.markdown.split('\n')
  const renderedStart = frontMatterEnd(renderedLines)
  const sameBody =
    lines.length - bodyStart === renderedLines.length - renderedStart &&
    lines.every((line, i) => i < bodyStart || line === renderedLines[i - bodyStart + renderedStart])
  if (sameBody)
    for (let i = bodyStart; i < lines.length; i++)
      out[i] = rendered.fields[i - bodyStart + renderedStart]
  return out
}

function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = []
  let offset = 0
  for (const line of lines) {
    starts.push(offset)
    offset += line.length + 1
  }
  return starts
}

/** The index of the line holding character `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if ((starts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return low
}

/** The index of the first line after the front matter (0 without one). */
function frontMatterEnd(lines: readonly string[]): number {
  if (lines[0] !== '---') return 0
  const close = lines.indexOf('---', 1)
  return close === -1 ? lines.length : close + 1
}

const TOP_KEY = /^([A-Za-z_][\w-]*):/
const NESTED_KEY = /^\s+([A-Za-z_][\w-]*):/

/** Maps the front matter's lines to their keys' fields; returns the first body line's index. */
function frontMatterFields(
  lines: readonly string[],
  out: (readonly PathSegment[] | undefined)[],
): number {
  const end = frontMatterEnd(lines)
  let top: string | undefined
  for (let i = 1; i < end - 1; i++) {
    const line = lines[i] ?? ''
    const key = TOP_KEY.exec(line)?.[1]
    if (key !== undefined) top = key
    const nested = key === undefined ? NESTED_KEY.exec(line)?.[1] : undefined
    out[i] = frontMatterField(top, nested)
  }
  return end
}

function frontMatterField(top: string | undefined, nested: string | undefined) {
  const key = PAPERMOD_FRONT_MATTER.find((candidate) => candidate.key === top)
  if (key === undefined || key.kind === 'aliases') return undefined
  if ((key.kind === 'cover' || key.kind === 'editPost') && nested !== undefined) {
    const child = key.children.find((candidate) => candidate.key === nested)
    if (child !== undefined) return dotted(child.field)
  }
  return dotted(key.field)
}

function dotted(path: string): PathSegment[] | undefined {
  return path === '' ? undefined : path.split('.')
}
