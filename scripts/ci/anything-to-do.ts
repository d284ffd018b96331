/**
 * Is there anything to export? The scheduled workflow asks before it installs
 * anything, and a run with nothing to do ends here, in seconds. So this file, and
 * every module it imports, uses Node alone (its `fetch` for the Content Lake): no
 * installed package. A test runs it from a copy of the project without node_modules.
 *
 *   node scripts/ci/anything-to-do.ts <blog-dir>
 *
 * Reads the same variables as the export (SANITY_STUDIO_PROJECT_ID,
 * SANITY_STUDIO_DATASET, SANITY_API_READ_TOKEN, SANITY_API_HOST). Prints the
 * answer, and writes `export=true` or `export=false` to $GITHUB_OUTPUT and a line
 * to $GITHUB_STEP_SUMMARY when GitHub Actions sets them. When it cannot tell (the
 * Content Lake does not answer), the answer is yes: the export itself then says
 * what is wrong. Exit code 0 whatever the answer; 2 for a usage error.
 */
import {appendFile, readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import type {SiteConfig} from '../../converter/config.ts'
import {parseCli} from '../export/cli.ts'
import {resolveConfig} from '../export/config.ts'
import {type Manifest, readManifest} from '../export/manifest.ts'
import {API_VERSION, LISTING_QUERY, type ListingRow, toListingRow} from '../export/query.ts'
import {EXPORTED_TYPES, optionsFingerprint} from '../export/render.ts'
import {sha256} from '../lib/hash.ts'

/** What the checks look at. The listing is fetched only by the check that needs it. */
export interface Context {
  blogDir: string
  dataset: string
  manifest: Manifest | undefined
  site: SiteConfig
  listing: () => Promise<ListingRow[]>
}

/** One reason to export, or undefined. */
export type Check = (context: Context & {manifest: Manifest}) => Promise<string | undefined>

/**
 * Each check says why an export is needed, cheapest first; the first reason found
 * is the answer. Another reason to export is another check in this list.
 */
export const CHECKS: readonly Check[] = [
  otherDataset,
  exporterChanged,
  blogFilesChanged,
  contentLakeChanged,
]

/** The first reason to export, or undefined when there is nothing to do. */
export async function anythingToDo(context: Context): Promise<string | undefined> {
  const {manifest} = context
  if (manifest === undefined) return 'the blog has no export manifest yet'
  for (const check of CHECKS) {
    const reason = await check({...context, manifest})
    if (reason !== undefined) return reason
  }
  return undefined
}

async function otherDataset({manifest, dataset}: Context & {manifest: Manifest}) {
  return manifest.dataset === dataset
    ? undefined
    : `the manifest records dataset "${manifest.dataset}", not "${dataset}"`
}

/** The converter, its libraries or the site options changed: every post renders again. */
async function exporterChanged({manifest, site}: Context & {manifest: Manifest}) {
  const fingerprint = await optionsFingerprint(site)
  const stale = Object.values(manifest.documents).filter((entry) => entry.options !== fingerprint)
  return stale.length === 0
    ? undefined
    : `the converter or the site options changed since the last export (${count(stale.length, 'post')} to render again)`
}

/** An exported file was deleted or edited in the blog repo: the export restores or reports it. */
async function blogFilesChanged({manifest, blogDir}: Context & {manifest: Manifest}) {
  for (const entry of Object.values(manifest.documents)) {
    const text = await readFile(join(blogDir, entry.path)).catch(() => undefined)
    if (text === undefined || sha256(text) !== entry.sha256)
      return `${entry.path} is missing or was edited in the blog repo`
    for (const asset of entry.assets) {
      const size = (await stat(join(blogDir, asset.path)).catch(() => undefined))?.size
      if (size !== asset.size) return `${asset.path} is missing or was replaced in the blog repo`
    }
  }
  return undefined
}

/** Something was published, changed or deleted since the last export. */
async function contentLakeChanged({manifest, listing}: Context & {manifest: Manifest}) {
  const rows = await listing()
  const known = manifest.documents
  const changed = rows.filter((row) => known[row._id]?.rev !== row._rev)
  const listed = new Set(rows.map((row) => row._id))
  const gone = Object.keys(known).filter((id) => !listed.has(id))
  if (changed.length === 0 && gone.length === 0) return undefined
  const parts = [
    changed.length > 0
      ? `${count(changed.length, 'post')} published or changed (${names(changed.map((row) => row.slug ?? row._id))})`
      : '',
    gone.length > 0
      ? `${count(gone.length, 'post')} deleted or unpublished (${names(gone.map((id) => known[id]?.slug ?? id))})`
      : '',
  ]
  return parts.filter((part) => part !== '').join(', ')
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, 5).join(', ')
  return list.length > 5 ? `${shown}, …` : shown
}

export interface LakeOptions {
  projectId: string
  dataset: string
  token: string | undefined
  /** Replaces `https://<projectId>.api.sanity.io`, e.g. a local stand-in in tests. */
  apiHost: string | undefined
  timeoutMs: number
}

/** The export's listing query, as the export's client sends it, with Node's fetch. */
export async function fetchListing(options: LakeOptions): Promise<ListingRow[]> {
  const host = options.apiHost ?? `https://${options.projectId}.api.sanity.io`
  const url = new URL(
    `/v${API_VERSION}/data/query/${encodeURIComponent(options.dataset)}`,
    host.replace(/\/+$/, ''),
  )
  url.searchParams.set('query', LISTING_QUERY)
  url.searchParams.set('$types', JSON.stringify(EXPORTED_TYPES))
  url.searchParams.set('perspective', 'published')
  const response = await fetch(url, {
    headers: options.token ? {Authorization: `Bearer ${options.token}`} : {},
    signal: AbortSignal.timeout(options.timeoutMs),
  })
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url.host}`)
  const body = (await response.json()) as {result?: unknown}
  if (!Array.isArray(body.result)) throw new Error(`no listing in the answer from ${url.host}`)
  return body.result.map((row) => toListingRow(row))
}

/** The answer, from the same configuration the export reads. */
export async function answer(
  blogArg: string,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<{export: boolean; reason: string}> {
  let reason: string | undefined
  try {
    reason = await anythingToDo(await context(blogArg, env, cwd))
  } catch (error) {
    return {
      export: true,
      reason: `could not tell (${(error as Error).message}); exporting to find out`,
    }
  }
  return reason === undefined
    ? {export: false, reason: 'nothing was published, changed or deleted since the last export'}
    : {export: true, reason}
}

async function context(
  blogArg: string,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<Context> {
  const cli = parseCli(['--source', 'live', '--blog', blogArg])
  const resolved = await resolveConfig(cli, env, cwd)
  const lake: LakeOptions = {
    projectId: resolved.projectId ?? '',
    dataset: resolved.dataset,
    token: env['SANITY_API_READ_TOKEN'] || undefined,
    apiHost: env['SANITY_API_HOST'] || undefined,
    timeoutMs: 20_000,
  }
  return {
    blogDir: resolved.blogDir,
    dataset: resolved.dataset,
    manifest: await readManifest(resolved.blogDir),
    site: resolved.config.site,
    listing: () => fetchListing(lake),
  }
}

async function main(): Promise<number> {
  const [blogArg] = process.argv.slice(2)
  if (blogArg === undefined) {
    process.stderr.write('usage: node scripts/ci/anything-to-do.ts <blog-dir>\n')
    return 2
  }
  const result = await answer(blogArg, process.env, process.cwd())
  const line = result.export ? `Export: ${result.reason}.` : `Nothing to export: ${result.reason}.`
  process.stdout.write(`${line}\n`)
  const output = process.env['GITHUB_OUTPUT']
  if (output) await appendFile(output, `export=${result.export}\n`)
  const summary = process.env['GITHUB_STEP_SUMMARY']
  if (summary && !result.export) await appendFile(summary, `## ✅ ${line}\n`)
  return 0
}

if (import.meta.main) process.exitCode = await main()
