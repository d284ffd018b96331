import {nodeId, START, scopePositions} from '../../converter/archetypes/positions.ts'
import {
  type Archetype,
  type BodyNode,
  ITEM_MORE,
  type ItemFormat,
  type KeyValue,
  type LabelForm,
  labelText,
  MORE,
  type Section,
  sectionMorePath,
} from '../../converter/archetypes/spec.ts'
import {RICH_TEXT_PARTS, type RichTextType, TEXT_STYLES} from '../../schemas/constants.ts'
import {describeBlock, type ListItem, type SourceBlock} from './blocks.ts'
import {
  boldOnly,
  bracketed,
  inlineTokens,
  plainText,
  splitBoldLabel,
  splitOutside,
} from './inline.ts'
import type {ReportEntry} from './report.ts'
import {
  type Converted,
  inlineToBlocks,
  type PtNode,
  type RichTextOptions,
  toRichText,
} from './richText.ts'
import {typeAt} from './schemaTypes.ts'

/**
 * Markdown body → archetype fields: the inverse of the converter's section
 * interpreter (converter/render/body.ts), reading the same declarative
 * section list. Headings and `**Label**:` lines are matched structurally;
 * what matches no slot is kept as the free text ("more") of the section or
 * item it was written in, at the position it was written, so the export
 * writes every block back where it was.
 */

type Rec = Record<string, unknown>

export interface BodyInput {
  archetype: Archetype
  blocks: readonly SourceBlock[]
  /** The document so far (front-matter fields); body fields are added to it. */
  doc: Rec
  slug: string
  title: string
  rich: Pick<RichTextOptions, 'resolveImage' | 'footnotes' | 'references'>
}

interface Scope {
  record: Rec
  /** Absolute dotted path of `record` ('' for the document), for the report. */
  path: string
  /** Field names from the document, array items as their array's name (for schema types). */
  typePath: readonly string[]
}

/** Where free text goes next: a scope's `more` field, at a position. */
interface Cursor {
  readonly owner: Rec
  readonly field: string
  /** The field's absolute path, for the report. */
  readonly path: string
  at: string
  /** The entry free text was last added to, while nothing else came between. */
  open?: Rec
}

type Structural = Extract<BodyNode, {kind: 'sub' | 'repeat'}>
type Prose = Extract<BodyNode, {kind: 'prose'}>

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

export function mapBody(input: BodyInput): ReportEntry[] {
  return new BodyMapper(input).run()
}

class BodyMapper {
  readonly archetype: Archetype
  readonly doc: Rec
  readonly input: BodyInput
  readonly entries: ReportEntry[] = []
  readonly richOptions: RichTextOptions
  likeButtonsSeen = false

  constructor(input: BodyInput) {
    this.input = input
    this.archetype = input.archetype
    this.doc = input.doc
    this.richOptions = {
      richText: 'blockContent',
      resolveImage: input.rich.resolveImage,
      footnotes: input.rich.footnotes,
      references: input.rich.references,
      note: (note) =>
        this.entries.push({
          line: note.line,
          source: 'rich text',
          target: '(converted)',
          note: note.message,
        }),
    }
  }

  entry(line: number, source: string, target: string, note?: string): void {
    this.entries.push({line, source, target, ...(note ? {note} : {})})
  }

  run(): ReportEntry[] {
    const blocks = [...this.input.blocks]
    this.takeFooter(blocks)
    const index = this.takeHeadline(blocks, 0)
    const firstH2 = blocks.findIndex((b, i) => i >= index && isHeading(b, 2))
    const leadEnd = firstH2 === -1 ? blocks.length : firstH2
    this.takeLead(blocks.slice(index, leadEnd))

    const used = new Set<Section>()
    let last: Cursor | undefined
    let i = leadEnd
    while (i < blocks.length) {
      const heading = blocks[i] as SourceBlock & {kind: 'heading'}
      let end = i + 1
      while (end < blocks.length && !isHeading(blocks[end], 2)) end++
      const content = blocks.slice(i + 1, end)
      const text = plainText(heading.inline).text
      const section = this.archetype.sections.find(
        (s) => normalise(s.heading) === normalise(text) && !used.has(s),
      )
      if (this.isToc(text, content)) {
        this.entry(
          heading.line,
          `## ${text}`,
          '(generated on export)',
          'the table of contents is rebuilt from the sections present',
        )
      } else if (section && this.acceptsSection(section, content)) {
        used.add(section)
        this.entry(heading.line, `## ${text}`, section.path || sectionMorePath(section))
        last = this.mapSection(section, content)
      } else if (last !== undefined) {
        // A section of the writer's own stays after the section it followed.
        this.addMore(last, blocks.slice(i, end))
      } else this.addLead(blocks.slice(i, end), 'before the first section of the archetype')
      i = end
    }
    if (!this.likeButtonsSeen && this.hasLyketNode()) {
      this.doc['showLikeButtons'] = false
      this.entry(
        this.input.blocks[0]?.line ?? 1,
        'no like buttons',
        'showLikeButtons',
        'the post has no Interactive Elements section, so like buttons stay off',
      )
    }
    return this.entries
  }

  // ---- Headline, opening, lead, table of contents, footer ----

  takeHeadline(blocks: SourceBlock[], index: number): number {
    const headline = this.archetype.headline
    // Without a generated headline, a `#` heading is the writer's own text.
    if (headline === undefined) return index
    const first = blocks[index]
    if (!isHeading(first, 1)) {
      this.entry(
        first?.line ?? 1,
        'no `#` headline',
        '(generated on export)',
        'the exporter writes one from the name or title',
      )
      return index
    }
    const text = plainText(first.inline).text
    const [nameField] = headline.name
    const source = `# ${text}`
    if (headline.fallback !== undefined && this.doc[headline.fallback] === text) {
      this.entry(
        first.line,
        source,
        '(generated on export)',
        'same as the title, which the headline falls back to',
      )
      return index + 1
    }
    if (nameField === undefined) return index + 1
    const [name, tagline] = splitOutside(first.inline, ': ')
    this.setInline(this.root(), nameField, name, first.line, source)
    if (tagline !== undefined)
      this.setInline(this.root(), headline.tagline, tagline, first.line, source)
    return index + 1
  }

  /**
   * What comes before the first section: the templated opening sentence, when
   * it is the first thing a reader sees, goes back into the introduction's
   * fields; everything else is the writer's own lead, in order.
   */
  takeLead(blocks: readonly SourceBlock[]): void {
    const first = blocks.findIndex((block) => !isComment(block))
    const block = blocks[first]
    const values = block?.kind === 'paragraph' ? this.matchOpening(block.inline) : undefined
    if (block === undefined || values === undefined) {
      this.addLead(blocks)
      return
    }
    for (const [path, value] of values)
      this.setInline(this.root(), path, value, block.line, 'opening paragraph')
    this.addLead(blocks.filter((_, i) => i !== first))
  }

  addLead(blocks: readonly SourceBlock[], misplaced?: string): void {
    if (blocks.length === 0) return
    const lead = this.archetype.lead.find((node): node is Prose => node.kind === 'prose')
    if (lead === undefined) {
      for (const block of blocks)
        this.entry(
          block.line,
          describeBlock(block),
          '(not imported)',
          'error: the archetype has no text before its sections',
        )
      return
    }
    const list = this.arrayAt(this.root(), lead.path)
    const converted = this.convert(blocks, lead.richText)
    this.report(
      converted,
      lead.path,
      list.length,
      misplaced && `error: placed at the start: ${misplaced}`,
    )
    list.push(...converted.map((c) => c.node))
  }

  /** The values of the opening's placeholders, when the paragraph is the templated sentence. */
  matchOpening(inline: string): Map<string, string> | undefined {
    const name = this.headlineName()
    const choices = this.archetype.opening.map((alternatives) => [...alternatives, ''])
    let combos: string[][] = [[]]
    for (const alternatives of choices)
      combos = combos.flatMap((combo) => alternatives.map((alt) => [...combo, alt]))
    const source = inline.trim()
    for (const combo of combos) {
      const template = combo.filter((t) => t !== '').join(' ')
      if (template === '') continue
      const fields: string[] = []
      const pattern = template.split(/\{([^{}]+)\}/).map((part, i) => {
        if (i % 2 === 0) return escapeRegExp(part)
        fields.push(part)
        return '(.+?)'
      })
      const match = new RegExp(`^${pattern.join('')}$`, 's').exec(source)
      if (!match) continue
      const values = new Map(fields.map((field, i) => [field, match[i + 1] ?? '']))
      // The name in the sentence is the headline's, so it must read the same.
      if (values.has('name') && plainText(values.get('name') ?? '').text !== name) continue
      values.delete('name')
      return values
    }
    return undefined
  }

  /** The headline's name as plain text: its name field, else the title it falls back to. */
  headlineName(): string | undefined {
    const headline = this.archetype.headline
    for (const field of headline?.name ?? []) {
      const value = this.doc[field]
      if (Array.isArray(value)) return blocksText(value)
    }
    const fallback = headline?.fallback === undefined ? undefined : this.doc[headline.fallback]
    return typeof fallback === 'string' ? fallback : undefined
  }

  isToc(text: string, content: readonly SourceBlock[]): boolean {
    const tocHeading = this.archetype.tocHeading
    if (tocHeading === undefined || normalise(text) !== normalise(tocHeading)) return false
    const visible = content.filter((block) => !isComment(block))
    const [list, ...rest] = visible
    if (rest.length > 0 || list?.kind !== 'list') return false
    return list.items.every((item) => {
      const link = singleLink(item.inline)
      return link !== undefined && item.children.length === 0 && link.href.startsWith('#')
    })
  }

  /** The exporter's closing lines, matched from the end of the post. */
  takeFooter(blocks: SourceBlock[]): void {
    // Lines tied to the like buttons are the exporter's only in a post that shows them.
    const likes = blocks.some((block) => this.lyketId(block) === this.input.slug)
    const statics = this.archetype.footer.filter(
      (node): node is Extract<BodyNode, {kind: 'static'}> =>
        node.kind === 'static' && (likes || !node.whenLikeButtons),
    )
    const taken: SourceBlock[] = []
    let end = blocks.length
    for (const node of [...statics].reverse()) {
      const block = blocks[end - 1]
      const matches =
        node.markdown === '---'
          ? block?.kind === 'hr'
          : block?.kind === 'paragraph' && block.source.trim() === node.markdown
      if (matches && block) {
        taken.unshift(block)
        end--
      } else if (!node.whenLikeButtons) return
    }
    if (taken.length === 0) return
    blocks.splice(end)
    for (const block of taken)
      this.entry(
        block.line,
        block.kind === 'hr' ? 'closing rule' : 'closing line',
        '(generated on export)',
      )
  }

  hasLyketNode(): boolean {
    const visit = (nodes: readonly BodyNode[]): boolean =>
      nodes.some(
        (n) =>
          n.kind === 'lyket' || ((n.kind === 'sub' || n.kind === 'repeat') && visit(n.children)),
      )
    return this.archetype.sections.some((s) => visit(s.children))
  }

  /** A section whose only slot is the like buttons takes nothing but the like-button element. */
  acceptsSection(section: Section, content: readonly SourceBlock[]): boolean {
    const lyket = section.children.find((n) => n.kind === 'lyket')
    if (!lyket) return true
    // HTML comments (the archetype's guidance) are invisible: they do not make it another section.
    const visible = content.filter((block) => !isComment(block))
    return (
      visible.length === 1 &&
      visible[0] !== undefined &&
      this.lyketId(visible[0]) === this.input.slug
    )
  }

  lyketId(block: SourceBlock): string | undefined {
    if (block.kind !== 'html') return undefined
    return /^<div id="lyket-like-([^"]*)"><\/div>$/.exec(block.html.trim())?.[1]
  }

  // ---- Scopes ----

  root(): Scope {
    return {record: this.doc, path: '', typePath: []}
  }

  scope(path: string, from: Scope = this.root()): Scope {
    if (path === '') return from
    let record = from.record
    const typePath = [...from.typePath]
    for (const name of path.split('.')) {
      typePath.push(name)
      let next = record[name]
      if (!isRecord(next)) {
        const type = typeAt(this.archetype.type, typePath)
        next = type ? {_type: type} : {}
        record[name] = next
      }
      record = next as Rec
    }
    return {record, path: join(from.path, path), typePath}
  }

  mapSection(section: Section, content: readonly SourceBlock[]): Cursor {
    const scope = this.scope(section.path)
    const more = sectionMorePath(section)
    const cursor: Cursor =
      section.path === ''
        ? {owner: this.doc, field: more, path: more, at: START}
        : {owner: scope.record, field: MORE, path: join(scope.path, MORE), at: START}
    this.mapScope(section.children, content, scope, 3, cursor)
    const positions = scopePositions(section.heading, section.children)
    return {...cursor, at: positions.at(-1)?.id ?? START}
  }

  /** Interprets a node list over the blocks under one heading; free text goes to `cursor`. */
  mapScope(
    nodes: readonly BodyNode[],
    blocks: readonly SourceBlock[],
    scope: Scope,
    level: number,
    cursor: Cursor,
  ): void {
    const structural = nodes.filter((n): n is Structural => n.kind === 'sub' || n.kind === 'repeat')
    const runs: {
      node?: Structural
      heading?: SourceBlock & {kind: 'heading' | 'paragraph'}
      blocks: SourceBlock[]
    }[] = [{blocks: []}]
    const usedSubs = new Set<BodyNode>()
    for (const block of blocks) {
      const node = isHeading(block, level)
        ? structuralFor(structural, block, usedSubs)
        : labelledItemFor(structural, block)
      if (node && (block.kind === 'heading' || block.kind === 'paragraph')) {
        if (node.kind === 'sub') usedSubs.add(node)
        runs.push({node, heading: block, blocks: []})
      } else runs.at(-1)?.blocks.push(block)
    }
    const leaves = nodes.filter((n) => n.kind !== 'sub' && n.kind !== 'repeat')
    for (const run of runs) {
      if (!run.node || !run.heading) this.mapLeaves(leaves, run.blocks, scope, cursor)
      else if (run.node.kind === 'repeat')
        this.mapItem(run.node, run.heading, run.blocks, scope, level, cursor)
      else if (run.heading.kind === 'heading')
        this.mapSub(run.node, run.heading, run.blocks, scope, level, cursor)
    }
  }

  mapSub(
    node: Extract<BodyNode, {kind: 'sub'}>,
    heading: SourceBlock & {kind: 'heading'},
    blocks: readonly SourceBlock[],
    scope: Scope,
    level: number,
    cursor: Cursor,
  ): void {
    const source = `${'#'.repeat(level)} ${plainText(heading.inline).text}`
    if (node.path === '') {
      this.entry(heading.line, source, fieldsOf(node.children, scope.path))
      this.moveTo(cursor, `#${node.heading}`)
      this.mapScope(node.children, blocks, scope, level + 1, cursor)
      return
    }
    const sub = this.scope(node.path, scope)
    this.entry(heading.line, source, sub.path)
    this.mapScope(node.children, blocks, sub, level + 1, this.cursorIn(sub))
    this.moveTo(cursor, node.path)
  }

  mapItem(
    node: Extract<BodyNode, {kind: 'repeat'}>,
    heading: SourceBlock & {kind: 'heading' | 'paragraph'},
    blocks: readonly SourceBlock[],
    scope: Scope,
    level: number,
    cursor: Cursor,
  ): void {
    const list = this.arrayAt(scope, node.path)
    const typePath = [...scope.typePath, ...node.path.split('.')]
    const type = typeAt(this.archetype.type, typePath)
    const record: Rec = type ? {_type: type} : {}
    const item: Scope = {record, path: `${join(scope.path, node.path)}[${list.length}]`, typePath}
    list.push(record)
    const label = heading.kind === 'paragraph' ? splitBoldLabel(heading.inline) : undefined
    const source = label
      ? labelText(label.label, 'outside')
      : `${'#'.repeat(level)} ${plainText(heading.inline).text}`
    this.entry(heading.line, source, item.path)
    const title = label ? label.rest : repeatTitle(node, heading.inline)
    if (title !== undefined && title.trim() !== '')
      this.setInline(item, node.titleField, title, heading.line, source)
    const inner = heading.kind === 'paragraph' ? level : level + 1
    this.mapScope(node.children, blocks, item, inner, this.cursorIn(item))
    this.moveTo(cursor, node.path)
  }

  cursorIn(scope: Scope): Cursor {
    return {owner: scope.record, field: MORE, path: join(scope.path, MORE), at: START}
  }

  moveTo(cursor: Cursor, at: string): void {
    cursor.at = at
    delete cursor.open
  }

  /** Matches the blocks of one heading's own content against the leaf nodes of its scope. */
  mapLeaves(
    nodes: readonly BodyNode[],
    input: readonly SourceBlock[],
    scope: Scope,
    cursor: Cursor,
  ): void {
    const blocks = splitLabelledParagraphs(input, nodes)
    const filled = new Set<BodyNode>()
    // Consecutive blocks bound for one place are converted together, so that what
    // spans blocks (an image and its caption, a file name and its code, a
    // <details> fold-out) is read whole.
    let run: {prose?: {node: Prose; list: unknown[]}; blocks: SourceBlock[]} = {blocks: []}
    const flush = () => {
      if (run.prose) this.addProse(run.prose, run.blocks, scope)
      else this.addMore(cursor, run.blocks)
      run = {blocks: []}
    }
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as SourceBlock
      const matched = this.matchLeaf(nodes, block, blocks[i + 1], scope, filled)
      if (matched !== undefined) {
        flush()
        i += matched.consumed - 1
        this.moveTo(cursor, nodeId(matched.node) ?? cursor.at)
        continue
      }
      const open = run.prose ?? this.openProse(nodes, filled, block, scope)
      if (open !== undefined && this.fits(open.node.richText, block)) {
        if (run.prose !== open) {
          flush()
          run.prose = open
          this.moveTo(cursor, open.node.path)
        }
        run.blocks.push(block)
        continue
      }
      if (run.prose) flush()
      run.blocks.push(block)
    }
    flush()
  }

  addProse(
    open: {node: Prose; list: unknown[]},
    blocks: readonly SourceBlock[],
    scope: Scope,
  ): void {
    const converted = this.convert(blocks, open.node.richText)
    this.report(converted, join(scope.path, open.node.path), open.list.length)
    open.list.push(...converted.map((c) => c.node))
  }

  /** A prose slot of this scope not yet written, that can hold the block. */
  openProse(
    nodes: readonly BodyNode[],
    filled: Set<BodyNode>,
    block: SourceBlock,
    scope: Scope,
  ): {node: Prose; list: unknown[]} | undefined {
    const node = nodes.find(
      (n): n is Prose => n.kind === 'prose' && !filled.has(n) && this.fits(n.richText, block),
    )
    if (node === undefined) return undefined
    filled.add(node)
    return {node, list: this.arrayAt(scope, node.path)}
  }

  /** Whether every node the block becomes is something the rich-text type holds. */
  fits(type: RichTextType, block: SourceBlock): boolean {
    const parts = RICH_TEXT_PARTS[type]
    if (parts.blocks)
      return (
        block.kind !== 'heading' || TEXT_STYLES[type].some((s) => s.value === `h${block.level}`)
      )
    if (block.kind === 'list') return parts.lists && listIsPlain(block)
    return (
      block.kind === 'paragraph' &&
      this.convert([block], type).every((c) => c.node._type === 'block')
    )
  }

  /** The leaf a block fills, and how many blocks it took; undefined when none takes it. */
  matchLeaf(
    nodes: readonly BodyNode[],
    block: SourceBlock,
    next: SourceBlock | undefined,
    scope: Scope,
    filled: Set<BodyNode>,
  ): {node: BodyNode; consumed: number} | undefined {
    switch (block.kind) {
      case 'paragraph':
        return (
          this.matchLabel(nodes, block, next, scope, filled) ??
          this.matchFormula(nodes, block, scope, filled)
        )
      case 'list':
        return this.matchList(nodes, block, scope)
      case 'table':
        return this.matchTable(nodes, block, scope)
      case 'fence': {
        // A labelled code slot takes only a block under its label.
        const fence = nodes.find(
          (n) => n.kind === 'fence' && n.label === undefined && !filled.has(n),
        )
        if (fence?.kind !== 'fence') return undefined
        filled.add(fence)
        this.setFence(fence, block, scope)
        return {node: fence, consumed: 1}
      }
      case 'html': {
        const lyket = nodes.find((n) => n.kind === 'lyket')
        if (lyket?.kind !== 'lyket' || this.lyketId(block) !== this.input.slug)
          return this.matchFormula(nodes, block, scope, filled)
        this.likeButtonsSeen = true
        this.setValue(scope, lyket.path, true, block.line, 'like buttons')
        return {node: lyket, consumed: 1}
      }
      default:
        return undefined
    }
  }

  /** `**Label**: text`, or `**Label**:` with the list or formula below it. */
  matchLabel(
    nodes: readonly BodyNode[],
    block: SourceBlock & {kind: 'paragraph'},
    next: SourceBlock | undefined,
    scope: Scope,
    filled: Set<BodyNode>,
  ): {node: BodyNode; consumed: number} | undefined {
    const labelled = labelIn(block.inline, nodes)
    if (!labelled) return undefined
    const label = normalise(labelled.label)
    const source = `${labelled.marker}${labelText(labelled.label, labelled.form)}`
    const list = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'list'}> =>
        n.kind === 'list' &&
        n.label !== undefined &&
        normalise(n.label) === label &&
        labelled.form === 'outside' &&
        labelled.marker === '',
    )
    if (list && labelled.rest.trim() === '' && next?.kind === 'list') {
      this.entry(block.line, source, join(scope.path, list.path))
      this.fillList(list, next, scope)
      return {node: list, consumed: 2}
    }
    const formula = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'formula'}> =>
        n.kind === 'formula' &&
        n.label !== undefined &&
        normalise(n.label) === label &&
        n.form === labelled.form &&
        !filled.has(n),
    )
    const tex = next === undefined ? undefined : this.formulaTex(next)
    if (formula && labelled.rest.trim() === '' && tex !== undefined && next) {
      filled.add(formula)
      this.entry(block.line, source, join(scope.path, formula.path))
      this.setValue(scope, formula.path, {_type: 'mathBlock', tex}, next.line, 'formula')
      return {node: formula, consumed: 2}
    }
    const fence = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'fence'}> =>
        n.kind === 'fence' && n.label !== undefined && normalise(n.label) === label,
    )
    if (
      fence &&
      !filled.has(fence) &&
      labelled.form === 'outside' &&
      labelled.rest.trim() === '' &&
      next?.kind === 'fence'
    ) {
      filled.add(fence)
      this.entry(block.line, source, join(scope.path, fence.path))
      this.setFence(fence, next, scope)
      return {node: fence, consumed: 2}
    }
    const slot = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'labelled'}> =>
        n.kind === 'labelled' &&
        normalise(n.label) === label &&
        n.form === labelled.form &&
        (n.marker ?? '') === labelled.marker &&
        !filled.has(n),
    )
    if (slot === undefined) return undefined
    filled.add(slot)
    if (slot.richText === 'inlineText') {
      this.setInline(scope, slot.path, labelled.rest, block.line, source)
      return {node: slot, consumed: 1}
    }
    // A slot written as a list: the line's own words, then the list right under it.
    const blocks = inlineToBlocks(labelled.rest, block.line, this.richOptions)
    const list2 = next?.kind === 'list' && listIsPlain(next) ? [next] : []
    const converted = this.convert(list2, slot.richText)
    this.setValue(
      scope,
      slot.path,
      [...blocks, ...converted.map((c) => c.node)],
      block.line,
      source,
    )
    for (const item of list2)
      this.entry(item.line, describeBlock(item), join(scope.path, slot.path))
    return {node: slot, consumed: 1 + list2.length}
  }

  setFence(
    fence: Extract<BodyNode, {kind: 'fence'}>,
    block: SourceBlock & {kind: 'fence'},
    scope: Scope,
  ): void {
    const note =
      block.info !== fence.lang
        ? `code language "${block.info}" not kept: this field is written as a ${fence.lang ? `${fence.lang} ` : 'plain '}block`
        : undefined
    this.setValue(scope, fence.path, block.code.replace(/\n$/, ''), block.line, 'code block', note)
  }

  /** A display formula standing alone in the scope's unlabelled formula slot. */
  matchFormula(
    nodes: readonly BodyNode[],
    block: SourceBlock,
    scope: Scope,
    filled: Set<BodyNode>,
  ): {node: BodyNode; consumed: number} | undefined {
    const formula = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'formula'}> =>
        n.kind === 'formula' && n.label === undefined && !filled.has(n),
    )
    const tex = formula === undefined ? undefined : this.formulaTex(block)
    if (formula === undefined || tex === undefined) return undefined
    filled.add(formula)
    this.setValue(scope, formula.path, {_type: 'mathBlock', tex}, block.line, 'formula')
    return {node: formula, consumed: 1}
  }

  /** The LaTeX of a block that is one display formula and nothing else. */
  formulaTex(block: SourceBlock): string | undefined {
    if (block.kind !== 'paragraph' && block.kind !== 'html') return undefined
    const [node, ...rest] = toRichText([block], {...this.richOptions, richText: 'blockContent'})
    if (node === undefined || rest.length > 0 || node.node._type !== 'mathBlock') return undefined
    const tex = node.node['tex']
    return typeof tex === 'string' ? tex : undefined
  }

  matchList(
    nodes: readonly BodyNode[],
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
  ): {node: BodyNode; consumed: number} | undefined {
    const kv = nodes.find((n): n is Extract<BodyNode, {kind: 'kvList'}> => n.kind === 'kvList')
    if (kv && block.items.every((item) => kvMatch(kv, item) !== undefined)) {
      this.fillKv(kv, block, scope)
      return {node: kv, consumed: 1}
    }
    const list = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'list'}> => n.kind === 'list' && n.label === undefined,
    )
    if (list && block.ordered === list.ordered) {
      this.fillList(list, block, scope)
      return {node: list, consumed: 1}
    }
    const refs = nodes.find(
      (n): n is Extract<BodyNode, {kind: 'references' | 'links'}> =>
        n.kind === 'references' || n.kind === 'links',
    )
    if (refs) {
      this.fillLinks(refs, block, scope)
      return {node: refs, consumed: 1}
    }
    return undefined
  }

  matchTable(
    nodes: readonly BodyNode[],
    block: SourceBlock & {kind: 'table'},
    scope: Scope,
  ): {node: BodyNode; consumed: number} | undefined {
    const table = nodes.find((n): n is Extract<BodyNode, {kind: 'table'}> => n.kind === 'table')
    if (table === undefined || table.columns.length !== block.header.length) return undefined
    const headersMatch = table.columns.every(
      (c, i) => normalise(c.header) === normalise(plainText(block.header[i] ?? '').text),
    )
    const rows = this.arrayAt(scope, table.path)
    const type = typeAt(this.archetype.type, [...scope.typePath, ...table.path.split('.')])
    for (const cells of block.rows) {
      const row: Rec = type ? {_type: type} : {}
      table.columns.forEach((column, i) => {
        const cell = inlineToBlocks(cells[i] ?? '', block.line, this.richOptions)
        if (cell.length > 0) row[column.path] = cell
      })
      rows.push(row)
    }
    this.entry(
      block.line,
      `table (${block.rows.length} rows)`,
      join(scope.path, table.path),
      headersMatch
        ? undefined
        : `column headers differ from "${table.columns.map((c) => c.header).join(' | ')}"; columns taken in order`,
    )
    return {node: table, consumed: 1}
  }

  // ---- Lists ----

  fillList(
    node: Extract<BodyNode, {kind: 'list'}>,
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
  ): void {
    const list = this.arrayAt(scope, node.path)
    const arrayPath = join(scope.path, node.path)
    const itemType = typeAt(this.archetype.type, [...scope.typePath, ...node.path.split('.')])
    for (const item of block.items) {
      const path = `${arrayPath}[${list.length}]`
      const value = this.parseItem(node.item, item, path)
      list.push(itemType ? {_type: itemType, ...value} : value)
      this.entry(item.line, 'list item', path)
    }
  }

  parseItem(format: ItemFormat, item: ListItem, path: string): Rec {
    const inline = (source: string) => inlineToBlocks(source, item.line, this.richOptions)
    const value: Rec = {}
    const set = (field: string, source: string | undefined) => {
      const blocks = source === undefined ? [] : inline(source)
      if (blocks.length > 0) value[field] = blocks
    }
    if (format.kind === 'named') {
      const bold = splitBoldLabel(item.inline)
      const onlyBold = bold === undefined ? boldOnly(item.inline) : undefined
      if (bold) {
        set(format.name, bold.labelSource)
        set(format.description, bold.rest)
      } else if (onlyBold !== undefined) set(format.name, onlyBold)
      else if (format.bold) set(format.description, item.inline)
      else {
        const [name, description] = splitOutside(item.inline, ': ')
        set(format.name, name)
        set(format.description, description)
      }
      this.itemMore(value, item, `${path}.${ITEM_MORE}`)
      return value
    }
    const noun = escapeRegExp(format.noun)
    const label = format.numbering === 'letter' ? '[A-Z]+' : '\\d+'
    const source = item.inline.trim()
    const match =
      new RegExp(`^\\*\\*${noun}\\s+${label}\\*\\*:?\\s*([\\s\\S]*)$`).exec(source) ??
      new RegExp(`^${noun}\\s+${label}:?\\s*([\\s\\S]*)$`).exec(source)
    const rest = match ? (match[1] ?? '') : source
    const parts = format.separator === '' ? [rest] : splitOutside(rest, format.separator)
    format.fields.forEach((field, i) => {
      set(field, parts[i])
    })
    const leftover: SourceBlock[] = []
    for (const child of item.children) {
      if (child.kind !== 'list') {
        leftover.push(child)
        continue
      }
      for (const detail of child.items) {
        const kv = kvMatch({items: format.details, bold: false}, detail)
        if (kv && kv.value !== '' && detail.children.length === 0) set(kv.kv.path, kv.value)
        else leftover.push({...child, line: detail.line, source: detail.source, items: [detail]})
      }
    }
    for (const block of leftover)
      this.entry(
        block.line,
        describeBlock(block),
        '(not imported)',
        'error: an option has no place for more text',
      )
    return value
  }

  /** Whatever is nested in a list item under its first line: the item's own rich text. */
  itemMore(value: Rec, item: ListItem, path: string): void {
    if (item.children.length === 0) return
    const converted = this.convert(item.children, 'blockContent')
    this.report(converted, path, 0)
    value[ITEM_MORE] = converted.map((c) => c.node)
  }

  fillKv(
    node: Extract<BodyNode, {kind: 'kvList'}>,
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
  ): void {
    for (const item of block.items) {
      const match = kvMatch(node, item)
      if (match === undefined) continue
      if (match.value === '') {
        this.entry(
          item.line,
          `- ${match.kv.label}`,
          '(not imported)',
          'a label with no value: the archetype’s placeholder',
        )
        continue
      }
      this.setInline(scope, match.kv.path, match.value, item.line, `- ${match.kv.label}:`)
      for (const child of item.children)
        this.entry(
          child.line,
          describeBlock(child),
          '(not imported)',
          'error: a value has no place for nested text',
        )
    }
  }

  fillLinks(
    node: Extract<BodyNode, {kind: 'references' | 'links'}>,
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
  ): void {
    const list = this.arrayAt(scope, node.path)
    const type = typeAt(this.archetype.type, [...scope.typePath, ...node.path.split('.')])
    for (const item of block.items) {
      let source = item.inline.trim()
      const entry: Rec = type ? {_type: type} : {}
      if (node.kind === 'references')
        for (const [kind, label] of Object.entries(node.kindLabels)) {
          const suffix = ` (${label})`
          if (source.endsWith(suffix)) {
            source = source.slice(0, -suffix.length)
            entry['kind'] = kind
            break
          }
        }
      const link = singleLink(source, this.richOptions.references)
      const title = link === undefined ? source : bracketed(source)
      if (link !== undefined) entry['url'] = link.href
      const blocks = inlineToBlocks(title ?? source, item.line, this.richOptions)
      if (blocks.length === 0) continue
      entry['title'] = blocks
      const path = `${join(scope.path, node.path)}[${list.length}]`
      list.push(entry)
      this.entry(item.line, 'list item', path)
      for (const child of item.children)
        this.entry(
          child.line,
          describeBlock(child),
          '(not imported)',
          'error: a source has no place for nested text',
        )
    }
  }

  // ---- Values ----

  arrayAt(scope: Scope, path: string): unknown[] {
    const parts = path.split('.')
    const last = parts.pop() ?? path
    const parent = this.scope(parts.join('.'), scope).record
    const existing = parent[last]
    if (Array.isArray(existing)) return existing
    const list: unknown[] = []
    parent[last] = list
    return list
  }

  /** One line of inline markdown into a one-line rich-text field. */
  setInline(scope: Scope, path: string, inline: string, line: number, source: string): void {
    const blocks = inlineToBlocks(inline, line, this.richOptions)
    if (blocks.length > 0) this.setValue(scope, path, blocks, line, source)
  }

  setValue(
    scope: Scope,
    path: string,
    value: unknown,
    line: number,
    source: string,
    note?: string,
  ): void {
    const parts = path.split('.')
    const last = parts.pop() ?? path
    this.scope(parts.join('.'), scope).record[last] = value
    this.entry(line, source, join(scope.path, path), note)
  }

  convert(blocks: readonly SourceBlock[], richText: RichTextType): Converted[] {
    return toRichText(blocks, {...this.richOptions, richText})
  }

  /** Free text at the cursor: added to the entry last written there, or to a new one. */
  addMore(cursor: Cursor, blocks: readonly SourceBlock[]): void {
    if (blocks.length === 0) return
    const list = Array.isArray(cursor.owner[cursor.field])
      ? (cursor.owner[cursor.field] as Rec[])
      : []
    cursor.owner[cursor.field] = list
    let entry = cursor.open
    if (entry === undefined) {
      entry = {_type: 'moreText', at: cursor.at, body: []}
      list.push(entry)
      cursor.open = entry
    }
    const body = entry['body'] as PtNode[]
    const converted = this.convert(blocks, 'blockContent')
    this.report(converted, `${cursor.path}[${list.indexOf(entry)}].body`, body.length)
    body.push(...converted.map((c) => c.node))
  }

  /** One report entry per source block: the range of nodes it became. */
  report(converted: readonly Converted[], path: string, offset: number, note?: string): void {
    let start = 0
    while (start < converted.length) {
      const first = converted[start] as Converted
      let end = start
      while (end + 1 < converted.length && (converted[end + 1] as Converted).line === first.line)
        end++
      const range = end === start ? `[${offset + start}]` : `[${offset + start}..${offset + end}]`
      this.entry(first.line, first.source ?? first.node._type, `${path}${range}`, note)
      start = end + 1
    }
  }
}

/** The structural node a heading starts, if any. */
function structuralFor(
  nodes: readonly Structural[],
  heading: SourceBlock & {kind: 'heading'},
  usedSubs: ReadonlySet<BodyNode>,
): Structural | undefined {
  const text = plainText(heading.inline).text
  return nodes.find((node) =>
    node.kind === 'sub'
      ? !usedSubs.has(node) && normalise(node.heading) === normalise(text)
      : node.header === 'heading' && repeatTitle(node, text) !== undefined,
  )
}

/**
 * The title in an item's heading, `Component 2: Title` or, unnumbered,
 * `vs. Title`; '' without one, undefined when the heading is not the item's.
 */
function repeatTitle(
  node: Extract<BodyNode, {kind: 'repeat'}>,
  heading: string,
): string | undefined {
  const noun = escapeRegExp(node.noun)
  const pattern = node.numbered
    ? new RegExp(`^\\s*${noun}\\s+\\d+\\s*(?::\\s*([\\s\\S]*))?$`, 'i')
    : new RegExp(`^\\s*${noun}(?:\\s+([\\s\\S]*))?$`, 'i')
  const match = pattern.exec(heading)
  return match === null ? undefined : (match[1] ?? '')
}

/** The repeat whose items start with this paragraph's `**<noun> <n>**:` label, if any. */
function labelledItemFor(
  nodes: readonly Structural[],
  block: SourceBlock,
): Extract<BodyNode, {kind: 'repeat'}> | undefined {
  const label = block.kind === 'paragraph' ? splitBoldLabel(block.inline) : undefined
  if (label === undefined || label.inside) return undefined
  return nodes.find(
    (node): node is Extract<BodyNode, {kind: 'repeat'}> =>
      node.kind === 'repeat' &&
      node.header === 'label' &&
      new RegExp(`^${escapeRegExp(node.noun)}\\s+\\d+$`, 'i').test(label.label),
  )
}

/** A list of text only: no code, quotes or other blocks inside its items. */
function listIsPlain(block: SourceBlock & {kind: 'list'}): boolean {
  return block.items.every((item) =>
    item.children.every((child) => child.kind === 'list' && listIsPlain(child)),
  )
}

/**
 * `Label: value` (`**Label**: value` in a bold list) for one of the known
 * labels; value '' when the item is the bare label.
 */
function kvMatch(
  list: {readonly items: readonly KeyValue[]; readonly bold: boolean},
  item: ListItem,
): {kv: KeyValue; value: string} | undefined {
  if (list.bold) {
    const bold = splitBoldLabel(item.inline)
    const kv = list.items.find(
      (candidate) => bold && !bold.inside && normalise(candidate.label) === normalise(bold.label),
    )
    return kv && bold ? {kv, value: bold.rest} : undefined
  }
  const text = plainText(item.inline).text
  for (const kv of list.items) {
    const label = normalise(kv.label)
    if (normalise(text) === label) return {kv, value: ''}
    if (normalise(text.slice(0, kv.label.length + 1)) === `${label}:`)
      return {kv, value: item.inline.trim().slice(kv.label.length + 1)}
  }
  return undefined
}

/** The label a paragraph starts with: bold, or one of the scope's plain labels. */
function labelIn(
  inline: string,
  nodes: readonly BodyNode[],
): {label: string; rest: string; form: LabelForm; marker: string} | undefined {
  const source = inline.trim()
  const marker =
    nodes
      .flatMap((n) => (n.kind === 'labelled' && n.marker ? [n.marker] : []))
      .find((m) => source.startsWith(m)) ?? ''
  const bold = splitBoldLabel(source.slice(marker.length))
  if (bold)
    return {label: bold.label, rest: bold.rest, form: bold.inside ? 'inside' : 'outside', marker}
  for (const node of nodes) {
    if ((node.kind !== 'labelled' && node.kind !== 'formula') || node.form !== 'plain') continue
    const label = node.label ?? ''
    if (label !== '' && source.startsWith(`${label}:`))
      return {label, rest: source.slice(label.length + 1).trim(), form: 'plain', marker: ''}
  }
  return undefined
}

/** `**A**: x\n**B**: y` in one paragraph: each known label starts its own slot. */
function splitLabelledParagraphs(
  blocks: readonly SourceBlock[],
  nodes: readonly BodyNode[],
): SourceBlock[] {
  const labels = new Set(
    nodes.flatMap((n) =>
      n.kind === 'labelled' || (n.kind === 'list' && n.label) ? [normalise(n.label ?? '')] : [],
    ),
  )
  if (labels.size === 0) return [...blocks]
  return blocks.flatMap((block) => {
    if (block.kind !== 'paragraph' || !block.inline.includes('\n')) return [block]
    const lines = block.inline.split('\n')
    const parts: {line: number; lines: string[]}[] = []
    lines.forEach((text, i) => {
      const label = splitBoldLabel(text)
      if (parts.length === 0 || (label && labels.has(normalise(label.label))))
        parts.push({line: block.line + i, lines: [text]})
      else parts.at(-1)?.lines.push(text)
    })
    if (parts.length === 1) return [block]
    return parts.map((part) => ({
      kind: 'paragraph' as const,
      line: part.line,
      source: part.lines.join('\n'),
      inline: part.lines.join('\n'),
    }))
  })
}

/** The text and address of an inline that is exactly one link. */
function singleLink(inline: string, references = ''): {text: string; href: string} | undefined {
  const tokens = inlineTokens(inline.trim(), references)
  const open = tokens[0]
  const close = tokens.at(-1)
  if (open?.type !== 'link_open' || close?.type !== 'link_close') return undefined
  if (tokens.slice(1, -1).some((t) => t.type === 'link_open')) return undefined
  return {
    text: tokens
      .slice(1, -1)
      .map((t) => (t.type === 'text' ? t.content : ''))
      .join(''),
    href: String(open.attrGet('href') ?? ''),
  }
}

/** The plain text of rich-text blocks. */
function blocksText(blocks: readonly unknown[]): string {
  return blocks
    .map((block) => {
      const children = isRecord(block) && Array.isArray(block['children']) ? block['children'] : []
      return children
        .map((c: unknown) => (isRecord(c) && typeof c['text'] === 'string' ? c['text'] : ''))
        .join('')
    })
    .join(' ')
}

/** The fields a heading without a path of its own stands for, e.g. `components`. */
function fieldsOf(nodes: readonly BodyNode[], scope: string): string {
  const paths = nodes.flatMap((node) =>
    'path' in node && node.path !== '' ? [join(scope, node.path)] : [],
  )
  return paths.length > 0 ? paths.join(', ') : scope || '(section)'
}

function isComment(block: SourceBlock): boolean {
  return block.kind === 'html' && /^<!--[\s\S]*-->$/.test(block.html.trim())
}

function isHeading(
  block: SourceBlock | undefined,
  level: number,
): block is SourceBlock & {kind: 'heading'} {
  return block?.kind === 'heading' && block.level === level
}

function join(scope: string, path: string): string {
  if (scope === '') return path
  if (path === '') return scope
  return `${scope}.${path}`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
