import type {Archetype, BodyNode, ItemFormat, SentenceAlternatives} from '../archetypes/spec.ts'
import {
  describe,
  isRecord,
  type Located,
  locate,
  type RenderContext,
  readArray,
  readText,
  warn,
} from './context.ts'
import {escapeBrackets, renderPortableText, tableMarkdown} from './portableText.ts'
import {
  codeBlock,
  codeSpan,
  emphasized,
  encodeHref,
  foldLines,
  headingAnchor,
  headingText,
  inlineText,
  isSafeHref,
} from './text.ts'

/**
 * The interpreter of an archetype's section list. Every node renders to a
 * markdown chunk or to '' when it has nothing to show; a heading is written
 * only when something under it is, so empty sections vanish with their TOC
 * entry.
 */

function join(chunks: readonly string[]): string {
  let out = ''
  for (const chunk of chunks) {
    if (chunk === '') continue
    out = out === '' ? chunk : `${out}\n\n${chunk}`
  }
  return out
}

const heading = (level: number, text: string) => `${'#'.repeat(level)} ${headingText(text)}`

function text(ctx: RenderContext, scope: Located, path: string): string | undefined {
  return readText(ctx, locate(ctx, scope, path))
}

function letters(n: number): string {
  let out = ''
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    out = String.fromCharCode(65 + ((i - 1) % 26)) + out
  return out
}

/** Whether an array item is an entry (an object); any other non-empty value is reported. */
function isEntry(ctx: RenderContext, item: Located): boolean {
  if (isRecord(item.value)) return true
  if (item.value !== null && item.value !== undefined)
    warn(ctx, item.path, `Expected an entry but found ${describe(item.value)}; it was left out.`)
  return false
}

/** The record items of an array field; other values are reported and skipped. */
function records(ctx: RenderContext, at: Located): Located[] {
  return readArray(ctx, at).filter((item) => isEntry(ctx, item))
}

/** One list item's text (first line) and its nested detail lines; undefined when empty. */
function listItem(
  ctx: RenderContext,
  item: Located,
  format: ItemFormat,
  number: number,
): {line: string; details: string[]} | undefined {
  switch (format.kind) {
    case 'text': {
      const value = readText(ctx, item)
      return value === undefined ? undefined : {line: inlineText(value), details: []}
    }
    case 'named': {
      if (!isEntry(ctx, item)) return undefined
      const name = text(ctx, item, format.name)
      const description = text(ctx, item, format.description)
      if (name === undefined && description === undefined) return undefined
      const shownName =
        name === undefined
          ? ''
          : format.bold
            ? emphasized(inlineText(name), '**')
            : inlineText(name)
      const shownDescription = description === undefined ? '' : inlineText(description)
      return {
        line:
          shownName && shownDescription
            ? `${shownName}: ${shownDescription}`
            : shownName || shownDescription,
        details: [],
      }
    }
    case 'counted': {
      if (!isEntry(ctx, item)) return undefined
      const values = format.fields.flatMap((field) => {
        const value = text(ctx, item, field)
        return value === undefined ? [] : [inlineText(value)]
      })
      const details = format.details.flatMap((detail) => {
        const value = text(ctx, item, detail.path)
        return value === undefined ? [] : [`- ${detail.label}: ${inlineText(value)}`]
      })
      if (values.length === 0 && details.length === 0) return undefined
      const label = `${format.noun} ${format.numbering === 'letter' ? letters(number) : number}`
      const shownLabel = format.bold ? `**${label}**` : label
      const joined = values.join(format.separator)
      return {line: joined ? `${shownLabel}: ${joined}` : shownLabel, details}
    }
  }
}

function renderList(
  ctx: RenderContext,
  node: Extract<BodyNode, {kind: 'list'}>,
  scope: Located,
): string {
  const lines: string[] = []
  let number = 0
  for (const item of readArray(ctx, locate(ctx, scope, node.path))) {
    const rendered = listItem(ctx, item, node.item, number + 1)
    if (!rendered) continue
    number++
    const marker = node.ordered ? `${number}. ` : '- '
    const indent = ' '.repeat(marker.length)
    lines.push(`${marker}${rendered.line}`, ...rendered.details.map((detail) => indent + detail))
  }
  if (lines.length === 0) return ''
  const list = lines.join('\n')
  return node.label ? `**${node.label}**:\n${list}` : list
}

function renderNode(ctx: RenderContext, node: BodyNode, scope: Located, level: number): string {
  switch (node.kind) {
    case 'prose':
      return renderPortableText(ctx, locate(ctx, scope, node.path), node.richText)
    case 'paragraphs': {
      const value = text(ctx, scope, node.path)
      if (value === undefined) return ''
      return join(value.split(/\r?\n[ \t]*\r?\n/).map(inlineText))
    }
    case 'list':
      return renderList(ctx, node, scope)
    case 'labelled': {
      const value = text(ctx, scope, node.path)
      return value === undefined ? '' : `**${node.label}**: ${inlineText(value)}`
    }
    case 'kvList':
      return node.items
        .flatMap((kv) => {
          const value = text(ctx, scope, kv.path)
          return value === undefined ? [] : [`- ${kv.label}: ${inlineText(value)}`]
        })
        .join('\n')
    case 'table': {
      const rows = records(ctx, locate(ctx, scope, node.path))
        .map((row) => node.columns.map((column) => text(ctx, row, column.path) ?? ''))
        .filter((cells) => cells.some((cell) => cell.trim() !== ''))
      if (rows.length === 0) return ''
      return tableMarkdown(
        node.columns.map((column) => column.header),
        rows,
      )
    }
    case 'fence': {
      const value = text(ctx, scope, node.path)
      return value === undefined ? '' : codeBlock(value.replace(/^(\s*\n)+/, ''), node.lang)
    }
    case 'codeExamples':
      return join(
        records(ctx, locate(ctx, scope, node.path)).map((example) => {
          const code = text(ctx, example, 'code')
          if (code === undefined) return ''
          const filename = text(ctx, example, 'filename')?.trim()
          const block = codeBlock(code, text(ctx, example, 'language') ?? '')
          return filename ? `${codeSpan(filename)}\n\n${block}` : block
        }),
      )
    case 'repeat': {
      let number = 0
      return join(
        records(ctx, locate(ctx, scope, node.path)).map((item) => {
          const title = text(ctx, item, node.titleField)
          const body = renderNodes(ctx, node.children, item, level + 1)
          if (title === undefined && body === '') return ''
          number++
          const label = `${node.noun} ${number}${title === undefined ? '' : `: ${foldLines(title)}`}`
          return join([heading(level, label), body])
        }),
      )
    }
    case 'sub': {
      const body = renderNodes(ctx, node.children, locate(ctx, scope, node.path), level + 1)
      return body === '' ? '' : join([heading(level, node.heading), body])
    }
    case 'references': {
      let number = 0
      const lines = records(ctx, locate(ctx, scope, node.path)).flatMap((ref) => {
        const title = text(ctx, ref, 'title')
        if (title === undefined) {
          if (text(ctx, ref, 'url') !== undefined)
            warn(ctx, ref.path, 'A reference without a title was left out.')
          return []
        }
        number++
        const kindAt = locate(ctx, ref, 'kind')
        const kind = readText(ctx, kindAt)
        const kindLabel = kind === undefined ? undefined : node.kindLabels[kind]
        if (kind !== undefined && kindLabel === undefined)
          warn(
            ctx,
            kindAt.path,
            `Unknown reference kind ${JSON.stringify(kind)}; it was not shown.`,
          )
        return [
          `${number}. ${linkOrText(ctx, ref, title)}${kindLabel === undefined ? '' : ` (${kindLabel})`}`,
        ]
      })
      return lines.join('\n')
    }
    case 'links':
      return records(ctx, locate(ctx, scope, node.path))
        .flatMap((entry) => {
          const title = text(ctx, entry, 'title')
          if (title === undefined) {
            if (text(ctx, entry, 'url') !== undefined)
              warn(ctx, entry.path, 'A reading entry without a title was left out.')
            return []
          }
          return [`- ${linkOrText(ctx, entry, title)}`]
        })
        .join('\n')
    case 'lyket':
      return ctx.likeButtons ? `<div id="lyket-like-${ctx.slug}"></div>` : ''
    case 'static':
      return node.whenLikeButtons && !ctx.likeButtons ? '' : node.markdown
  }
}

/** `[title](url)` when the entry has a usable address, the plain title otherwise. */
function linkOrText(ctx: RenderContext, entry: Located, title: string): string {
  const urlAt = locate(ctx, entry, 'url')
  const url = readText(ctx, urlAt)?.trim()
  const shown = inlineText(title)
  if (url === undefined) return shown
  if (!isSafeHref(url)) {
    warn(ctx, urlAt.path, 'The address is not a web address; the title is shown without a link.')
    return shown
  }
  return `[${escapeBrackets(shown)}](${encodeHref(url)})`
}

export function renderNodes(
  ctx: RenderContext,
  nodes: readonly BodyNode[],
  scope: Located,
  level: number,
): string {
  return join(nodes.map((node) => renderNode(ctx, node, scope, level)))
}

const PLACEHOLDER = /\{([^{}]+)\}/g

/** The first alternative whose placeholders all have content, filled in; '' when none does. */
function sentence(ctx: RenderContext, alternatives: SentenceAlternatives, root: Located): string {
  for (const template of alternatives) {
    let complete = true
    const filled = template.replace(PLACEHOLDER, (_, names: string) => {
      for (const name of names.split('|')) {
        const value = text(ctx, root, name)
        if (value !== undefined) return foldLines(value)
      }
      complete = false
      return ''
    })
    if (complete) return filled
  }
  return ''
}

export function renderBody(ctx: RenderContext, archetype: Archetype, root: Located): string {
  const headline =
    archetype.headline === undefined ? '' : renderHeadline(ctx, archetype.headline, root)
  const opening = inlineText(
    archetype.opening
      .map((alternatives) => sentence(ctx, alternatives, root))
      .filter((s) => s !== '')
      .join(' '),
  )
  const lead = renderNodes(ctx, archetype.lead, root, 2)

  const sections = archetype.sections.map((section) => {
    const body = renderNodes(ctx, section.children, locate(ctx, root, section.path), 3)
    return {section, markdown: body === '' ? '' : join([heading(2, section.heading), body])}
  })
  const tocHeading = archetype.tocHeading
  const tocEntries = sections
    .filter(({section, markdown}) => section.toc && markdown !== '')
    .map(({section}, i) => `${i + 1}. [${section.heading}](#${headingAnchor(section.heading)})`)
  const toc =
    tocHeading === undefined || tocEntries.length === 0
      ? ''
      : join([heading(2, tocHeading), tocEntries.join('\n')])

  return join([
    headline,
    opening,
    lead,
    toc,
    ...sections.map(({markdown}) => markdown),
    renderNodes(ctx, archetype.footer, root, 2),
  ])
}

/** `# <name>: <tagline>`, or '' when no name field has content. */
function renderHeadline(
  ctx: RenderContext,
  headline: NonNullable<Archetype['headline']>,
  root: Located,
): string {
  const name = headline.name.map((field) => text(ctx, root, field)).find((v) => v)
  const tagline = text(ctx, root, headline.tagline)
  if (name === undefined) return ''
  return heading(
    1,
    tagline === undefined ? foldLines(name) : `${foldLines(name)}: ${foldLines(tagline)}`,
  )
}
