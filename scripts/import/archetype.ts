import type {
  Archetype,
  BodyNode,
  ItemFormat,
  KeyValue,
  Section,
} from '../../converter/archetypes/spec.ts'
import {describeBlock, type ListItem, type SourceBlock} from './blocks.ts'
import {boldOnly, inlineTokens, plainText, splitBoldLabel} from './inline.ts'
import {findMath} from './math.ts'
import type {ReportEntry} from './report.ts'
import type {Converted, RichTextOptions} from './richText.ts'
import {toRichText} from './richText.ts'
import {typeAt} from './schemaTypes.ts'

/**
 * Markdown body → archetype fields: the inverse of the converter's section
 * interpreter (converter/render/body.ts), reading the same declarative
 * section list. Headings and `**Label**:` lines are matched structurally;
 * what matches no slot is kept, in order, in the nearest rich-text slot,
 * with an entry in the report saying so.
 */

type Rec = Record<string, unknown>

export interface BodyInput {
  archetype: Archetype
  blocks: readonly SourceBlock[]
  /** The document so far (front-matter fields); body fields are added to it. */
  doc: Rec
  slug: string
  title: string
  rich: Pick<RichTextOptions, 'resolveImage'>
}

interface Slot {
  path: string
  /** Level of the heading the slot's content is rendered under. */
  base: number
  section: number
  before: Converted[]
  own: Converted[]
  after: Converted[]
}

interface Scope {
  record: Rec
  /** Absolute dotted path of `record` ('' for the document), for the report. */
  path: string
  /** Field names from the document, array items as their array's name (for schema types). */
  typePath: readonly string[]
}

/** Blocks that belong together (a heading's content), with where they came from. */
interface Run {
  blocks: SourceBlock[]
  /** Level of the heading the blocks were under in the source. */
  level: number
  section: number
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

export function mapBody(input: BodyInput): ReportEntry[] {
  return new BodyMapper(input).run()
}

class BodyMapper {
  readonly archetype: Archetype
  readonly doc: Rec
  readonly slug: string
  readonly title: string
  readonly entries: ReportEntry[] = []
  readonly slots: Slot[]
  readonly richOptions: RichTextOptions
  readonly docType: string
  readonly input: BodyInput
  likeButtonsSeen = false

  constructor(input: BodyInput) {
    this.input = input
    this.archetype = input.archetype
    this.doc = input.doc
    this.slug = input.slug
    this.title = input.title
    this.docType = input.archetype.type
    this.slots = collectSlots(input.archetype)
    this.richOptions = {
      richText: 'blockContent',
      headingShift: 0,
      resolveImage: input.rich.resolveImage,
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
    let index = 0
    index = this.takeHeadline(blocks, index)
    index = this.takeOpening(blocks, index)

    // Everything up to the first `##` belongs before the first section.
    const firstH2 = blocks.findIndex((b, i) => i >= index && b.kind === 'heading' && b.level === 2)
    const leadEnd = firstH2 === -1 ? blocks.length : firstH2
    if (leadEnd > index) this.move({blocks: blocks.slice(index, leadEnd), level: 1, section: -1})

    const used = new Set<Section>()
    let lastSection = -1
    let i = leadEnd
    while (i < blocks.length) {
      const heading = blocks[i] as SourceBlock & {kind: 'heading'}
      let end = i + 1
      while (end < blocks.length && !isHeading(blocks[end], 2)) end++
      const content = blocks.slice(i + 1, end)
      const text = plainText(heading.inline).text
      const sectionIndex = this.archetype.sections.findIndex(
        (s) => normalise(s.heading) === normalise(text) && !used.has(s),
      )
      const section = this.archetype.sections[sectionIndex]
      const tocHeading = this.archetype.tocHeading
      if (
        tocHeading !== undefined &&
        normalise(text) === normalise(tocHeading) &&
        this.isGeneratedToc(content)
      ) {
        this.entry(
          heading.line,
          `## ${text}`,
          '(generated on export)',
          'the table of contents is rebuilt from the sections present',
        )
      } else if (section && this.acceptsSection(section, content)) {
        used.add(section)
        lastSection = sectionIndex
        this.entry(heading.line, `## ${text}`, section.path || fieldsOf(section.children, ''))
        this.mapScope(section.children, content, this.scope(section.path), 3, sectionIndex)
      } else {
        const why = section
          ? 'its content does not fit the section’s fields'
          : 'not a section of the archetype'
        this.move({blocks: blocks.slice(i, end), level: 1, section: lastSection + 0.5}, why)
      }
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
    this.writeSlots()
    return this.entries
  }

  // ---- Headline, opening, table of contents, footer ----

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
    const [nameField, ...fallbacks] = headline.name
    if (fallbacks.some((field) => this.doc[field] === text) || nameField === undefined) {
      this.entry(
        first.line,
        `# ${text}`,
        '(generated on export)',
        'same as the title, which the headline falls back to',
      )
      return index + 1
    }
    const split = text.indexOf(': ')
    const name = split === -1 ? text : text.slice(0, split)
    this.setText(
      {record: this.doc, path: '', typePath: []},
      nameField,
      name,
      first.line,
      `# ${text}`,
    )
    if (split !== -1)
      this.setText(
        {record: this.doc, path: '', typePath: []},
        headline.tagline,
        text.slice(split + 2),
        first.line,
        `# ${text}`,
      )
    return index + 1
  }

  /** The opening paragraph the exporter writes from the introduction's fields. */
  takeOpening(blocks: SourceBlock[], index: number): number {
    // The archetype's guidance comment may sit above the sentence; it stays as content.
    let at = index
    while (blocks[at] !== undefined && isComment(blocks[at] as SourceBlock)) at++
    const block = blocks[at]
    if (block?.kind !== 'paragraph') return index
    const text = plainText(block.inline)
    // A formula would show as plain text in these fields; the paragraph stays rich text instead.
    if (!text.plain || findMath(block.inline).length > 0) return index
    const values = this.matchOpening(text.text)
    if (!values) return index
    for (const [path, value] of values)
      this.setText(this.scope(''), path, value, block.line, 'opening paragraph')
    blocks.splice(at, 1)
    return index
  }

  matchOpening(text: string): Map<string, string> | undefined {
    const choices = this.archetype.opening.map((alternatives) => [...alternatives, ''])
    const combos: string[][] = [[]]
    for (const alternatives of choices) {
      const next: string[][] = []
      for (const combo of combos) for (const alt of alternatives) next.push([...combo, alt])
      combos.splice(0, combos.length, ...next)
    }
    for (const combo of combos) {
      const template = combo.filter((t) => t !== '').join(' ')
      if (template === '') continue
      const fields: string[] = []
      let fixedOk = true
      const pattern = template.split(/(\{[^{}]+\})/).map((part) => {
        const placeholder = /^\{([^{}]+)\}$/.exec(part)
        if (!placeholder?.[1]) return escapeRegExp(part)
        const names = placeholder[1].split('|')
        const fixed = names
          .map((n) => this.doc[n])
          .find((v) => typeof v === 'string' && v.trim() !== '')
        // The name in the sentence is the headline's: already known, so it must match.
        if (names.some((n) => this.archetype.headline?.name.includes(n) === true)) {
          const name = typeof fixed === 'string' ? fixed : this.title
          if (name === undefined) fixedOk = false
          return escapeRegExp(name)
        }
        fields.push(names[0] ?? '')
        return '(.+?)'
      })
      if (!fixedOk) continue
      const match = new RegExp(`^${pattern.join('')}$`, 's').exec(text)
      if (!match) continue
      return new Map(fields.map((field, i) => [field, match[i + 1] ?? '']))
    }
    return undefined
  }

  isGeneratedToc(content: readonly SourceBlock[]): boolean {
    const [list, ...rest] = content
    if (rest.length > 0 || list?.kind !== 'list') return false
    const headings = new Set(
      this.archetype.sections.filter((s) => s.toc).map((s) => normalise(s.heading)),
    )
    return list.items.every((item) => {
      const link = singleLink(item.inline)
      return (
        link !== undefined &&
        item.children.length === 0 &&
        headings.has(normalise(link.text)) &&
        link.href.startsWith('#')
      )
    })
  }

  /** The exporter's closing lines, matched from the end of the post. */
  takeFooter(blocks: SourceBlock[]): void {
    // Lines tied to the like buttons are the exporter's only in a post that shows them.
    const likes = blocks.some((block) => this.lyketId(block) === this.slug)
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
      visible.length === 1 && visible[0] !== undefined && this.lyketId(visible[0]) === this.slug
    )
  }

  lyketId(block: SourceBlock): string | undefined {
    if (block.kind !== 'html') return undefined
    return /^<div id="lyket-like-([^"]*)"><\/div>$/.exec(block.html.trim())?.[1]
  }

  // ---- Scopes ----

  scope(path: string, from: Scope = {record: this.doc, path: '', typePath: []}): Scope {
    if (path === '') return from
    let record = from.record
    const typePath = [...from.typePath]
    for (const name of path.split('.')) {
      typePath.push(name)
      let next = record[name]
      if (!isRecord(next)) {
        const type = typeAt(this.docType, typePath)
        next = type ? {_type: type} : {}
        record[name] = next
      }
      record = next as Rec
    }
    return {record, path: join(from.path, path), typePath}
  }

  /** Interprets a node list over the blocks under one heading. */
  mapScope(
    nodes: readonly BodyNode[],
    blocks: readonly SourceBlock[],
    scope: Scope,
    level: number,
    section: number,
  ): void {
    const structural = nodes.filter(
      (n): n is Extract<BodyNode, {kind: 'sub' | 'repeat'}> =>
        n.kind === 'sub' || n.kind === 'repeat',
    )
    const leaves = nodes.filter((n) => n.kind !== 'sub' && n.kind !== 'repeat')
    const runs: {
      node?: Extract<BodyNode, {kind: 'sub' | 'repeat'}>
      heading?: SourceBlock & {kind: 'heading'}
      blocks: SourceBlock[]
    }[] = [{blocks: []}]
    const usedSubs = new Set<BodyNode>()
    for (const block of blocks) {
      const node = isHeading(block, level)
        ? this.structuralFor(structural, block, usedSubs)
        : undefined
      if (node && block.kind === 'heading') {
        if (node.kind === 'sub') usedSubs.add(node)
        runs.push({node, heading: block, blocks: []})
      } else runs.at(-1)?.blocks.push(block)
    }
    for (const run of runs) {
      if (!run.node || !run.heading) {
        this.mapLeaves(leaves, run.blocks, scope, level - 1, section)
        continue
      }
      const headingText = plainText(run.heading.inline).text
      const source = `${'#'.repeat(level)} ${headingText}`
      if (run.node.kind === 'sub') {
        const subScope = this.scope(run.node.path, scope)
        this.entry(
          run.heading.line,
          source,
          run.node.path ? subScope.path : fieldsOf(run.node.children, scope.path),
        )
        this.mapScope(run.node.children, run.blocks, subScope, level + 1, section)
      } else {
        const repeat = run.node
        const list = this.arrayAt(scope, repeat.path)
        const typePath = [...scope.typePath, ...repeat.path.split('.')]
        const type = typeAt(this.docType, typePath)
        const item: Rec = type ? {_type: type} : {}
        const itemScope: Scope = {
          record: item,
          path: `${join(scope.path, repeat.path)}[${list.length}]`,
          typePath,
        }
        list.push(item)
        const title = new RegExp(
          `^${escapeRegExp(repeat.noun)}\\s+\\d+\\s*(?::\\s*(.*))?$`,
          's',
        ).exec(headingText)?.[1]
        this.entry(run.heading.line, source, itemScope.path)
        if (title !== undefined && title.trim() !== '')
          this.setText(itemScope, repeat.titleField, title, run.heading.line, source)
        this.mapScope(repeat.children, run.blocks, itemScope, level + 1, section)
      }
    }
  }

  structuralFor(
    nodes: readonly Extract<BodyNode, {kind: 'sub' | 'repeat'}>[],
    heading: SourceBlock & {kind: 'heading'},
    usedSubs: ReadonlySet<BodyNode>,
  ): Extract<BodyNode, {kind: 'sub' | 'repeat'}> | undefined {
    const text = plainText(heading.inline).text
    return nodes.find((node) =>
      node.kind === 'sub'
        ? !usedSubs.has(node) && normalise(node.heading) === normalise(text)
        : new RegExp(`^${escapeRegExp(node.noun)}\\s+\\d+\\s*(?::|$)`, 'i').test(text.trim()),
    )
  }

  /** Matches the blocks of one heading's own content against the leaf nodes of its scope. */
  mapLeaves(
    nodes: readonly BodyNode[],
    input: readonly SourceBlock[],
    scope: Scope,
    sourceLevel: number,
    section: number,
  ): void {
    const blocks = splitLabelledParagraphs(input, nodes)
    const prose = nodes.find((n): n is Extract<BodyNode, {kind: 'prose'}> => n.kind === 'prose')
    const proseBlocks: SourceBlock[] = []
    const unmatched: SourceBlock[] = []
    const filled = new Set<BodyNode>()
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as SourceBlock
      const next = blocks[i + 1]
      const consumed = this.matchLeaf(nodes, block, next, scope, filled, unmatched)
      if (consumed > 0) {
        i += consumed - 1
        continue
      }
      if (prose) proseBlocks.push(block)
      else unmatched.push(block)
    }
    if (prose && proseBlocks.length > 0) {
      const slot = this.slots.find((s) => s.path === join(scope.path, prose.path))
      const converted = this.convert(proseBlocks, (slot?.base ?? sourceLevel) - sourceLevel)
      if (slot) slot.own.push(...converted)
    }
    if (unmatched.length > 0)
      this.move(
        {blocks: unmatched, level: sourceLevel, section},
        'no field of this part of the archetype takes it',
      )
  }

  /** How many blocks a leaf node consumed starting at `block` (0 when none matched). */
  matchLeaf(
    nodes: readonly BodyNode[],
    block: SourceBlock,
    next: SourceBlock | undefined,
    scope: Scope,
    filled: Set<BodyNode>,
    unmatched: SourceBlock[],
  ): number {
    if (block.kind === 'paragraph') {
      const labelled = splitBoldLabel(block.inline)
      if (labelled) {
        const listNode = nodes.find(
          (n) =>
            n.kind === 'list' &&
            n.label !== undefined &&
            normalise(n.label) === normalise(labelled.label),
        )
        if (listNode?.kind === 'list' && labelled.rest.trim() === '' && next?.kind === 'list') {
          this.entry(block.line, `**${labelled.label}**:`, join(scope.path, listNode.path))
          this.fillList(listNode, next, scope, unmatched)
          return 2
        }
        const slot = nodes.find(
          (n) => n.kind === 'labelled' && normalise(n.label) === normalise(labelled.label),
        )
        if (slot?.kind === 'labelled' && !filled.has(slot)) {
          filled.add(slot)
          this.setPlain(scope, slot.path, labelled.rest, block.line, `**${labelled.label}**:`)
          return 1
        }
      }
      const paragraphsNode = nodes.find((n) => n.kind === 'paragraphs')
      if (paragraphsNode?.kind === 'paragraphs') {
        const text = plainText(block.inline)
        const previous = scope.record[paragraphsNode.path]
        const joined =
          typeof previous === 'string' && previous !== ''
            ? `${previous}\n\n${text.text}`
            : text.text
        this.setValue(
          scope,
          paragraphsNode.path,
          joined,
          block.line,
          'paragraph',
          text.plain ? undefined : 'formatting kept as markdown text: the field is plain text',
        )
        return 1
      }
      const filename = codeSpanText(block.inline)
      const examples = nodes.find((n) => n.kind === 'codeExamples')
      if (filename !== undefined && examples && next?.kind === 'fence') {
        this.addCode(examples, next, scope, filename, block.line)
        return 2
      }
      return 0
    }
    if (block.kind === 'list') {
      const kv = nodes.find((n) => n.kind === 'kvList')
      if (
        kv?.kind === 'kvList' &&
        block.items.some((item) => kvMatch(kv.items, item) !== undefined)
      ) {
        this.fillKv(kv.items, block, scope, unmatched)
        return 1
      }
      const list = nodes.find((n) => n.kind === 'list' && n.label === undefined)
      if (list?.kind === 'list') {
        this.fillList(list, block, scope, unmatched)
        return 1
      }
      const refs = nodes.find((n) => n.kind === 'references' || n.kind === 'links')
      if (refs?.kind === 'references' || refs?.kind === 'links') {
        this.fillLinks(refs, block, scope, unmatched)
        return 1
      }
      return 0
    }
    if (block.kind === 'table') {
      const table = nodes.find((n) => n.kind === 'table')
      if (table?.kind === 'table' && table.columns.length === block.header.length) {
        const headersMatch = table.columns.every(
          (c, i) => normalise(c.header) === normalise(plainText(block.header[i] ?? '').text),
        )
        const rows = this.arrayAt(scope, table.path)
        const typePath = [...scope.typePath, ...table.path.split('.')]
        const type = typeAt(this.docType, typePath)
        for (const cells of block.rows) {
          const row: Rec = type ? {_type: type} : {}
          table.columns.forEach((column, i) => {
            const cell = plainText(cells[i] ?? '')
            if (cell.text !== '') row[column.path] = cell.text
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
        return 1
      }
      return 0
    }
    if (block.kind === 'fence') {
      const fence = nodes.find((n) => n.kind === 'fence' && !filled.has(n))
      if (fence?.kind === 'fence') {
        filled.add(fence)
        const note =
          block.info !== fence.lang
            ? `code language "${block.info}" not kept: this field is written as a ${fence.lang ? `${fence.lang} ` : 'plain '}block`
            : undefined
        this.setValue(
          scope,
          fence.path,
          block.code.replace(/\n$/, ''),
          block.line,
          'code block',
          note,
        )
        return 1
      }
      const examples = nodes.find((n) => n.kind === 'codeExamples')
      if (examples) {
        this.addCode(examples, block, scope, undefined, block.line)
        return 1
      }
      return 0
    }
    if (block.kind === 'html') {
      const lyket = nodes.find((n) => n.kind === 'lyket')
      if (lyket?.kind === 'lyket' && this.lyketId(block) === this.slug) {
        this.likeButtonsSeen = true
        this.setValue(scope, lyket.path, true, block.line, 'like buttons')
        return 1
      }
    }
    return 0
  }

  addCode(
    node: BodyNode & {path: string},
    fence: SourceBlock,
    scope: Scope,
    filename: string | undefined,
    line: number,
  ): void {
    if (fence.kind !== 'fence') return
    const list = this.arrayAt(scope, node.path)
    const path = `${join(scope.path, node.path)}[${list.length}]`
    list.push({
      _type: 'code',
      ...(fence.info ? {language: fence.info.split(/\s+/)[0]} : {}),
      ...(filename ? {filename} : {}),
      code: fence.code.replace(/\n$/, ''),
    })
    this.entry(line, filename ? `\`${filename}\` and code block` : 'code block', path)
  }

  fillKv(
    items: readonly KeyValue[],
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
    unmatched: SourceBlock[],
  ): void {
    const rest: ListItem[] = []
    for (const item of block.items) {
      const match = kvMatch(items, item)
      if (match === undefined) {
        rest.push(item)
        continue
      }
      if (match.value === '') {
        this.entry(
          item.line,
          `- ${match.kv.label}`,
          '(not imported)',
          'a label with no value: the archetype’s placeholder',
        )
        continue
      }
      this.setPlain(scope, match.kv.path, match.value, item.line, `- ${match.kv.label}:`)
      if (item.children.length > 0) unmatched.push(...item.children)
    }
    if (rest.length > 0) unmatched.push(partialList(block, rest))
  }

  fillList(
    node: Extract<BodyNode, {kind: 'list'}>,
    block: SourceBlock,
    scope: Scope,
    unmatched: SourceBlock[],
  ): void {
    if (block.kind !== 'list') return
    const list = this.arrayAt(scope, node.path)
    const arrayPath = join(scope.path, node.path)
    const typePath = [...scope.typePath, ...node.path.split('.')]
    const itemType = typeAt(this.docType, typePath)
    for (const item of block.items) {
      const path = `${arrayPath}[${list.length}]`
      const parsed = parseItem(node.item, item)
      if (parsed === undefined) {
        unmatched.push(partialList(block, [item]))
        continue
      }
      if (typeof parsed.value === 'string') list.push(parsed.value)
      else list.push(itemType ? {_type: itemType, ...parsed.value} : parsed.value)
      const note =
        parsed.note ??
        (findMath(item.inline).length > 0
          ? 'a formula in a plain-text field is shown as its LaTeX text'
          : undefined)
      this.entry(item.line, 'list item', path, note)
      unmatched.push(...parsed.leftover)
    }
  }

  fillLinks(
    node: Extract<BodyNode, {kind: 'references' | 'links'}>,
    block: SourceBlock & {kind: 'list'},
    scope: Scope,
    unmatched: SourceBlock[],
  ): void {
    const list = this.arrayAt(scope, node.path)
    const typePath = [...scope.typePath, ...node.path.split('.')]
    const type = typeAt(this.docType, typePath)
    for (const item of block.items) {
      let source = item.inline.trim()
      const entry: Rec = type ? {_type: type} : {}
      if (node.kind === 'references') {
        for (const [kind, label] of Object.entries(node.kindLabels)) {
          const suffix = ` (${label})`
          if (source.endsWith(suffix)) {
            source = source.slice(0, -suffix.length)
            entry['kind'] = kind
            break
          }
        }
      }
      const link = singleLink(source)
      let note: string | undefined
      if (link) {
        entry['title'] = link.text
        entry['url'] = link.href
      } else {
        const text = plainText(source)
        entry['title'] = text.text
        if (!text.plain) note = 'formatting kept as markdown text: the title is plain text'
      }
      if (String(entry['title']).trim() === '') {
        unmatched.push(partialList(block, [item]))
        continue
      }
      const path = `${join(scope.path, node.path)}[${list.length}]`
      list.push(entry)
      this.entry(item.line, 'list item', path, note)
      unmatched.push(...item.children)
    }
  }

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

  setPlain(scope: Scope, path: string, inline: string, line: number, source: string): void {
    const text = plainText(inline)
    if (text.plain && findMath(inline).length > 0) {
      this.setValue(
        scope,
        path,
        text.text,
        line,
        source,
        'a formula in a plain-text field is shown as its LaTeX text',
      )
      return
    }
    this.setValue(
      scope,
      path,
      text.text,
      line,
      source,
      text.plain ? undefined : 'formatting kept as markdown text: the field is plain text',
    )
  }

  setText(scope: Scope, path: string, text: string, line: number, source: string): void {
    this.setValue(scope, path, text, line, source)
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

  // ---- Rich text and the nearest free-text slot ----

  convert(blocks: readonly SourceBlock[], headingShift: number): Converted[] {
    return toRichText(blocks, {...this.richOptions, headingShift})
  }

  /** Keeps content the archetype has no place for in the nearest rich-text slot, in reading order. */
  move(run: Run, why?: string): void {
    if (run.blocks.length === 0) return
    const slot = nearestSlot(this.slots, run.section)
    if (!slot) {
      for (const block of run.blocks)
        this.entry(
          block.line,
          describeBlock(block),
          '(not imported)',
          'the archetype has no rich-text field',
        )
      return
    }
    const converted = this.convert(run.blocks, slot.base - run.level)
    const note = `kept in the nearest free-text field${why ? `: ${why}` : ''}`
    converted.forEach((c) => {
      c.note = note
    })
    if (run.section < slot.section) slot.before.push(...converted)
    else slot.after.push(...converted)
  }

  writeSlots(): void {
    for (const slot of this.slots) {
      const all = [...slot.before, ...slot.own, ...slot.after]
      if (all.length === 0) continue
      const parts = slot.path.split('.')
      const last = parts.pop() ?? slot.path
      this.scope(parts.join('.')).record[last] = all.map((c) => c.node)
      // One report entry per source block: the range of nodes it became.
      let start = 0
      while (start < all.length) {
        const first = all[start] as Converted
        let end = start
        while (end + 1 < all.length && (all[end + 1] as Converted).line === first.line) end++
        const range = end === start ? `[${start}]` : `[${start}..${end}]`
        const source = first.source ?? describeNode(first)
        const style = first.node['style']
        const level = /^(#+) /.exec(source)?.[1]?.length
        // A heading that moved down a level says so.
        const relevelled =
          typeof style === 'string' && level !== undefined && style !== `h${level}`
            ? `written as ${style}`
            : undefined
        const note = [first.note, relevelled].filter((part) => part !== undefined).join('; ')
        this.entry(first.line, source, `${slot.path}${range}`, note === '' ? undefined : note)
        start = end + 1
      }
    }
  }
}

function collectSlots(archetype: Archetype): Slot[] {
  const slots: Slot[] = []
  const visit = (nodes: readonly BodyNode[], scope: string, level: number, section: number) => {
    for (const node of nodes) {
      if (node.kind === 'prose')
        slots.push({
          path: join(scope, node.path),
          base: level - 1,
          section,
          before: [],
          own: [],
          after: [],
        })
      else if (node.kind === 'sub') visit(node.children, join(scope, node.path), level + 1, section)
    }
  }
  archetype.sections.forEach((section, index) => {
    visit(section.children, section.path, 3, index)
  })
  return slots
}

/** The slot closest in section order; on a tie, the earlier one, so text stays after what preceded it. */
function nearestSlot(slots: readonly Slot[], section: number): Slot | undefined {
  let best: Slot | undefined
  for (const slot of slots) {
    if (!best) best = slot
    else {
      const d = Math.abs(slot.section - section)
      const bestD = Math.abs(best.section - section)
      if (d < bestD || (d === bestD && slot.section < best.section)) best = slot
    }
  }
  // Several slots in one section (e.g. none here) would tie; the first wins.
  return best
}

function parseItem(
  format: ItemFormat,
  item: ListItem,
): {value: string | Rec; note?: string; leftover: SourceBlock[]} | undefined {
  if (item.inline.trim() === '') return undefined
  switch (format.kind) {
    case 'text': {
      const text = plainText(item.inline)
      return {
        value: text.text,
        ...(text.plain ? {} : {note: 'formatting kept as markdown text: the item is plain text'}),
        leftover: item.children,
      }
    }
    case 'named': {
      const bold = splitBoldLabel(item.inline)
      const value: Rec = {}
      let plain = true
      if (bold) {
        value[format.name] = bold.label
        const rest = plainText(bold.rest)
        plain = rest.plain
        if (rest.text !== '') value[format.description] = rest.text
      } else if (boldOnly(item.inline) !== undefined) {
        value[format.name] = boldOnly(item.inline)
      } else {
        const text = plainText(item.inline)
        plain = text.plain
        const split = text.text.indexOf(': ')
        // Where names are bold, an item without a bold name has only a description.
        if (format.bold) value[format.description] = text.text
        else if (split === -1) value[format.name] = text.text
        else {
          value[format.name] = text.text.slice(0, split)
          value[format.description] = text.text.slice(split + 2)
        }
      }
      return {
        value,
        ...(plain ? {} : {note: 'formatting kept as markdown text: the fields are plain text'}),
        leftover: item.children,
      }
    }
    case 'counted': {
      const noun = escapeRegExp(format.noun)
      const label = format.numbering === 'letter' ? '[A-Z]+' : '\\d+'
      const source = item.inline.trim()
      const match =
        new RegExp(`^\\*\\*${noun}\\s+${label}\\*\\*:?\\s*(.*)$`, 's').exec(source) ??
        new RegExp(`^${noun}\\s+${label}:?\\s*(.*)$`, 's').exec(source)
      const text = plainText(match ? (match[1] ?? '') : source)
      const value: Rec = {}
      const parts = format.separator === '' ? [text.text] : splitOnce(text.text, format.separator)
      format.fields.forEach((field, i) => {
        const part = parts[i]
        if (part !== undefined && part !== '') value[field] = part
      })
      const leftover: SourceBlock[] = []
      for (const child of item.children) {
        if (child.kind !== 'list') {
          leftover.push(child)
          continue
        }
        const rest: ListItem[] = []
        for (const detail of child.items) {
          const kv = kvMatch(format.details, detail)
          if (kv && kv.value !== '') value[kv.kv.path] = kv.value
          else rest.push(detail)
        }
        if (rest.length > 0) leftover.push(partialList(child, rest))
      }
      return {
        value,
        ...(text.plain
          ? {}
          : {note: 'formatting kept as markdown text: the fields are plain text'}),
        leftover,
      }
    }
  }
}

function splitOnce(text: string, separator: string): string[] {
  const at = text.indexOf(separator)
  return at === -1 ? [text] : [text.slice(0, at), text.slice(at + separator.length)]
}

/** `Label: value` for one of the known labels; value '' when the item is the bare label. */
function kvMatch(
  items: readonly KeyValue[],
  item: ListItem,
): {kv: KeyValue; value: string} | undefined {
  const text = plainText(item.inline).text
  for (const kv of items) {
    const label = normalise(kv.label)
    if (normalise(text) === label) return {kv, value: ''}
    if (normalise(text.slice(0, kv.label.length + 1)) === `${label}:`)
      return {kv, value: plainText(item.inline.trim().slice(kv.label.length + 1)).text}
  }
  return undefined
}

/** A list holding only some of a list's items, for moving them elsewhere. */
function partialList(block: SourceBlock & {kind: 'list'}, items: ListItem[]): SourceBlock {
  const first = items[0]
  return {
    ...block,
    line: first?.line ?? block.line,
    source: items.map((item) => item.source).join('\n'),
    items,
  }
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
function singleLink(inline: string): {text: string; href: string} | undefined {
  const tokens = inlineTokens(inline.trim())
  const open = tokens[0]
  const close = tokens.at(-1)
  if (open?.type !== 'link_open' || close?.type !== 'link_close') return undefined
  const inner = tokens.slice(1, -1)
  if (!inner.every((t) => t.type === 'text' || t.type === 'softbreak')) return undefined
  if (tokens.slice(1, -1).some((t) => t.type === 'link_open')) return undefined
  return {
    text: inner.map((t) => (t.type === 'text' ? t.content : ' ')).join(''),
    href: String(open.attrGet('href') ?? ''),
  }
}

function codeSpanText(inline: string): string | undefined {
  const tokens = inlineTokens(inline.trim())
  return tokens.length === 1 && tokens[0]?.type === 'code_inline' ? tokens[0].content : undefined
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

function describeNode(converted: Converted): string {
  const node = converted.node
  if (node._type === 'block') {
    const style = String(node['style'] ?? 'normal')
    if (node['listItem']) return 'list'
    return style === 'normal'
      ? 'paragraph'
      : style === 'blockquote'
        ? 'quote'
        : `heading (${style})`
  }
  return node._type
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
