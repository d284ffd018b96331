import {
  ConfigError,
  resolveSite,
  type SiteConfig,
  type SiteConfigInput,
  validateSite,
} from '../../converter/config.ts'

/**
 * What a Studio passes to `hugoBlog()`. Every key is optional: missing ones take
 * the converter's defaults, so the preview renders exactly what the exporter
 * writes when both read the same `hugo-export.config.ts`.
 */
export interface HugoBlogOptions {
  /** The blog the posts are written for: base URL, author default, editPost, Lyket, time zone, layout. */
  site?: SiteConfigInput
  /**
   * Adds the structure tool with the posts' lists and "Hugo markdown" view (default).
   * A Studio with its own structure sets false and composes
   * `systemDesignPostsListItem`, `genericPostsListItem` and `hugoBlogDefaultDocumentNode` instead.
   */
  structureTool?: boolean
}

export interface ResolvedHugoBlogOptions {
  site: SiteConfig
  structureTool: boolean
}

/**
 * Fills in defaults and rejects a site the converter could not render with, at
 * Studio start-up rather than on the first preview.
 */
export function resolveHugoBlogOptions(options: HugoBlogOptions = {}): ResolvedHugoBlogOptions {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError(`hugoBlog(): options must be an object, got ${String(options)}`)
  const site = resolveSite(options.site)
  try {
    validateSite(site)
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(
        `hugoBlog(): ${error.message}. Fix it in hugo-export.config.ts or in the options passed to hugoBlog().`,
      )
    throw error
  }
  return {site, structureTool: options.structureTool ?? true}
}
