import {basename, dirname, extname} from 'node:path'
import {ARCHETYPES} from '../../converter/archetypes/index.ts'
import {postArchetype} from '../../converter/archetypes/post.ts'
import type {SiteConfig} from '../../converter/config.ts'
import {slugify, slugProblem} from '../../converter/slug.ts'
import {mapBody} from './archetype.ts'
import {chooseArchetype, mapAsWritten} from './asWritten.ts'
import {linkReferences, parseBlocks} from './blocks.ts'
import {ImportError} from './errors.ts'
import {type FrontMatterFields, frontMatterFields} from './fields.ts'
import {literalShortcodes, takeFootnotes} from './footnotes.ts'
import {parseFrontMatter, splitFrontMatter} from './frontMatter.ts'
import {type ImageEnvironment, resolveImage} from './images.ts'
import {assignKeys, documentIdFor} from './keys.ts'
import type {FileReport, ImageEntry, ReportEntry} from './report.ts'
import {decodeSource} from './source.ts'

/**
 * One Hugo post → one Sanity document. Reads nothing itself: the caller hands
 * in the bytes and a way to read image files, and writes the results.
 */

/** The archetypes with sections of their own, which a post is matched against. */
const STRUCTURED = [...ARCHETYPES.values()].filter((archetype) => archetype.sections.length > 0)

export interface ImportOptions {
  site: SiteConfig
  /** Where the post is on disk, for images beside it; `file` is only the name shown in messages. */
  location?: string
  siteRoot: string | undefined
  readFile: (path: string) => Uint8Array | undefined
}

export interface ImportedPost {
  document: Record<string, unknown>
  report: FileReport
  /** Image files to copy to `images/<fileName>` beside the NDJSON. */
  copies: {from: string; fileName: string}[]
}

export function importPost(file: string, bytes: Uint8Array, options: ImportOptions): ImportedPost {
  const text = decodeSource(file, bytes)
  const split = splitFrontMatter(file, text)
  const parsed = parseFrontMatter(file, split)
  const entries: ReportEntry[] = []
  const slug = slugFor(file, parsed.values['slug'], entries)
  const front = frontMatterFields(file, parsed, slug, options.site)
  entries.push(...front.entries)
  const title = front.fields['title']
  if (typeof title !== 'string' || title.trim() === '')
    throw new ImportError(file, 'front matter has no title; a post needs one', {
      line: split.rawStartLine,
    })
  if (front.fields['date'] === undefined)
    throw new ImportError(
      file,
      'front matter has no date; a post needs one to be ordered and shown',
      {
        line: split.rawStartLine,
      },
    )

  const documentId = documentIdFor(slug)
  const footnotes = takeFootnotes(literalShortcodes(split.body))
  for (const [label, line] of footnotes.lines)
    entries.push({
      line: split.bodyStartLine + line,
      source: `footnote [^${label}]`,
      target: '(kept with its reference)',
    })
  const blocks = parseBlocks(footnotes.body, split.bodyStartLine)
  const references = linkReferences(footnotes.body)
  const choice = chooseArchetype(blocks, STRUCTURED, postArchetype)
  entries.push(choice.entry)
  const archetype = choice.archetype
  const document: Record<string, unknown> = {
    _id: documentId,
    _type: archetype.type,
    title,
    slug: {_type: 'slug', current: slug},
    ...front.fields,
  }

  const images: ImageEntry[] = []
  const copies: {from: string; fileName: string}[] = []
  const env: ImageEnvironment = {
    postFile: options.location ?? file,
    siteRoot: options.siteRoot,
    baseURL: options.site.baseURL,
    readFile: options.readFile,
  }
  const resolve = (src: string, line: number) => {
    const resolved = resolveImage(src, line, env)
    images.push(resolved.entry)
    if (resolved.copy && !copies.some((c) => c.fileName === resolved.copy?.fileName))
      copies.push(resolved.copy)
    return resolved.value
  }

  if (front.coverImage) entries.push(...placeCover(document, front.coverImage, resolve))

  entries.push(
    ...(archetype.sections.length > 0
      ? mapBody({
          archetype,
          blocks,
          doc: document,
          slug,
          title,
          rich: {resolveImage: resolve, footnotes: footnotes.definitions, references},
        })
      : mapAsWritten({
          archetype,
          blocks,
          doc: document,
          resolveImage: resolve,
          footnotes: footnotes.definitions,
          references,
        })),
  )
  entries.sort((a, b) => a.line - b.line)
  return {
    document: assignKeys(documentId, document),
    report: {
      file,
      status: 'imported',
      documentId,
      type: archetype.type,
      slug,
      entries,
      images,
    },
    copies,
  }
}

/**
 * The cover's picture becomes an upload when its file is found. When it is not,
 * it stays the address it was, with its `relative`, so the export writes it
 * back unchanged, and the report says so.
 */
function placeCover(
  document: Record<string, unknown>,
  picture: NonNullable<FrontMatterFields['coverImage']>,
  resolve: (src: string, line: number) => Record<string, unknown> | undefined,
): ReportEntry[] {
  const cover = document['cover'] as Record<string, unknown>
  const image = resolve(picture.src, picture.line)
  const line = picture.line
  const relative = (target: string, note?: string): ReportEntry[] =>
    picture.relative === undefined
      ? []
      : [{line, source: 'front matter: cover.relative', target, ...(note ? {note} : {})}]
  if (image) {
    cover['image'] = {_type: 'image', ...image}
    return [
      {line, source: 'front matter: cover.image', target: 'cover.image'},
      ...relative('(derived on export)', 'the exporter sets it from where it stores the image'),
    ]
  }
  cover['address'] = picture.src
  if (picture.relative !== undefined) cover['relative'] = picture.relative
  return [
    {
      line,
      source: 'front matter: cover.image',
      target: 'cover.address',
      note: `the cover image "${picture.src}" ${/^https?:\/\//i.test(picture.src) ? 'is on another site' : 'was not found'}: kept as its address, written back as it was; upload the picture in the Studio`,
    },
    ...relative('cover.relative'),
  ]
}

/** Hugo's slug: the `slug` key, else the file name, else (for index.md) the bundle folder. */
function slugFor(file: string, fromFrontMatter: unknown, entries: ReportEntry[]): string {
  const name = basename(file, extname(file))
  const base = name === 'index' || name === '_index' ? basename(dirname(file)) : name
  const wanted =
    typeof fromFrontMatter === 'string' && fromFrontMatter.trim() !== ''
      ? fromFrontMatter.trim()
      : base
  if (slugProblem(wanted) === undefined) return wanted
  const fixed = slugify(wanted)
  const problem = slugProblem(fixed)
  if (problem !== undefined)
    throw new ImportError(file, `cannot make a URL slug from "${wanted}": ${problem}`)
  entries.push({
    line: 1,
    source: `slug "${wanted}"`,
    target: 'slug.current',
    note: `written as "${fixed}": slugs are lowercase words joined by hyphens`,
  })
  return fixed
}
