import type {AssetPlacement} from '../../../converter/index.ts'

/** What the Rendered tab shows of a post, in PaperMod's single-post layout. */
export interface PageParts {
  title: string
  description?: string | undefined
  /** "October 1, 2025 · ArionDas": what PaperMod writes under the title. */
  meta: string
  tags: readonly string[]
  /** The post body as HTML, math typeset. */
  content: string
  /** Stylesheets: PaperMod's and the formulas'. */
  css: string
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/** The like buttons' CSS from the blog's head partial, so the placeholder looks like them. */
const LYKET_CSS = `
.lyket-like-button-container{display:flex;gap:1rem;margin:2rem 0 .5rem;justify-content:center;flex-wrap:wrap}
.lyket-button{display:inline-flex;align-items:center;gap:.5rem;padding:.5rem 1rem;border-radius:6px;font-size:1rem;border:1px dashed var(--tertiary);color:var(--secondary)}
.lyket-placeholder-note{text-align:center;font-size:13px;color:var(--secondary)}
`

/**
 * The blog's footer script turns each `lyket-like-<slug>` element into like
 * and dislike buttons. The frame runs no scripts, so it shows where they go.
 */
export function withLikeButtonPlaceholders(html: string): string {
  return html.replace(
    /<div id="(lyket-like-[^"]*)"><\/div>/g,
    (_, id: string) =>
      `<div id="${id}" data-testid="lyket-placeholder"><div class="lyket-like-button-container"><span class="lyket-button">Like <span>0</span></span><span class="lyket-button">Dislike <span>0</span></span></div><p class="lyket-placeholder-note">The like buttons appear here on the blog.</p></div>`,
  )
}

/**
 * Body images point at their address on the blog, where a new image does not
 * exist until the post is exported: the preview shows them from the Sanity CDN.
 */
export function withImagesFrom(
  html: string,
  images: readonly {blogUrl: string; asset: AssetPlacement}[],
  cdnUrl: (asset: AssetPlacement) => string | undefined,
): string {
  let out = html
  for (const {blogUrl, asset} of images) {
    const cdn = cdnUrl(asset)
    if (cdn !== undefined)
      out = out.replaceAll(`src="${escapeHtml(blogUrl)}"`, `src="${escapeHtml(cdn)}"`)
  }
  return out
}

/** A whole page for the sandboxed frame: PaperMod's `single.html`, reduced to what a post shows. */
export function pageHtml(parts: PageParts): string {
  const description = parts.description
    ? `<div class="post-description">${escapeHtml(parts.description)}</div>`
    : ''
  const tags = parts.tags.map((tag) => `<li><a>${escapeHtml(tag)}</a></li>`).join('')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><base target="_blank"><style>${parts.css}${LYKET_CSS}</style></head><body class="single"><main class="main"><article class="post-single"><header class="post-header"><h1 class="post-title">${escapeHtml(parts.title)}</h1>${description}<div class="post-meta">${escapeHtml(parts.meta)}</div></header><div class="post-content">${parts.content}</div><footer class="post-footer"><ul class="post-tags">${tags}</ul></footer></article></main></body></html>`
}
