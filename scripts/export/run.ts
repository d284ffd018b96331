import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {ConfigError, type SiteConfig} from '../../converter/config.ts'
import type {AssetPlacement} from '../../converter/types.ts'
import {fileSystemProblem, removeStaleTempFiles, syncFileSystem} from '../lib/atomic.ts'
import {GitError, scrub} from '../lib/git.ts'
import {sha256} from '../lib/hash.ts'
import {ClockError, nextChange, readClock} from '../lib/schedule.ts'
import {handWrittenAddresses} from './addresses.ts'
import {type ApplyOptions, applyPlan} from './apply.ts'
import {cacheDir, readCache, writeCache} from './cache.ts'
import {type CliOptions, EXIT, HELP, parseCli, UsageError} from './cli.ts'
import {commitMessage, commitPaths, pushBranch, uncommittedOutput} from './commit.ts'
import {type ResolvedConfig, resolveConfig} from './config.ts'
import {unifiedDiff} from './diff.ts'
import {
  blogDisk,
  type Disk,
  listedDisk,
  markdownFiles,
  parseStatCache,
  serializeStatCache,
} from './disk.ts'
import {BlogFolders} from './folders.ts'
import {findHugo, type Hugo, HugoUnavailableError} from './hugo.ts'
import {acquireLock, type Lock, LockedError} from './lock.ts'
import {
  compare,
  emptyManifest,
  MANIFEST_FILE,
  type Manifest,
  ManifestError,
  readManifest,
  sameManifest,
  serializeManifest,
} from './manifest.ts'
import {
  type Drafts,
  draftPlan,
  type FileWrite,
  inspectEntries,
  needsRender,
  type Plan,
  settlePlan,
} from './plan.ts'
import type {ListingRow} from './query.ts'
import {EXPORTED_TYPES, optionsFingerprint} from './render.ts'
import {prepareRenders, ScanRenderer} from './render-phase.ts'
import {defaultWorkers} from './render-pool.ts'
import {DEFAULT_RETRY} from './retry.ts'
import type {Source} from './source.ts'
import {SourceError} from './source.ts'
import type {LineParser} from './source-file.ts'
import {Stage, Staged} from './stage.ts'
import {formatSummary, type RunSummary, summarize} from './summary.ts'
import type {VerifyReport} from './verify.ts'

export interface RunIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Progress is shown only on a terminal. */
  isTTY: boolean
  env: Record<string, string | undefined>
  cwd: string
}

/** Seams for tests; the CLI uses the defaults. */
export interface RunDeps {
  /** Default true; tests turn it off for speed (the write is atomic either way). */
  fsync?: boolean
  onStep?: ApplyOptions['onStep']
}

export interface RunResult {
  exitCode: number
  summary?: RunSummary
}

const PUSH_ATTEMPTS = 3

/** The blog-specific token wins: in CI, GITHUB_TOKEN may belong to another repository. */
export function pushToken(env: RunIO['env']): string | undefined {
  return env['BLOG_PUSH_TOKEN'] || env['GITHUB_TOKEN'] || undefined
}

/** One export run, from argv to exit code. */
export async function runExport(
  argv: readonly string[],
  io: RunIO,
  deps: RunDeps = {},
): Promise<RunResult> {
  const secrets = [
    io.env['SANITY_API_READ_TOKEN'],
    io.env['GITHUB_TOKEN'],
    io.env['BLOG_PUSH_TOKEN'],
  ].filter((value): value is string => typeof value === 'string' && value !== '')
  let json = argv.includes('--json')
  const fail = (exitCode: number, message: string): RunResult => {
    const clean = scrub(message, secrets)
    io.stderr(`export: ${clean}\n`)
    if (json) io.stdout(`${JSON.stringify({error: clean, exitCode})}\n`)
    return {exitCode}
  }
  try {
    const options = parseCli(argv)
    json = options.json
    if (options.help) {
      io.stdout(HELP)
      return {exitCode: EXIT.ok}
    }
    const resolved = await resolveConfig(options, io.env, io.cwd)
    const now = readClock(io.env)
    // Found before anything is read, so a missing Hugo costs nothing.
    const hugo = options.buildCheck ? await findHugo(options.hugo, io.env) : undefined
    const writes = !options.dryRun && !options.check
    if (writes) await mkdir(resolved.blogDir, {recursive: true})
    let lock: Lock | undefined
    if (writes) lock = await acquireLock(resolved.blogDir)
    // Ctrl-C leaves the lock behind on purpose: the next run sees a dead pid, takes
    // the lock over and removes the temp files the interrupted run may have left.
    try {
      const cleanedUp = lock?.recovered ? await cleanTempFiles(resolved) : []
      return await exportWith(resolved, options, io, deps, secrets, cleanedUp, {now, hugo})
    } finally {
      await lock?.release()
    }
  } catch (error) {
    if (error instanceof UsageError)
      return fail(EXIT.usage, `${error.message}\nRun with --help for the options.`)
    if (
      error instanceof ConfigError ||
      error instanceof ManifestError ||
      error instanceof ClockError ||
      error instanceof HugoUnavailableError
    )
      return fail(EXIT.usage, error.message)
    if (error instanceof SourceError) return fail(EXIT.source, error.message)
    if (error instanceof LockedError) return fail(EXIT.locked, error.message)
    if (error instanceof GitError) return fail(EXIT.git, error.message)
    const problem = fileSystemProblem(error)
    if (problem !== undefined)
      // Every file is written under a temp name and renamed, and the manifest goes
      // last: what was written is adopted by the next run, and nothing is half there.
      return fail(
        EXIT.disk,
        `${problem}. The export stopped before saving its manifest; once this is fixed, the next run picks up where it stopped.`,
      )
    throw error
  }
}

async function cleanTempFiles(resolved: ResolvedConfig): Promise<string[]> {
  const {blogDir} = resolved
  const folders = new BlogFolders(blogDir)
  const removed = await removeStaleTempFiles(blogDir, false)
  // Never through a link out of the blog dir, nor into a file.
  for (const folder of [resolved.config.site.contentDir, 'static/images'])
    if (folders.problem(folder) === undefined)
      removed.push(...(await removeStaleTempFiles(join(blogDir, folder), true)))
  return removed
}

/** Each source's libraries (groq-js and tar, or the client) load only when used. */
async function openSource(
  resolved: ResolvedConfig,
  options: ReturnType<typeof parseCli>,
  env: RunIO['env'],
  manifest: Manifest | undefined,
  parser: LineParser | undefined,
): Promise<Source> {
  const base = Number(env['SANITY_EXPORT_RETRY_BASE_MS'])
  const network = {
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: {
      ...DEFAULT_RETRY,
      attempts: (options.retries ?? DEFAULT_RETRY.attempts - 1) + 1,
      ...(env['SANITY_EXPORT_RETRY_BASE_MS'] && Number.isFinite(base) && base >= 0
        ? {baseDelayMs: base}
        : {}),
    },
  }
  if (resolved.source !== 'live') {
    const {openFileSource} = await import('./source-file.ts')
    return openFileSource(resolved.source, {
      cacheDir: cacheDir(env),
      known: (id, rev) => {
        const entry = manifest?.documents[id]
        if (entry === undefined || entry.rev !== rev || entry.type === '') return undefined
        const header: Record<string, unknown> = {
          _id: id,
          _type: entry.type,
          _rev: rev,
          slug: {current: entry.slug},
        }
        if (entry.updatedAt !== null) header['_updatedAt'] = entry.updatedAt
        return header
      },
      download: {...network, assetHost: options.assetHost},
      ...(parser === undefined ? {} : {parser}),
    })
  }
  const {DEFAULT_ASSET_HOST, openLiveSource} = await import('./source-live.ts')
  const apiHost = options.apiHost
  return openLiveSource({
    projectId: resolved.projectId ?? '',
    dataset: resolved.dataset,
    token: env['SANITY_API_READ_TOKEN'] || undefined,
    apiHost,
    assetHost: options.assetHost ?? apiHost ?? DEFAULT_ASSET_HOST,
    ...network,
  })
}

/**
 * The ids `--only` names: by id, by slug in the source, or by a slug the manifest
 * knows the post by (its last exported one, or an earlier one), so that the old slug
 * of a renamed post still finds it.
 */
function onlyScope(
  only: string,
  listing: readonly ListingRow[],
  manifest: Manifest,
): ReadonlySet<string> {
  const ids = new Set<string>()
  for (const row of listing) if (row._id === only || row.slug === only) ids.add(row._id)
  for (const [id, entry] of Object.entries(manifest.documents))
    if (id === only || entry.slug === only || entry.previousSlugs.includes(only)) ids.add(id)
  return ids
}

/** Fingerprint of the exported set (ids and revisions): the dataset revision in commits. */
function listingRevision(listing: readonly ListingRow[]): string {
  return sha256(listing.map((row) => `${row._id}\0${row._rev}`).join('\n')).slice(0, 16)
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a > b ? a : b
}

async function exportWith(
  resolved: ResolvedConfig,
  options: ReturnType<typeof parseCli>,
  io: RunIO,
  deps: RunDeps,
  secrets: readonly string[],
  cleanedUp: string[],
  run: {now: number; hugo: Hugo | undefined},
): Promise<RunResult> {
  const {blogDir} = resolved
  const site: SiteConfig = resolved.config.site
  const cache = cacheDir(io.env)
  const disk = blogDisk(blogDir, parseStatCache(await readCache(cache, 'blogs', blogDir)))
  // Without a cache (a fresh runner), every owned post is read and hashed to notice
  // hand edits, on another thread. The posts are listed for it before the manifest is
  // read, so that the hashing overlaps reading both the manifest and the source.
  const listed =
    options.only === undefined && disk.statCache.size === 0
      ? disk.prehash(markdownFiles(blogDir, site.contentDir))
      : Promise.resolve()
  // Awaited through the next prehash call; a run that fails first must not leave it unhandled.
  listed.catch(() => {})
  const existing = await readManifest(blogDir)
  if (existing !== undefined && existing.dataset !== resolved.dataset && !options.force)
    throw new ConfigError(
      `${join(blogDir, MANIFEST_FILE)} records an export of dataset "${existing.dataset}", not "${resolved.dataset}"; exporting another dataset here would delete its posts (use --force if that is intended)`,
    )
  // A copy: `existing` stays as read, to tell whether the manifest changed.
  const manifest: Manifest =
    existing === undefined
      ? emptyManifest(resolved.dataset)
      : {...existing, dataset: resolved.dataset}
  // A whole dataset file's changed lines are parsed and rendered on the render threads
  // while it is read; `--only` renders one document, so it reads the file as it is.
  const workers = defaultWorkers(io.env)
  const writes = !options.dryRun && !options.check
  // What the scan renders is written ahead, under temp names, while it reads on.
  const folders = new BlogFolders(blogDir)
  const stage = writes ? new Stage(blogDir, folders) : undefined
  const scanned =
    resolved.source !== 'live' && options.only === undefined && workers > 1
      ? new ScanRenderer(workers, site, manifest, stage)
      : undefined
  // Unchanged documents are recognised by the manifest, unless --force renders all.
  const source = await openSource(
    resolved,
    options,
    io.env,
    options.force ? undefined : existing,
    scanned,
  )
  if (scanned !== undefined) scanned.assets = (placement) => source.asset(placement)
  let earlyFlush: Promise<boolean> | undefined
  try {
    // Owned posts outside the listed folder, if any, and what the listing was waiting for.
    const prehashing =
      options.only === undefined
        ? disk.prehash(Object.values(manifest.documents).map((entry) => entry.path))
        : Promise.resolve()
    // Awaited below; a source that fails first must not leave it unhandled.
    prehashing.catch(() => {})
    const listing = (await source.listing(EXPORTED_TYPES)).sort((a, b) => compare(a._id, b._id))
    const only = options.only
    const scope = only === undefined ? undefined : onlyScope(only, listing, manifest)
    const rows = scope === undefined ? listing : listing.filter((row) => scope.has(row._id))
    // Only a document the source no longer lists is deleted.
    const deletionScope = new Set(
      Object.keys(manifest.documents).filter((id) => scope === undefined || scope.has(id)),
    )
    if (only !== undefined && rows.length === 0 && deletionScope.size === 0)
      throw new UsageError(
        `--only ${only}: no document has this id or slug, in the source or in the manifest`,
      )
    const owned = Object.keys(manifest.documents).length
    if (only === undefined && listing.length === 0 && owned > 0 && !options.force)
      throw new SourceError(
        `${source.description} has no exportable documents; refusing to delete all ${owned} exported posts (use --force if that is intended)`,
      )

    await prehashing
    const states = await inspectEntries(
      manifest,
      [...rows.map((row) => row._id), ...deletionScope],
      disk,
    )
    const fingerprint = await optionsFingerprint(site)
    const need = rows.filter((row) =>
      needsRender(
        row,
        manifest.documents[row._id],
        states.get(row._id),
        fingerprint,
        options.force,
      ),
    )
    const progress = progressReporter(io, options.json)
    // Rendering needs the converter; a run with nothing to render never loads it.
    const rendering = await prepareRenders({
      source,
      need,
      manifest,
      site,
      all: only === undefined && need.length === rows.length,
      since: only === undefined ? manifest.since : null,
      workers,
      ...(scanned === undefined ? {} : {scanned}),
      onProgress: (done, total) => progress.update(done, total, 'Rendering'),
    })

    await stage?.settled()
    // Every file written ahead is on disk now: flushing starts while the plan is made
    // and applied, so the flush that must come before the manifest has little left.
    // A run that changes nothing did not write ahead, and starts none.
    if (stage?.wrote && (deps.fsync ?? true)) earlyFlush = syncFileSystem(blogDir)
    const drafts = await draftPlan({
      manifest,
      listing: rows,
      deletionScope,
      states,
      documents: rendering.documents,
      site,
      fingerprint,
      force: options.force,
      render: rendering.render,
      asset: (placement: AssetPlacement) => source.asset(placement),
      disk: listedDisk(disk, blogDir, (folder) => stage?.made(folder) ?? false),
      folders,
      addressesInUse: (owned) => handWrittenAddresses(blogDir, site, owned),
      ...(only === undefined
        ? {
            revision: {
              revision: listingRevision(listing),
              since: listing.reduce<string | null>(
                (max, row) => latest(max, row._updatedAt),
                manifest.since,
              ),
            },
          }
        : {}),
      onProgress: (done, total) => progress.update(done, total, 'Exporting'),
    })
    progress.done()
    // --verify builds the site with the changes before any of them is written; a post
    // that breaks the build is held back, and what is written has been built.
    const verified =
      run.hugo === undefined
        ? undefined
        : await verifyDrafts(drafts, run.hugo, {blogDir, site, env: io.env, source, stage})
    const result = verified?.plan ?? settlePlan(drafts)

    const manifestChanged = existing === undefined || !sameManifest(result.manifest, existing)
    const changed = result.writes.length > 0 || result.deletes.length > 0 || manifestChanged
    const summary = summarize(result, {
      source: resolved.sourceLabel === 'live' ? source.description : resolved.sourceLabel,
      blog: blogDir,
      layout: site.layout,
      mode: options.dryRun ? 'dry-run' : options.check ? 'check' : 'write',
      manifestChanged,
      cleanedUp,
      nextChange: nextChange(result.manifest.documents, run.now),
    })
    summary.verify = verified?.report ?? null
    const problems = summary.counts.failed + summary.counts.conflicts > 0
    const problemCode = summary.verify?.held.length ? EXIT.build : EXIT.documents

    if (summary.verify?.outcome === 'site') {
      // Nothing goes out: a push would start a deploy that fails the same way.
      if (!options.dryRun && !options.check) summary.mode = 'blocked'
      summary.files = {written: [], deleted: []}
      summary.exitCode = EXIT.site
      return report(summary, io, options.json)
    }

    if (options.dryRun || options.check) {
      if (options.dryRun && !options.json) io.stdout(await renderDiff(result, disk, existing))
      summary.exitCode = problems
        ? problemCode
        : options.check && changed
          ? EXIT.documents
          : EXIT.ok
      return report(summary, io, options.json)
    }

    if (changed) {
      await applyPlan(result, {
        blogDir,
        contentDir: site.contentDir,
        fsync: deps.fsync ?? true,
        ...(stage === undefined ? {} : {stage}),
        ...(deps.onStep === undefined ? {} : {onStep: deps.onStep}),
      })
      // Only posts are hashed to notice hand edits (images are checked by size).
      for (const write of result.writes)
        if (write.kind === 'markdown') await disk.remember(write.path, write.sha256)
    }
    if (disk.cacheChanged)
      await writeCache(cache, 'blogs', blogDir, serializeStatCache(disk.statCache))

    summary.exitCode = problems ? problemCode : EXIT.ok
    if (options.commit) {
      // The files are written by now: a git failure is reported with the full summary,
      // so the person (or the workflow's job summary) sees both.
      try {
        await commitAndPush(summary, result, resolved, options, io.env, manifestChanged)
      } catch (error) {
        if (!(error instanceof GitError)) throw error
        summary.gitError = scrub(error.message, secrets)
        summary.exitCode = EXIT.git
        io.stderr(`export: ${summary.gitError}\n`)
      }
    }
    return report(summary, io, options.json, secrets)
  } finally {
    await scanned?.close()
    await stage?.discard()
    await source.close()
    // Not left running past the run (it never fails: a flush that could not run is false).
    await earlyFlush
  }
}

/** The build gate (loaded only with --verify: it reads posts with the converter). */
async function verifyDrafts(
  drafts: Drafts,
  hugo: Hugo,
  context: {
    blogDir: string
    site: SiteConfig
    env: RunIO['env']
    source: Source
    stage: Stage | undefined
  },
): Promise<{plan: Plan; report: VerifyReport}> {
  const {verifyPlan} = await import('./verify.ts')
  const {stage, source} = context
  return verifyPlan(drafts, {
    hugo: hugo.bin,
    version: hugo.version,
    blogDir: context.blogDir,
    site: context.site,
    env: context.env,
    read: async (write) => {
      if (!(write.content instanceof Staged)) return write.content
      if (stage === undefined) throw new Error(`${write.path}: written ahead without a stage`)
      return stage.read(write.path, write.content.sha256)
    },
    document: async (id) => {
      const found = await source.documents({
        types: EXPORTED_TYPES,
        all: false,
        since: null,
        ids: [id],
      })
      return found.find((doc) => doc._id === id)
    },
  })
}

async function commitAndPush(
  summary: RunSummary,
  result: Plan,
  resolved: ResolvedConfig,
  options: Pick<CliOptions, 'push' | 'hooks'>,
  env: RunIO['env'],
  manifestChanged: boolean,
): Promise<void> {
  const {blogDir} = resolved
  const ran = new Set([
    ...summary.files.written,
    ...summary.files.deleted,
    ...(manifestChanged ? [MANIFEST_FILE] : []),
  ])
  // Left uncommitted by an earlier run (its commit failed or it was stopped).
  const earlier = (await uncommittedOutput(blogDir, result.manifest)).filter(
    (path) => !ran.has(path),
  )
  const paths = [...ran, ...earlier]
  if (paths.length > 0) {
    summary.commit =
      (await commitPaths({
        blogDir,
        paths,
        message: commitMessage(
          result.reports,
          {
            dataset: resolved.dataset,
            revision: result.manifest.revision,
            source: resolved.source === 'live' ? 'live' : 'file',
          },
          // Posts only: a Hugo draft's bundle holds its images beside it.
          earlier.filter(
            (path) =>
              path.startsWith(`${resolved.config.site.contentDir}/`) && path.endsWith('.md'),
          ),
        ),
        author: resolved.commitAuthor,
        hooks: options.hooks,
      })) ?? null
  }
  // Pushed even when nothing new was committed: an earlier run's push may have failed.
  if (options.push) {
    summary.push = await pushBranch({
      blogDir,
      token: pushToken(env),
      attempts: PUSH_ATTEMPTS,
      identity: resolved.commitAuthor,
    })
  }
}

function report(
  summary: RunSummary,
  io: RunIO,
  json: boolean,
  secrets: readonly string[] = [],
): RunResult {
  if (json) io.stdout(`${scrub(JSON.stringify(summary, null, 2), secrets)}\n`)
  else io.stdout(scrub(formatSummary(summary), secrets))
  return {exitCode: summary.exitCode, summary}
}

/** The dry run's unified diff: posts as text, images as one line each, the manifest last. */
async function renderDiff(
  result: Plan,
  disk: Pick<Disk, 'read'>,
  existing: Manifest | undefined,
): Promise<string> {
  const manifestText = serializeManifest(result.manifest)
  const parts: string[] = []
  const text = (value: Buffer | 'directory' | undefined) =>
    value === undefined || value === 'directory' ? undefined : value.toString('utf8')
  // A dry run stages nothing: its writes carry their bytes.
  const bytes = (content: FileWrite['content']): Uint8Array | string => {
    if (content instanceof Staged) throw new Error('a dry run has no files written ahead')
    return content
  }
  for (const write of result.writes) {
    const before = await disk.read(write.path)
    if (write.kind === 'asset') {
      parts.push(
        `Binary file ${write.path} ${before === undefined ? 'created' : 'changed'} (${bytes(write.content).length} bytes)\n`,
      )
      continue
    }
    const content = bytes(write.content)
    const after = typeof content === 'string' ? content : Buffer.from(content).toString('utf8')
    parts.push(unifiedDiff(write.path, text(before), after))
  }
  for (const remove of result.deletes) {
    const before = await disk.read(remove.path)
    if (remove.path.endsWith('.md')) parts.push(unifiedDiff(remove.path, text(before), undefined))
    else parts.push(`Binary file ${remove.path} deleted\n`)
  }
  const oldManifest = existing === undefined ? undefined : serializeManifest(existing)
  parts.push(unifiedDiff(MANIFEST_FILE, oldManifest, manifestText))
  return parts.join('')
}

function progressReporter(io: RunIO, json: boolean) {
  let last = 0
  let shown = false
  return {
    update(done: number, total: number, what: string) {
      if (!io.isTTY || json) return
      const now = Date.now()
      if (done !== total && now - last < 100) return
      last = now
      shown = true
      io.stderr(`\r${what} ${done}/${total}…`)
    },
    done() {
      if (shown) io.stderr('\r\u001b[K')
    },
  }
}
