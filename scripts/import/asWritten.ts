import type {Archetype, BodyNode} from '../../converter/archetypes/spec.ts'
import {describeBlock, type SourceBlock} from './blocks.ts'
import {plainText} from './inline.ts'
import type {ReportEntry} from './report.ts'
import {type Converted, type ImageResolver, toRichText} from './richText.ts'

/**
 * Which archetype a post is read with, and the reading for an archetype whose
 * text is kept as written (the generic post): every block of the body, in
 * order, into its one rich-text field, headings at their own levels.
 */

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

export interface ArchetypeChoice {
  archetype: Archetype
  entry: ReportEntry
}

/** The fixed sub-headings an archetype writes under its sections, at any depth. */
function subHeadings(archetype: Archetype): Set<string> {
  const found = new Set<string>()
  const visit = (nodes: readonly BodyNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'sub') found.add(normalise(node.heading))
      if (node.kind === 'sub' || node.kind === 'repeat') visit(node.children)
    }
  }
  for (const section of archetype.sections) visit(section.children)
  return found
}

/**
 * A post follows a structured archetype when most of its `##` headings are
 * that archetype's sections; of several, the one that matches the most, then
 * the one whose sub-headings it shares most, then the first listed. A hand-written post may share a few common ones
 * ("Introduction", "Conclusion") and still follow none; mapping it onto one
 * would add generated headings and push its own sections down a level. The
 * table of contents heading counts for neither: every kind of post can have one.
 */
export function chooseArchetype(
  blocks: readonly SourceBlock[],
  structured: readonly Archetype[],
  asWritten: Archetype,
): ArchetypeChoice {
  const headings = blocks.flatMap((block) =>
    block.kind === 'heading' && block.level === 2 ? [plainText(block.inline).text] : [],
  )
  const lower = blocks.flatMap((block) =>
    block.kind === 'heading' && block.level > 2 ? [normalise(plainText(block.inline).text)] : [],
  )
  const line = blocks[0]?.line ?? 1
  let best: {archetype: Archetype; counted: string[]; matched: string[]; subs: number} | undefined
  for (const archetype of structured) {
    const sections = new Set(archetype.sections.map((section) => normalise(section.heading)))
    const toc = archetype.tocHeading === undefined ? undefined : normalise(archetype.tocHeading)
    const counted = headings.filter((heading) => normalise(heading) !== toc)
    const matched = counted.filter((heading) => sections.has(normalise(heading)))
    const known = subHeadings(archetype)
    const subs = lower.filter((heading) => known.has(heading)).length
    const better =
      best === undefined ||
      matched.length > best.matched.length ||
      (matched.length === best.matched.length && subs > best.subs)
    if (better) best = {archetype, counted, matched, subs}
  }
  const matched = best?.matched ?? []
  const counted = best?.counted ?? headings
  const shown = matched.length === 0 ? '' : ` (${matched.join(', ')})`
  if (best !== undefined && matched.length > 0 && matched.length * 2 > counted.length)
    return {
      archetype: best.archetype,
      entry: {
        line,
        source: 'document type',
        target: best.archetype.type,
        note: `${matched.length} of ${counted.length} \`##\` sections are archetype sections${shown}`,
      },
    }
  return {
    archetype: asWritten,
    entry: {
      line,
      source: 'document type',
      target: asWritten.type,
      note: `${matched.length} of ${counted.length} \`##\` sections are ${best?.archetype.type ?? 'archetype'} sections${shown}, so the post is kept as written`,
    },
  }
}

/** The rich-text field an as-written archetype keeps the whole text in. */
function textField(archetype: Archetype): Extract<BodyNode, {kind: 'prose'}> {
  const [node, ...rest] = archetype.lead
  if (node?.kind !== 'prose' || rest.length > 0 || archetype.sections.length > 0)
    throw new Error(`The ${archetype.type} archetype is not one rich-text field written as is`)
  return node
}

export interface AsWrittenInput {
  archetype: Archetype
  blocks: readonly SourceBlock[]
  /** The document so far; the text field is added to it. */
  doc: Record<string, unknown>
  resolveImage: ImageResolver
  footnotes: ReadonlyMap<string, string>
  references: string
}

export function mapAsWritten(input: AsWrittenInput): ReportEntry[] {
  const field = textField(input.archetype)
  const entries: ReportEntry[] = []
  const converted = toRichText(input.blocks, {
    richText: field.richText,
    resolveImage: input.resolveImage,
    footnotes: input.footnotes,
    references: input.references,
    note: (note) =>
      entries.push({
        line: note.line,
        source: 'rich text',
        target: '(converted)',
        note: note.message,
      }),
  })
  if (converted.length > 0) input.doc[field.path] = converted.map((c) => c.node)
  // One entry per source block: the range of nodes it became.
  let start = 0
  while (start < converted.length) {
    const first = converted[start] as Converted
    let end = start
    while (end + 1 < converted.length && (converted[end + 1] as Converted).line === first.line)
      end++
    const range = end === start ? `[${start}]` : `[${start}..${end}]`
    entries.push({
      line: first.line,
      source: first.source ?? first.node._type,
      target: `${field.path}${range}`,
    })
    start = end + 1
  }
  // A file name joins the code below it and an italic line the image above it:
  // such a block is reported with the node it joined.
  const lines = new Set(converted.map((c) => c.line))
  for (const block of input.blocks) {
    if (lines.has(block.line)) continue
    const joined = converted.findLastIndex((c) => c.line <= block.line)
    const empty = block.kind === 'heading' && plainText(block.inline).text === ''
    entries.push({
      line: block.line,
      source: describeBlock(block),
      target: empty || joined === -1 ? '(not imported)' : `${field.path}[${joined}]`,
      note: empty || joined === -1 ? 'it holds no text' : 'joined with the block before it',
    })
  }
  return entries
}
