import {coverKeys, siteCoverChoice} from '../cover.ts'
import {imageSource, placeImage} from '../path.ts'
import {type Located, locate, type RenderContext, readBoolean, readText, warn} from './context.ts'
import {isSafeHref} from './text.ts'

/**
 * The `cover` front matter: the picture, its texts, and the visibility keys
 * that make PaperMod show it where the writer chose. Undefined when the post
 * has no picture, uploaded or addressed.
 */
export function renderCover(
  ctx: RenderContext,
  cover: Located,
): Record<string, unknown> | undefined {
  const picture = coverPicture(ctx, cover)
  if (picture === undefined) return undefined
  const alt = text(ctx, cover, 'alt')
  if (alt === undefined)
    warn(
      ctx,
      [...cover.path, 'alt'],
      'The cover image has no alternative text; screen readers and link previews will miss it.',
    )
  const caption = text(ctx, cover, 'caption')
  const title = text(ctx, cover, 'title')
  const site = siteCoverChoice(ctx.site.cover)
  const choice = {
    showOnPostPage: readBoolean(ctx, locate(ctx, cover, 'showOnPostPage')) ?? site.showOnPostPage,
    showInLists: readBoolean(ctx, locate(ctx, cover, 'showInLists')) ?? site.showInLists,
  }
  return {
    image: picture.image,
    ...(alt === undefined ? {} : {alt}),
    ...(caption === undefined ? {} : {caption}),
    ...(title === undefined ? {} : {title}),
    relative: picture.relative,
    ...coverKeys(ctx.site.cover, choice),
  }
}

function text(ctx: RenderContext, cover: Located, field: string): string | undefined {
  return readText(ctx, locate(ctx, cover, field))?.trim()
}

/**
 * An uploaded picture is copied with the post, and is relative exactly when it
 * sits beside the post. A picture that is only an address (one an import could
 * not find, or one hosted elsewhere) is written as it was given, with the
 * `relative` it was imported with.
 */
function coverPicture(
  ctx: RenderContext,
  cover: Located,
): {image: string; relative: boolean} | undefined {
  const image = locate(ctx, cover, 'image')
  // Removing the picture in the Studio can leave an image object with no file
  // behind; that is no upload, not a problem to report.
  if (typeof imageSource(image.value) !== 'string') {
    const url = placeImage(ctx, image)
    return url === undefined ? undefined : {image: url, relative: ctx.site.layout === 'bundle'}
  }
  const at = locate(ctx, cover, 'address')
  const address = readText(ctx, at)?.trim()
  if (address === undefined) return undefined
  if (!isSafeHref(address)) {
    warn(ctx, at.path, 'The cover address is not a web address or a path; the cover was left out.')
    return undefined
  }
  return {image: address, relative: readBoolean(ctx, locate(ctx, cover, 'relative')) === true}
}
