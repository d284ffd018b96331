import MarkdownIt from 'markdown-it'
import {parse} from 'yaml'
import type {SiteConfig} from '../../../converter/config.ts'
import type {AssetPlacement, RenderResult} from '../../../converter/index.ts'
import {assetUrl} from '../../../converter/path.ts'
import {pageHtml, withImagesFrom, withLikeButtonPlaceholders} from './page.ts'
import {PAPERMOD_CSS} from './paperModCss.ts'
import {typesetMath} from './typesetMath.ts'

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/

// Like the blog's Goldmark with `unsafe: true`: raw HTML passes through.
const markdownIt = new MarkdownIt({html: true})

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** "October 1, 2025": the blog's DateFormat, for the date the front matter gives. */
function shownDate(value: unknown): string | undefined {
  const iso = value instanceof Date ? value.toISOString() : text(value)
  const day = iso === undefined ? undefined : new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  if (day === undefined || Number.isNaN(day.getTime())) return undefined
  return day.toLocaleDateString('en-US', {
    timeZone: 'UTC',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  })
}

/**
 * The post as the blog shows it, as one HTML page: the front matter's title,
 * description, date, author and tags in PaperMod's layout and stylesheets,
 * the body with its formulas typeset by the blog's MathJax settings, its
 * images from the Sanity CDN and a placeholder for the like buttons.
 */
export function renderPage(
  result: RenderResult,
  site: SiteConfig,
  cdnUrl: (asset: AssetPlacement) => string | undefined,
): string {
  const match = FRONT_MATTER.exec(result.markdown)
  const front: Record<string, unknown> = match ? (parse(match[1] ?? '') ?? {}) : {}
  const body = match ? result.markdown.slice(match[0].length) : result.markdown
  const images = result.assets.map((asset) => ({
    blogUrl: assetUrl(site, result.slug, asset.fileName),
    asset,
  }))
  const html = withLikeButtonPlaceholders(withImagesFrom(markdownIt.render(body), images, cdnUrl))
  const math = typesetMath(html)
  const tags = Array.isArray(front['tags']) ? front['tags'].flatMap((tag) => text(tag) ?? []) : []
  const meta = front['hidemeta'] === true ? [] : [shownDate(front['date']), text(front['author'])]
  return pageHtml({
    title: text(front['title']) ?? '',
    description: text(front['description']),
    meta: meta.filter((part) => part !== undefined).join(' · '),
    tags,
    content: math.html,
    css: `${PAPERMOD_CSS}\n${math.css}`,
  })
}
