/**
 * Whether a published post has reached the blog, read from the export
 * manifest that the exporter commits to the blog repository with the posts
 * (`.sanity-export.json`): it records, for each document, the revision it
 * last wrote and the file it wrote it to.
 */

/** Where the blog repository can be read from; every address is public. */
export interface ExportStatusConfig {
  /** `owner/name` of the blog repository. */
  repository: string
  branch: string
  /** Serves the repository's files as they are on a branch: `<raw>/<owner>/<name>/<branch>/<path>`. */
  rawBaseUrl: string
  /** GitHub's REST API, asked which commit last wrote the post's file. */
  apiBaseUrl: string
  /** GitHub's web pages, for links to that commit. */
  webBaseUrl: string
  /** The export workflow's runs, where a writer can see an export happening or failing. */
  workflowRunsUrl: string
}

export const MANIFEST_FILE = '.sanity-export.json'

export interface Commit {
  sha: string
  url: string
  /** ISO 8601, when the commit was made. */
  date: string | undefined
}

export type ExportStatus =
  | {kind: 'unpublished'}
  | {kind: 'waiting'}
  | {kind: 'live'; hidden: boolean; commit: Commit | undefined}
  | {kind: 'unknown'; reason: string}

/** The published version of the post, as far as the status needs it. */
export interface PublishedPost {
  _id: string
  _rev: string
  hidden: boolean
  /** The published slug: the post's address until an edited slug is published. */
  slug?: string | undefined
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>

export function manifestUrl(config: ExportStatusConfig): string {
  return `${config.rawBaseUrl}/${config.repository}/${config.branch}/${MANIFEST_FILE}`
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The revision and file the manifest records for a document, if any. */
export function manifestEntry(
  manifest: unknown,
  id: string,
): {rev: string; path: string} | undefined {
  const documents = isRecord(manifest) ? manifest['documents'] : undefined
  const entry = isRecord(documents) ? documents[id] : undefined
  if (!isRecord(entry)) return undefined
  const {rev, path} = entry
  return typeof rev === 'string' && typeof path === 'string' ? {rev, path} : undefined
}

/** The last commit on the branch that changed `path`, or undefined when it cannot be told. */
async function lastCommit(
  config: ExportStatusConfig,
  path: string,
  fetch: Fetch,
): Promise<Commit | undefined> {
  const query = new URLSearchParams({sha: config.branch, path, per_page: '1'})
  try {
    const response = await fetch(
      `${config.apiBaseUrl}/repos/${config.repository}/commits?${query}`,
      {
        headers: {accept: 'application/vnd.github+json'},
      },
    )
    if (!response.ok) return undefined
    const [latest] = (await response.json()) as unknown[]
    if (!isRecord(latest) || typeof latest['sha'] !== 'string') return undefined
    const commit = isRecord(latest['commit']) ? latest['commit'] : {}
    const committer = isRecord(commit['committer']) ? commit['committer'] : {}
    return {
      sha: latest['sha'],
      url: `${config.webBaseUrl}/${config.repository}/commit/${latest['sha']}`,
      date: typeof committer['date'] === 'string' ? committer['date'] : undefined,
    }
  } catch {
    return undefined
  }
}

/**
 * Live when the manifest on the blog's branch records the published revision;
 * waiting when it records an older one or none (the next export will write it).
 */
export async function checkExportStatus(
  published: PublishedPost | undefined,
  config: ExportStatusConfig,
  fetch: Fetch,
): Promise<ExportStatus> {
  if (published === undefined) return {kind: 'unpublished'}
  let manifest: unknown
  try {
    const response = await fetch(manifestUrl(config), {cache: 'no-store'})
    // No manifest yet: nothing has been exported to this blog so far.
    if (response.status === 404) return {kind: 'waiting'}
    if (!response.ok)
      return {kind: 'unknown', reason: `the blog repository answered ${response.status}`}
    manifest = await response.json()
  } catch (error) {
    return {kind: 'unknown', reason: error instanceof Error ? error.message : String(error)}
  }
  const entry = manifestEntry(manifest, published._id)
  if (entry === undefined || entry.rev !== published._rev) return {kind: 'waiting'}
  return {
    kind: 'live',
    hidden: published.hidden,
    commit: await lastCommit(config, entry.path, fetch),
  }
}
