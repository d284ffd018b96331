import {PAPERMOD_FRONT_MATTER} from './archetypes/frontMatter.ts'
import {ARCHETYPES} from './archetypes/index.ts'
import {type OutputLayout, type SiteConfig, validateSite} from './config.ts'
import {postLineFields} from './lines.ts'
import {postPath} from './path.ts'
import {renderBody} from './render/body.ts'
import {isRecord, type Located, type RenderContext, warn} from './render/context.ts'
import {dateProblems, renderFrontMatter} from './render/frontMatter.ts'
import {markdownSafe, replaceUnwritableText} from './render/sanitize.ts'
import {slugProblem} from './slug.ts'
import {type AssetPlacement, type PathSegment, RenderError, type RenderResult} from './types.ts'

/**
 * The one converter: a post document → the Hugo markdown file the archetype
 * describes. Pure (no I/O), deterministic, and it never mutates its input.
 * Only a document that cannot become a post at all throws (RenderError);
 * everything else is rendered, with warnings naming the field.
 */

export type {
  AssetPlacement,
  LineFields,
  PathSegment,
  PostSchedule,
  RenderResult,
  RenderWarning,
} from './types.ts'
export {RenderError}

/** The document types the converter can render; the exporter queries these. */
export const SUPPORTED_TYPES: readonly string[] = [...ARCHETYPES.keys()]

export type RenderOptions = SiteConfig & {
  /** Old addresses of the post (e.g. after a slug change), written as Hugo `aliases`. */
  aliases?: readonly string[]
  /**
   * Also say which field each line was written from (`fields`), so that a Hugo
   * error at a line can name it. Off by default: the preview and the export do
   * not need it.
   */
  lineFields?: boolean
}

/** What the caller knows about the input, which can spare the converter work. */
export interface InputFacts {
  /**
   * No string in the input holds a NUL or an unpaired UTF-16 surrogate, so none
   * needs replacing. A caller knows this of a document parsed from UTF-8 JSON text
   * without a `\u` escape: decoding UTF-8 yields no lone surrogate, and JSON holds a
   * NUL only as an escape. Checking the text costs a fraction of walking the document.
   */
  writableText?: boolean
}

const validated = new WeakSet<object>()

/**
 * Hugo builds no page for a draft, and no file of a draft's page bundle; a
 * file under static/ it deploys with the next build. So in the file layout a
 * Hugo draft is written as a bundle, its images beside it, and moves to
 * `<slug>.md` with its images under static/ once it is published.
 */
function postLayout(layout: OutputLayout, hugoDraft: boolean): OutputLayout {
  return hugoDraft ? 'bundle' : layout
}

export function renderPost(
  input: unknown,
  options: RenderOptions,
  facts: InputFacts = {},
): RenderResult {
  if (!validated.has(options)) {
    validateSite(options)
    validated.add(options)
  }
  if (!isRecord(input)) throw new RenderError('', [], 'The document is not an object.')
  const {doc, replaced} =
    facts.writableText === true ? {doc: input, replaced: []} : replaceUnwritableText(input)
  const documentId = typeof doc['_id'] === 'string' ? doc['_id'] : ''
  const type = doc['_type']
  const archetype = typeof type === 'string' ? ARCHETYPES.get(type) : undefined
  if (archetype === undefined)
    throw new RenderError(
      documentId,
      ['_type'],
      `Documents of type ${JSON.stringify(type ?? null)} cannot be exported; supported: ${SUPPORTED_TYPES.join(', ')}.`,
    )

  const essentials = readEssentials(doc)
  if ('problems' in essentials) {
    const [first] = essentials.problems
    throw new RenderError(documentId, first.path, first.message)
  }
  const {slug, title} = essentials

  const site: SiteConfig = {
    baseURL: options.baseURL,
    contentDir: options.contentDir,
    section: options.section,
    layout: postLayout(options.layout, doc['hugoDraft'] === true),
    author: options.author,
    editPost: options.editPost,
    cover: options.cover,
    lyket: options.lyket,
    timeZone: options.timeZone,
  }
  const assets: AssetPlacement[] = []
  const ctx: RenderContext = {
    documentId,
    site,
    slug,
    likeButtons: site.lyket && doc['showLikeButtons'] !== false,
    warnings: [],
    assets,
    sections: [],
    recorded: new Set(),
    footnotes: [],
    keepFields: options.lineFields === true,
  }
  for (const {path, message} of replaced) warn(ctx, path, message)
  const root: Located = {value: doc, path: []}
  const frontMatter = renderFrontMatter(ctx, PAPERMOD_FRONT_MATTER, root, {
    title,
    aliases: (options.aliases ?? []).filter((alias) => typeof alias === 'string' && alias !== ''),
  })
  const written = renderBody(ctx, archetype, root)
  const body = markdownSafe(withFootnotes(written.markdown, ctx.footnotes))
  const head = `---\n${frontMatter.yaml}---\n`
  // A post with no text yet is its front matter alone, without trailing blank lines.
  const markdown = body === '' ? head : `${head}\n${body}\n`
  return {
    documentId,
    slug,
    path: postPath(site, slug),
    markdown,
    warnings: ctx.warnings,
    assets,
    sections: ctx.sections,
    ...(frontMatter.schedule === undefined ? {} : {schedule: frontMatter.schedule}),
    ...(ctx.keepFields ? {fields: postLineFields(markdown, head.length + 1, written.spans)} : {}),
  }
}

/** A field that stops a post from being exported, and why. */
export interface BlockingProblem {
  path: PathSegment[]
  message: string
}

/**
 * Everything that stops the document from becoming a post: `renderPost` throws
 * the first, and the Studio lists them all so a writer can fix them in one go.
 */
export function blockingProblems(doc: Record<string, unknown>): BlockingProblem[] {
  const essentials = readEssentials(doc)
  return [
    ...('problems' in essentials ? essentials.problems : []),
    ...dateProblems(PAPERMOD_FRONT_MATTER, doc),
  ]
}

/** What every post must have before anything else is read, for both callers above. */
function readEssentials(
  doc: Record<string, unknown>,
): {slug: string; title: string} | {problems: [BlockingProblem, ...BlockingProblem[]]} {
  const slugValue = isRecord(doc['slug']) ? doc['slug']['current'] : undefined
  const slug = typeof slugValue === 'string' ? slugValue : undefined
  const slugIssue = slugProblem(slug)
  const titleValue = doc['title']
  const title = typeof titleValue === 'string' && titleValue.trim() !== '' ? titleValue : undefined
  if (slug !== undefined && slugIssue === undefined && title !== undefined) return {slug, title}
  const problems: BlockingProblem[] = [
    ...(slugIssue === undefined ? [] : [{path: ['slug', 'current'], message: slugIssue}]),
    ...(title === undefined ? [{path: ['title'], message: 'The post needs a title.'}] : []),
  ]
  const [first, ...rest] = problems
  // slugProblem names a missing slug itself, so the early return covers every case without one.
  return {
    problems:
      first === undefined
        ? [{path: ['slug', 'current'], message: 'The post needs a slug.'}]
        : [first, ...rest],
  }
}

/** Footnote texts, after everything else: Hugo lists them at the end of the post wherever they are written. */
function withFootnotes(body: string, footnotes: readonly string[]): string {
  if (footnotes.length === 0) return body
  const definitions = footnotes.map((text, i) => `[^${i + 1}]: ${text}`).join('\n')
  return body === '' ? definitions : `${body}\n\n${definitions}`
}
