/**
 * The one configuration shared by the Studio plugin (preview) and the export
 * CLI, so both render with the same options. Pure data: no Node or React.
 */

export type OutputLayout = 'file' | 'bundle'

export interface EditPostConfig {
  /** The blog's `params.editPost.URL`: a folder GitHub serves, `…/tree/<branch>/content`. */
  URL: string
  Text: string
  appendFilePath: boolean
}

/**
 * The blog's `params.cover` switches, as its hugo.yaml sets them (unset ones
 * left out). PaperMod reads a post's own cover keys before these, so the
 * converter needs them to write only the keys that change the outcome.
 */
export interface CoverDefaults {
  hidden?: boolean
  hiddenInList?: boolean
  hiddenInSingle?: boolean
}

export interface SiteConfig {
  /** The Hugo `baseURL`, without a trailing slash, e.g. https://ariondas.github.io/blogs */
  baseURL: string
  /** Where posts live inside the Hugo site root. */
  contentDir: string
  /** The URL section posts are served under: `<baseURL>/<section>/<slug>/`. */
  section: string
  /** `file`: content/posts/<slug>.md, images in static/images/<slug>/. `bundle`: content/posts/<slug>/index.md, images beside it. */
  layout: OutputLayout
  /** Author written when a post leaves its author empty. */
  author: string
  editPost: EditPostConfig
  cover: CoverDefaults
  /** Whether the blog loads Lyket; off removes the like-button section from every post. */
  lyket: boolean
  /** IANA zone in which dates are written, e.g. "UTC" or "Asia/Kolkata". */
  timeZone: string
}

export interface ExportConfig {
  site: SiteConfig
  /** Default `--source`: a dataset file (.ndjson or .tar.gz) relative to the project root, or "live". */
  source: string
  /** Default `--blog`: the Hugo site root to write into, relative to the project root. */
  blogDir: string
  /** Dataset name recorded in commit trailers and the manifest. */
  dataset: string
  /** Author of the commits the exporter makes. */
  commitAuthor: {name: string; email: string}
}

/** A site with every key optional, the nested ones key by key. */
export type SiteConfigInput = Partial<Omit<SiteConfig, 'editPost' | 'cover'>> & {
  editPost?: Partial<EditPostConfig>
  cover?: CoverDefaults
}

export type ExportConfigInput = {
  site?: SiteConfigInput
} & Partial<Omit<ExportConfig, 'site'>>

export const DEFAULT_SITE: SiteConfig = {
  baseURL: 'https://ariondas.github.io/blogs',
  contentDir: 'content/posts',
  section: 'posts',
  layout: 'file',
  author: 'ArionDas',
  editPost: {
    URL: 'https://github.com/ArionDas/blogs/tree/main/content',
    Text: 'Suggest Changes',
    appendFilePath: true,
  },
  cover: {hidden: true, hiddenInList: true, hiddenInSingle: true},
  lyket: true,
  timeZone: 'UTC',
}

export const DEFAULT_CONFIG: ExportConfig = {
  site: DEFAULT_SITE,
  source: 'sample-data/production.ndjson',
  blogDir: 'out/blog',
  dataset: 'production',
  commitAuthor: {name: 'Sanity Export', email: 'sanity-export@users.noreply.github.com'},
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Fills in defaults and rejects values that would produce broken posts, with a message that names the key. */
export function defineConfig(input: ExportConfigInput = {}): ExportConfig {
  const site = resolveSite(input.site)
  const config: ExportConfig = {
    ...DEFAULT_CONFIG,
    ...input,
    site,
    commitAuthor: {...DEFAULT_CONFIG.commitAuthor, ...input.commitAuthor},
  }
  validateSite(site)
  return config
}

/**
 * The defaults with `input` laid over them. The edit link merges key by key; the
 * cover switches are taken whole, since an unset one means something to PaperMod.
 */
export function resolveSite(input: SiteConfigInput = {}): SiteConfig {
  return {
    ...DEFAULT_SITE,
    ...input,
    editPost: {...DEFAULT_SITE.editPost, ...input.editPost},
    cover: {...(input.cover ?? DEFAULT_SITE.cover)},
  }
}

export function validateSite(site: SiteConfig): void {
  let url: URL
  try {
    url = new URL(site.baseURL)
  } catch {
    throw new ConfigError(`site.baseURL must be an absolute URL, got "${site.baseURL}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`site.baseURL must use http or https, got "${site.baseURL}"`)
  if (site.baseURL.endsWith('/'))
    throw new ConfigError(`site.baseURL must not end with "/", got "${site.baseURL}"`)
  if (
    !/^[a-z0-9][a-z0-9/_-]*$/.test(site.contentDir) ||
    site.contentDir.includes('..') ||
    site.contentDir.endsWith('/')
  )
    throw new ConfigError(
      `site.contentDir must be a relative path like "content/posts", got "${site.contentDir}"`,
    )
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(site.section))
    throw new ConfigError(`site.section must be a single path segment, got "${site.section}"`)
  if (site.layout !== 'file' && site.layout !== 'bundle')
    throw new ConfigError(`site.layout must be "file" or "bundle", got "${String(site.layout)}"`)
  validateCoverDefaults(site.cover)
  try {
    new Intl.DateTimeFormat('en-US', {timeZone: site.timeZone})
  } catch {
    throw new ConfigError(
      `site.timeZone must be an IANA time zone such as "UTC" or "Asia/Kolkata", got "${site.timeZone}"`,
    )
  }
}

const COVER_KEYS = ['hidden', 'hiddenInList', 'hiddenInSingle']

function validateCoverDefaults(cover: unknown): void {
  if (typeof cover !== 'object' || cover === null || Array.isArray(cover))
    throw new ConfigError(
      `site.cover must be the blog's params.cover switches, e.g. {hidden: true}, got ${JSON.stringify(cover)}`,
    )
  for (const [key, value] of Object.entries(cover)) {
    if (!COVER_KEYS.includes(key))
      throw new ConfigError(`site.cover.${key} is not a cover switch; use ${COVER_KEYS.join(', ')}`)
    if (typeof value !== 'boolean' && value !== undefined)
      throw new ConfigError(`site.cover.${key} must be true or false, got ${JSON.stringify(value)}`)
  }
}
