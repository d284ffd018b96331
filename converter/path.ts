import type {SiteConfig} from './config.ts'
import {
  describe,
  isRecord,
  type Located,
  placeAsset,
  type RenderContext,
  warn,
} from './render/context.ts'
import {type AssetPlacement, pathToString} from './types.ts'

/**
 * Where a post and its images land in the Hugo site, per layout:
 * - file:   content/posts/<slug>.md, images in static/images/<slug>/ linked by absolute URL
 *           (works under the GitHub Pages sub-path and in RSS readers);
 * - bundle: content/posts/<slug>/index.md, images beside it as page resources.
 */

export function postPath(site: SiteConfig, slug: string): string {
  return site.layout === 'bundle'
    ? `${site.contentDir}/${slug}/index.md`
    : `${site.contentDir}/${slug}.md`
}

export function assetPath(site: SiteConfig, slug: string, fileName: string): string {
  return site.layout === 'bundle'
    ? `${site.contentDir}/${slug}/${fileName}`
    : `static/images/${slug}/${fileName}`
}

/** The post's address on the blog, as Hugo serves it: `<baseURL>/<section>/<slug>/`. */
export function postUrl(site: SiteConfig, slug: string): string {
  return `${site.baseURL}/${site.section}/${slug}/`
}

/** The image address written into the markdown and the front matter. */
export function assetUrl(site: SiteConfig, slug: string, fileName: string): string {
  return site.layout === 'bundle' ? fileName : `${site.baseURL}/images/${slug}/${fileName}`
}

const REF = /^image-([A-Za-z0-9]+)-(\d+)x(\d+)-([a-z0-9]+)$/
const FILE_NAME = /^[A-Za-z0-9]+-\d+x\d+\.[a-z0-9]+$/

/** The asset an image value points at, in either form a dataset carries it. */
export function imageSource(value: unknown): AssetPlacement['source'] | string {
  if (!isRecord(value)) return `Expected an image but found ${describe(value)}.`
  const asset = value['asset']
  if (isRecord(asset) && typeof asset['_ref'] === 'string') return {kind: 'ref', ref: asset['_ref']}
  const sanityAsset = value['_sanityAsset']
  if (typeof sanityAsset === 'string' && sanityAsset.startsWith('image@'))
    return {kind: 'file', url: sanityAsset.slice('image@'.length)}
  return 'The image has no uploaded file.'
}

export function assetFileName(source: AssetPlacement['source']): string | undefined {
  if (source.kind === 'ref') {
    const match = REF.exec(source.ref)
    return match ? `${match[1]}-${match[2]}x${match[3]}.${match[4]}` : undefined
  }
  const name = source.url.slice(source.url.lastIndexOf('/') + 1)
  return FILE_NAME.test(name) ? name : undefined
}

/**
 * Registers the image's file for copying and returns the URL to write, or
 * undefined (with a warning) when the value does not point at a usable file.
 */
export function placeImage(ctx: RenderContext, at: Located): string | undefined {
  const source = imageSource(at.value)
  if (typeof source === 'string') {
    warn(ctx, at.path, `${source} It was left out.`)
    return undefined
  }
  const fileName = assetFileName(source)
  if (fileName === undefined) {
    const shown = source.kind === 'ref' ? source.ref : source.url
    warn(
      ctx,
      at.path,
      `The image file reference "${shown}" is not in a known form; it was left out.`,
    )
    return undefined
  }
  const path = assetPath(ctx.site, ctx.slug, fileName)
  placeAsset(ctx, {source, fileName, path, field: pathToString(at.path)})
  return assetUrl(ctx.site, ctx.slug, fileName)
}
