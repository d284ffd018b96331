import {PAPERMOD_FRONT_MATTER} from './archetypes/frontMatter.ts'
import {ARCHETYPES} from './archetypes/index.ts'
import {type SiteConfig, validateSite} from './config.ts'
import {postPath} from './path.ts'
import {renderBody} from './render/body.ts'
import {isRecord, type Located, type RenderContext, warn} from './render/context.ts'
import {formatRfc3339, parseDateTime} from './render/date.ts'
import {renderFrontMatter} from './render/frontMatter.ts'
import {markdownSafe, replaceUnwritableText} from './render/sanitize.ts'
import {slugProblem} from './slug.ts'
import {type AssetPlacement, RenderError, type RenderResult} from './types.ts'

/**
 * The one converter: a post document → the Hugo markdown file the archetype
 * describes. Pure (no I/O), deterministic, and it never mutates its input.
 * Only a document that cannot become a post at all throws (RenderError);
 * everything else is rendered, with warnings naming the field.
 */

export type {
  AssetPlacement,
  PathSegment,
  RenderResult,
  RenderWarning,
} from './types.ts'
export {RenderError}

/** The document types the converter can render; the exporter queries these. */
export const SUPPORTED_TYPES: readonly string[] = [...ARCHETYPES.keys()]

export type RenderOptions = SiteConfig & {
  /** Old addresses of the post (e.g. after a slug change), written as Hugo `aliases`. */
  aliases?: readonly string[]
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

  const slugValue = isRecord(doc['slug']) ? doc['slug']['current'] : undefined
  const slug = typeof slugValue === 'string' ? slugValue : undefined
  const problem = slugProblem(slug)
  if (problem !== undefined || slug === undefined)
    throw new RenderError(documentId, ['slug', 'current'], problem ?? 'The post needs a slug.')

  const title = doc['title']
  if (typeof title !== 'string' || title.trim() === '')
    throw new RenderError(documentId, ['title'], 'The post needs a title.')

  const date = doc['date']
  const epoch = typeof date === 'string' ? parseDateTime(date) : undefined
  if (epoch === undefined)
    throw new RenderError(
      documentId,
      ['date'],
      `The post needs a publication date and time (ISO 8601, e.g. 2025-10-01T09:00:00Z), got ${JSON.stringify(date ?? null)}.`,
    )

  const site: SiteConfig = {
    baseURL: options.baseURL,
    contentDir: options.contentDir,
    section: options.section,
    layout: options.layout,
    author: options.author,
    editPost: options.editPost,
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
    recorded: new Set(),
  }
  for (const {path, message} of replaced) warn(ctx, path, message)
  const root: Located = {value: doc, path: []}
  const frontMatter = renderFrontMatter(ctx, PAPERMOD_FRONT_MATTER, root, {
    title,
    date: formatRfc3339(epoch, site.timeZone),
    aliases: (options.aliases ?? []).filter((alias) => typeof alias === 'string' && alias !== ''),
  })
  const body = markdownSafe(renderBody(ctx, archetype, root))
  return {
    documentId,
    slug,
    path: postPath(site, slug),
    // A post with no text yet is its front matter alone, without trailing blank lines.
    markdown: body === '' ? `---\n${frontMatter}---\n` : `---\n${frontMatter}---\n\n${body}\n`,
    warnings: ctx.warnings,
    assets,
  }
}
