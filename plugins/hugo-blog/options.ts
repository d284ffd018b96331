import {
  ConfigError,
  resolveSite,
  type SiteConfig,
  type SiteConfigInput,
  validateSite,
} from '../../converter/config.ts'
import type {ExportStatusConfig} from './helpers/exportStatus.ts'

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
  /**
   * The blog repository whose export manifest says whether a published post
   * is on the blog (`repository` is `owner/name`; the rest defaults to GitHub
   * and the `main` branch). Absent, the preview shows no export status.
   */
  exportStatus?: (Partial<ExportStatusConfig> & {repository: string}) | undefined
}

export interface ResolvedHugoBlogOptions {
  site: SiteConfig
  structureTool: boolean
  exportStatus: ExportStatusConfig | undefined
}

/** GitHub's addresses, and the export workflow's runs in the blog repository by default. */
export function resolveExportStatus(
  input: HugoBlogOptions['exportStatus'],
): ExportStatusConfig | undefined {
  if (input === undefined) return undefined
  if (!/^[\w.-]+\/[\w.-]+$/.test(input.repository))
    throw new ConfigError(
      `hugoBlog(): exportStatus.repository must be "owner/name", got ${JSON.stringify(input.repository)}`,
    )
  const webBaseUrl = input.webBaseUrl ?? 'https://github.com'
  return {
    repository: input.repository,
    branch: input.branch ?? 'main',
    rawBaseUrl: input.rawBaseUrl ?? 'https://raw.githubusercontent.com',
    apiBaseUrl: input.apiBaseUrl ?? 'https://api.github.com',
    webBaseUrl,
    workflowRunsUrl: input.workflowRunsUrl ?? `${webBaseUrl}/${input.repository}/actions`,
  }
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
  return {
    site,
    structureTool: options.structureTool ?? true,
    exportStatus: resolveExportStatus(options.exportStatus),
  }
}
