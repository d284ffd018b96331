import type {SiteConfig} from '../../converter/config.ts'
import type {AssetPlacement, RenderResult, RenderWarning} from '../../converter/types.ts'
import {sha256, storedAs} from '../lib/hash.ts'
import type {Disk} from './disk.ts'
import type {BlogFolders} from './folders.ts'
import {
  type AssetRecord,
  compare,
  isSafeRelativePath,
  type Manifest,
  type ManifestEntry,
  scheduleOf,
} from './manifest.ts'
import type {SanityDocument} from './ndjson.ts'
import {mapPool} from './pool.ts'
import type {ListingRow} from './query.ts'
import {aliasFor, asRenderFailure, type RenderOptions} from './render.ts'
import {Staged} from './stage.ts'

export type DocStatus = 'created' | 'updated' | 'unchanged' | 'deleted' | 'failed' | 'conflict'

export interface DocReport {
  id: string
  slug: string | null
  /** The markdown file: the new one, or for a deletion the removed one. */
  path: string | null
  status: DocStatus
  /** Why the document failed or conflicts. */
  reason?: string
  /** Sanity path of the field at fault, e.g. `slug.current`. */
  field?: string
  /** The file the post had before a slug change. */
  previousPath?: string
  warnings: RenderWarning[]
}

export interface FileWrite {
  path: string
  content: string | Uint8Array | Staged
  sha256: string
  kind: 'markdown' | 'asset'
  documentId: string
}

export interface FileDelete {
  path: string
  documentId: string
}

export interface Plan {
  reports: DocReport[]
  writes: FileWrite[]
  deletes: FileDelete[]
  /** The manifest after the plan is applied. */
  manifest: Manifest
}

/** An owned file's state; for a post, `images-missing` is the post as exported with an image of it gone. */
export type FileState =
  | {kind: 'ok'}
  | {kind: 'missing'}
  | {kind: 'modified'}
  | {kind: 'images-missing'}

/**
 * Compares each owned post file with the hash the manifest recorded: a hand edit
 * must be noticed. Of its images, only their presence is checked here, so that a
 * deleted one is put back: their names carry their content hash, and reading or
 * stat'ing thousands of them would dominate a run that has nothing to do. The rest
 * is checked for documents that are rendered or deleted (see `assetStates`).
 */
export async function inspectEntries(
  manifest: Manifest,
  ids: Iterable<string>,
  disk: Disk,
): Promise<Map<string, FileState>> {
  const states = new Map<string, FileState>()
  for (const id of ids) {
    const entry = manifest.documents[id]
    if (entry === undefined || states.has(id)) continue
    const hash = await disk.hash(entry.path)
    states.set(
      id,
      hash === undefined
        ? {kind: 'missing'}
        : hash !== entry.sha256 && !(await storedAsRead(disk, entry.path, entry.sha256))
          ? {kind: 'modified'}
          : entry.assets.every((asset) => disk.exists(asset.path))
            ? {kind: 'ok'}
            : {kind: 'images-missing'},
    )
  }
  return states
}

/** `storedAs` for a file on disk, read only when its plain hash did not match. */
async function storedAsRead(disk: Disk, path: string, hash: string): Promise<boolean> {
  const bytes = await disk.read(path)
  return bytes instanceof Buffer && storedAs(bytes, hash)
}

/** Each owned image by size: missing, as written, or replaced. */
async function assetStates(entry: ManifestEntry, disk: Disk): Promise<Map<string, FileState>> {
  const states = new Map<string, FileState>()
  for (const asset of entry.assets) {
    const size = await disk.size(asset.path)
    states.set(
      asset.path,
      size === undefined
        ? {kind: 'missing'}
        : size === asset.size
          ? {kind: 'ok'}
          : {kind: 'modified'},
    )
  }
  return states
}

export type DocumentInfo = Pick<SanityDocument, '_id' | '_type' | '_rev'> & {_updatedAt?: unknown}

/**
 * A render result whose markdown may already be UTF-8 bytes: a big export keeps
 * thousands of results until it writes them, and bytes take half the memory of
 * JavaScript strings holding any non-Latin-1 character.
 */
export type PlannedRender = Omit<RenderResult, 'markdown'> & {
  /** The text, its UTF-8 bytes, or the token of the file the stage wrote ahead. */
  markdown: string | Uint8Array | Staged
  /** sha256 of the markdown's bytes, when the render thread hashed them. */
  sha256?: string
}

export type PlanRender = (
  doc: DocumentInfo,
  options: RenderOptions,
) => Promise<PlannedRender> | PlannedRender

export interface PlanInput {
  manifest: Manifest
  /** The exportable documents in scope (all, or the one `--only` names). */
  listing: readonly ListingRow[]
  /** Manifest ids whose absence from `listing` means the post was deleted. */
  deletionScope: ReadonlySet<string>
  /** The state of each owned post file (from `inspectEntries`). */
  states: ReadonlyMap<string, FileState>
  /**
   * The documents to render, by id: at least their system fields. The caller's
   * `render` gets this record and may look the full document up itself (the exporter
   * renders big exports ahead, in chunks, and keeps only the results).
   */
  documents: ReadonlyMap<string, DocumentInfo>
  site: SiteConfig
  fingerprint: string
  force: boolean
  render: PlanRender
  asset: (placement: AssetPlacement) => Promise<Uint8Array>
  disk: Disk
  /** Why nothing may be written into, or removed from, a site-relative folder (see `BlogFolders`). */
  folders: Pick<BlogFolders, 'problem'>
  /**
   * The post addresses (by slug) that files the exporter does not own serve, with those
   * files (see `handWrittenAddresses`). Asked at most once, and only when a post gets a
   * new file.
   */
  addressesInUse: (owned: (path: string) => boolean) => ReadonlyMap<string, readonly string[]>
  /** New `revision`/`since` for the manifest; undefined keeps the old ones (partial runs). */
  revision?: {revision: string; since: string | null}
  onProgress?: (done: number, total: number) => void
}

/** Whether a listed document must be rendered, or can be left as it is. */
export function needsRender(
  row: ListingRow,
  entry: ManifestEntry | undefined,
  state: FileState | undefined,
  fingerprint: string,
  force: boolean,
): boolean {
  return (
    force ||
    entry === undefined ||
    entry.rev !== row._rev ||
    entry.options !== fingerprint ||
    state?.kind !== 'ok'
  )
}

interface Draft {
  id: string
  report: DocReport
  /** The entry to record when the draft goes ahead; for a deletion, none. */
  next: ManifestEntry | undefined
  /** Paths this document takes that its manifest entry did not have. */
  claims: string[]
  /** Paths its manifest entry had that it gives up (deleted unless another document takes them). */
  releases: string[]
  writes: FileWrite[]
  ok: boolean
  /** The file the document keeps when the draft fails. */
  keepPath: string | null
}

/**
 * What every document in scope would do, before the claims between them are settled:
 * the expensive part of a plan (rendering, reading images and files), done once even
 * when the plan is settled again with documents held back.
 */
export interface Drafts {
  readonly manifest: Manifest
  readonly revision: PlanInput['revision']
  /** Path → the document that owns it in the manifest. */
  readonly owner: ReadonlyMap<string, string>
  readonly list: readonly Draft[]
}

/** A document held back from the plan (e.g. it breaks the site's build): it fails with this reason. */
export interface Hold {
  reason: string
  field?: string
}

/**
 * Decides, for every document in scope, what to write and delete, without touching
 * the disk. The rules that keep people's work safe live here:
 * - only paths in the manifest are ever overwritten or deleted;
 * - a path the exporter does not own is an error for that document, unless it already
 *   holds exactly the content to write (a run that crashed before saving the manifest);
 * - an owned file that was edited by hand is neither overwritten nor deleted (conflict),
 *   unless `force`;
 * - two documents never share a file: both are reported and neither is written.
 * A failed document keeps its previous file and manifest entry.
 */
export async function plan(input: PlanInput): Promise<Plan> {
  return settlePlan(await draftPlan(input))
}

export async function draftPlan(input: PlanInput): Promise<Drafts> {
  const {manifest} = input
  const owner = new Map<string, string>()
  for (const [id, entry] of Object.entries(manifest.documents)) {
    owner.set(entry.path, id)
    for (const asset of entry.assets) owner.set(asset.path, id)
  }
  const slugUsers = new Map<string, string[]>()
  for (const row of input.listing) {
    if (row.slug === null) continue
    slugUsers.set(row.slug, [...(slugUsers.get(row.slug) ?? []), row._id])
  }

  let addresses: ReadonlyMap<string, readonly string[]> | undefined
  const inUse = () => {
    addresses ??= input.addressesInUse((path) => owner.has(path))
    return addresses
  }
  let done = 0
  const total = input.listing.length
  const list = await mapPool(input.listing, 8, async (row) => {
    const draft = await draftListed(input, row, slugUsers, owner, inUse)
    done += 1
    input.onProgress?.(done, total)
    return draft
  })
  const listed = new Set(input.listing.map((row) => row._id))
  for (const id of [...input.deletionScope].sort()) {
    if (listed.has(id)) continue
    const entry = manifest.documents[id]
    if (entry !== undefined) list.push(await draftDeletion(input, id, entry))
  }
  return {manifest, revision: input.revision, owner, list}
}

/**
 * The plan the drafts make once the documents in `held` fail with their reason: a
 * held document keeps its previous file and manifest entry, and a document that
 * needed what it would have given up fails too. The drafts themselves stay as they
 * were, so they can be settled again.
 */
export function settlePlan(drafts: Drafts, held: ReadonlyMap<string, Hold> = new Map()): Plan {
  const {manifest} = drafts
  const list = drafts.list.map((draft): Draft => {
    const hold = held.get(draft.id)
    if (hold === undefined) return {...draft, report: {...draft.report}}
    const {report} = draft
    return failed(draft.id, report.slug, draft.keepPath, 'failed', hold.reason, {
      ...(hold.field === undefined ? {} : {field: hold.field}),
      warnings: report.warnings,
    })
  })
  resolveClaims(list, drafts.owner)

  const claimed = new Set(list.filter((d) => d.ok).flatMap((d) => d.claims))
  // The dataset revision (and the `since` of live runs) moves on only when every
  // document made it: a failed one is otherwise still found by its revision, but the
  // commit trailer should not claim a revision that was not fully exported.
  const complete = list.every((d) => d.ok)
  const documents: Record<string, ManifestEntry> = {...manifest.documents}
  const writes: FileWrite[] = []
  const deletes: FileDelete[] = []
  for (const draft of list) {
    if (!draft.ok) continue
    if (draft.next === undefined) delete documents[draft.id]
    else documents[draft.id] = draft.next
    writes.push(...draft.writes)
    for (const path of draft.releases)
      if (!claimed.has(path)) deletes.push({path, documentId: draft.id})
    const report = draft.report
    if (report.status === 'deleted') continue
    const changed = draft.writes.length > 0 || draft.releases.length > 0
    if (manifest.documents[draft.id] === undefined) report.status = 'created'
    else report.status = changed ? 'updated' : 'unchanged'
  }
  // Images before posts, so a published post never points at a missing image.
  writes.sort((a, b) => (a.kind === b.kind ? compare(a.path, b.path) : a.kind === 'asset' ? -1 : 1))
  deletes.sort((a, b) => compare(a.path, b.path))
  return {
    reports: list.map((d) => d.report).sort((a, b) => compare(a.id, b.id)),
    writes,
    deletes,
    manifest: {
      format: manifest.format,
      dataset: manifest.dataset,
      revision: (complete ? drafts.revision?.revision : undefined) ?? manifest.revision,
      since: (complete ? drafts.revision?.since : undefined) ?? manifest.since,
      documents,
    },
  }
}

/**
 * Image bytes come from the source's per-run cache, one object per image file, and
 * an image placed in several posts (a diagram shared by a series) is hashed once,
 * whether the scan stages it or the plan writes it.
 */
const assetHashes = new WeakMap<Uint8Array, string>()

export function assetHash(bytes: Uint8Array): string {
  let hash = assetHashes.get(bytes)
  if (hash === undefined) {
    hash = sha256(bytes)
    assetHashes.set(bytes, hash)
  }
  return hash
}

function failed(
  id: string,
  slug: string | null,
  path: string | null,
  status: 'failed' | 'conflict',
  reason: string,
  extra: {field?: string; warnings?: RenderWarning[]} = {},
): Draft {
  const report: DocReport = {id, slug, path, status, reason, warnings: extra.warnings ?? []}
  if (extra.field !== undefined) report.field = extra.field
  return {
    id,
    report,
    next: undefined,
    claims: [],
    releases: [],
    writes: [],
    ok: false,
    keepPath: path,
  }
}

function describeConflict(path: string): string {
  return `${path} was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document)`
}

async function draftListed(
  input: PlanInput,
  row: ListingRow,
  slugUsers: ReadonlyMap<string, string[]>,
  owner: ReadonlyMap<string, string>,
  inUse: () => ReadonlyMap<string, readonly string[]>,
): Promise<Draft> {
  const id = row._id
  const entry = input.manifest.documents[id]
  const markdownState = input.states.get(id)
  const keepPath = entry?.path ?? null
  const sharing = row.slug === null ? [] : (slugUsers.get(row.slug) ?? []).filter((o) => o !== id)
  if (sharing.length > 0)
    return failed(
      id,
      row.slug,
      keepPath,
      'failed',
      `slug "${row.slug}" is also used by ${sharing.join(', ')}; neither is written until one changes`,
      {field: 'slug.current'},
    )

  if (
    entry !== undefined &&
    !needsRender(row, entry, markdownState, input.fingerprint, input.force)
  ) {
    return {
      id,
      report: {id, slug: entry.slug, path: entry.path, status: 'unchanged', warnings: []},
      next: entry,
      claims: [],
      releases: [],
      writes: [],
      ok: true,
      keepPath,
    }
  }

  const state = {
    markdown: markdownState ?? {kind: 'missing'},
    assets:
      entry === undefined ? new Map<string, FileState>() : await assetStates(entry, input.disk),
  }
  const doc = input.documents.get(id)
  if (doc === undefined)
    return failed(
      id,
      row.slug,
      keepPath,
      'failed',
      'the source listed the document but did not return it',
    )

  const rendered = await renderWithAliases(input, doc, row.slug, entry)
  if ('error' in rendered) {
    const extra: {field?: string} = {}
    if (rendered.field !== undefined) extra.field = rendered.field
    return failed(id, row.slug, keepPath, 'failed', rendered.error, extra)
  }
  const {result, previousSlugs} = rendered
  const pathProblem = checkPaths(input.site, result)
  if (pathProblem !== undefined)
    return failed(id, result.slug, keepPath, 'failed', pathProblem, {warnings: result.warnings})

  const claims: string[] = []
  const releases: string[] = []
  const writes: FileWrite[] = []
  const report: DocReport = {
    id,
    slug: result.slug,
    path: result.path,
    status: 'unchanged',
    warnings: result.warnings,
  }
  if (entry !== undefined && entry.path !== result.path) report.previousPath = entry.path
  const conflict = (path: string) =>
    failed(id, result.slug, keepPath, 'conflict', describeConflict(path), {
      warnings: result.warnings,
    })
  const collision = (path: string, what: string) =>
    failed(
      id,
      result.slug,
      keepPath,
      'failed',
      `${path} already exists and was not written by the exporter (${what}); it was left as it is`,
      {field: 'slug.current', warnings: result.warnings},
    )

  // The markdown file.
  const markdown = result.markdown
  const markdownHash =
    result.sha256 ?? (markdown instanceof Staged ? markdown.sha256 : sha256(markdown))
  const markdownWrite: FileWrite = {
    path: result.path,
    content: result.markdown,
    sha256: markdownHash,
    kind: 'markdown',
    documentId: id,
  }
  if (entry !== undefined && entry.path === result.path) {
    const kind = state.markdown.kind
    if (kind === 'missing') writes.push(markdownWrite)
    else if (kind === 'ok' || kind === 'images-missing') {
      if (markdownHash !== entry.sha256) writes.push(markdownWrite)
    } else {
      // Edited since the last export, or written by a run that crashed before saving
      // the manifest: identical content is simply adopted.
      const current = await input.disk.read(result.path)
      const same = current instanceof Buffer && storedAs(current, markdownHash)
      if (!same) {
        if (!input.force) return conflict(result.path)
        writes.push(markdownWrite)
      }
    }
  } else {
    if (entry !== undefined) {
      const kind = state.markdown.kind
      if (kind === 'modified' && !input.force) return conflict(entry.path)
      releases.push(entry.path)
    }
    claims.push(result.path)
    const rivals = (inUse().get(result.slug) ?? []).filter((path) => path !== result.path)
    if (rivals.length > 0)
      return failed(
        id,
        result.slug,
        keepPath,
        'failed',
        `${result.path} would have the address /${input.site.section}/${result.slug}/, which ${rivals.join(' and ')} already has (a hand-written post?); it was not written`,
        {field: 'slug.current', warnings: result.warnings},
      )
    if (owner.get(result.path) === undefined) {
      const existing = await input.disk.read(result.path)
      if (existing === 'directory') return collision(result.path, 'a folder')
      if (existing === undefined) writes.push(markdownWrite)
      else if (!storedAs(existing, markdownHash))
        return collision(result.path, 'a hand-written post?')
    } else writes.push(markdownWrite)
  }

  // Images.
  const assets: AssetRecord[] = []
  const oldAssets = new Map((entry?.assets ?? []).map((asset) => [asset.path, asset]))
  for (const placement of result.assets) {
    const old = oldAssets.get(placement.path)
    const assetState = state.assets.get(placement.path)?.kind ?? 'missing'
    if (old !== undefined && assetState === 'ok') {
      assets.push(old)
      continue
    }
    if (old !== undefined && assetState === 'modified' && !input.force)
      return conflict(placement.path)
    let bytes: Uint8Array
    try {
      bytes = await input.asset(placement)
    } catch (error) {
      return failed(id, result.slug, keepPath, 'failed', (error as Error).message, {
        field: placement.field,
        warnings: result.warnings,
      })
    }
    const hash = assetHash(bytes)
    const write: FileWrite = {
      path: placement.path,
      content: bytes,
      sha256: hash,
      kind: 'asset',
      documentId: id,
    }
    assets.push({path: placement.path, sha256: hash, size: bytes.byteLength})
    if (old !== undefined) {
      writes.push(write)
      continue
    }
    claims.push(placement.path)
    if (owner.get(placement.path) === undefined) {
      const existing = await input.disk.read(placement.path)
      if (existing === 'directory') return collision(placement.path, 'a folder')
      if (existing === undefined) writes.push(write)
      else if (sha256(existing) !== hash) return collision(placement.path, 'a different image')
    } else writes.push(write)
  }
  const placed = new Set(result.assets.map((placement) => placement.path))
  for (const old of oldAssets.values()) {
    if (placed.has(old.path)) continue
    const kind = state.assets.get(old.path)?.kind ?? 'missing'
    if (kind === 'modified' && !input.force) return conflict(old.path)
    releases.push(old.path)
  }
  const blocked = blockedPath(
    input,
    writes.map((write) => write.path),
    releases,
  )
  if (blocked !== undefined)
    return failed(id, result.slug, keepPath, 'failed', blocked, {warnings: result.warnings})

  return {
    id,
    report,
    next: {
      type: doc._type,
      updatedAt: typeof doc['_updatedAt'] === 'string' ? doc['_updatedAt'] : null,
      slug: result.slug,
      path: result.path,
      // The revision rendered: newer than the listing when the document changed in between.
      rev: doc._rev,
      options: input.fingerprint,
      sha256: markdownHash,
      assets,
      previousSlugs,
      ...scheduleOf(result.schedule ?? {}),
    },
    claims,
    releases,
    writes,
    ok: true,
    keepPath,
  }
}

type Rendered =
  | {result: PlannedRender; previousSlugs: string[]}
  | {error: string; field: string | undefined}

/**
 * The options a document renders with: the site's, plus the post's old URLs as
 * aliases so that links to a renamed post keep working. Returns the same object for
 * every post without aliases (the converter validates each new options object once).
 */
export function renderOptionsFor(
  site: SiteConfig,
  entry: Pick<ManifestEntry, 'previousSlugs' | 'slug'> | undefined,
  slug: string | null,
): {options: RenderOptions; previousSlugs: string[]} {
  const history = entry === undefined ? [] : [...entry.previousSlugs, entry.slug]
  const previousSlugs: string[] = []
  for (const old of history) {
    // A post moved back to an old slug must not redirect to itself.
    if (old === slug || previousSlugs.includes(old)) continue
    previousSlugs.push(old)
  }
  const options: RenderOptions =
    previousSlugs.length === 0
      ? site
      : {...site, aliases: previousSlugs.map((old) => aliasFor(site, old))}
  return {options, previousSlugs}
}

async function renderWithAliases(
  input: PlanInput,
  doc: DocumentInfo,
  listedSlug: string | null,
  entry: ManifestEntry | undefined,
): Promise<Rendered> {
  const attempt = async (slug: string | null): Promise<Rendered> => {
    const {options, previousSlugs} = renderOptionsFor(input.site, entry, slug)
    try {
      return {result: await input.render(doc, options), previousSlugs}
    } catch (error) {
      const failure = asRenderFailure(error)
      if (failure !== undefined)
        return {
          error: failure.message,
          field: failure.pathString === '' ? undefined : failure.pathString,
        }
      return {error: `could not be rendered: ${(error as Error).message}`, field: undefined}
    }
  }
  const first = await attempt(listedSlug)
  if ('result' in first && first.result.slug !== listedSlug) return attempt(first.result.slug)
  return first
}

/** The converter decides paths; the exporter still refuses any that leave the post's places. */
export function checkPaths(site: SiteConfig, result: PlannedRender): string | undefined {
  const inside = (path: string, roots: readonly string[]) =>
    isSafeRelativePath(path) && roots.some((root) => path.startsWith(`${root}/`))
  if (!inside(result.path, [site.contentDir]) || !result.path.endsWith('.md'))
    return `the converter placed the post at "${result.path}", outside ${site.contentDir}/`
  for (const placement of result.assets) {
    if (!inside(placement.path, [site.contentDir, 'static']))
      return `the converter placed an image at "${placement.path}", outside ${site.contentDir}/ and static/`
  }
  return undefined
}

/** Why one of the paths to write or remove lies in a folder the exporter may not touch. */
function blockedPath(
  input: PlanInput,
  writes: readonly string[],
  removals: readonly string[],
): string | undefined {
  const problem = (path: string) => input.folders.problem(path.slice(0, path.lastIndexOf('/')))
  for (const path of writes) {
    const found = problem(path)
    if (found !== undefined) return `${path} was not written: ${found}`
  }
  for (const path of removals) {
    const found = problem(path)
    if (found !== undefined) return `${path} was not removed: ${found}`
  }
  return undefined
}

async function draftDeletion(input: PlanInput, id: string, entry: ManifestEntry): Promise<Draft> {
  const releases = [entry.path, ...entry.assets.map((asset) => asset.path)]
  const blocked = blockedPath(input, [], releases)
  if (blocked !== undefined) return failed(id, entry.slug, entry.path, 'failed', blocked)
  const state = {markdown: input.states.get(id), assets: await assetStates(entry, input.disk)}
  if (!input.force) {
    if (state.markdown?.kind === 'modified')
      return failed(
        id,
        entry.slug,
        entry.path,
        'conflict',
        `${describeConflict(entry.path)}; the document was deleted or unpublished`,
      )
    for (const [path, assetState] of state.assets)
      if (assetState.kind === 'modified')
        return failed(id, entry.slug, entry.path, 'conflict', describeConflict(path))
  }
  return {
    id,
    report: {id, slug: entry.slug, path: entry.path, status: 'deleted', warnings: []},
    next: undefined,
    claims: [],
    releases,
    writes: [],
    ok: true,
    keepPath: entry.path,
  }
}

/**
 * A path another document owns may be taken only when that document gives it up in
 * this run (it was deleted or moved). Failing one document can cancel what it gave
 * up, so this repeats until nothing changes.
 */
function resolveClaims(drafts: readonly Draft[], owner: ReadonlyMap<string, string>): void {
  for (let changed = true; changed; ) {
    changed = false
    const claimers = new Map<string, string[]>()
    const released = new Map<string, string>()
    for (const draft of drafts) {
      if (!draft.ok) continue
      for (const path of draft.claims) {
        const ids = claimers.get(path)
        if (ids === undefined) claimers.set(path, [draft.id])
        else ids.push(draft.id)
      }
      for (const path of draft.releases) released.set(path, draft.id)
    }
    for (const draft of drafts) {
      if (!draft.ok) continue
      for (const path of draft.claims) {
        // Nearly every path has one claimer: the list of others is made only when not.
        const ids = claimers.get(path) ?? []
        const others = ids.length > 1 ? ids.filter((id) => id !== draft.id) : []
        const holder = owner.get(path)
        let reason: string | undefined
        if (others.length > 0)
          reason = `${path} would also be written by ${others.join(', ')}; neither is written`
        else if (holder !== undefined && holder !== draft.id && released.get(path) !== holder)
          reason = `${path} belongs to document ${holder}; it was left as it is`
        if (reason === undefined) continue
        const report = draft.report
        Object.assign(
          draft,
          failed(draft.id, report.slug, draft.keepPath, 'failed', reason, {
            field: 'slug.current',
            warnings: report.warnings,
          }),
        )
        changed = true
        break
      }
    }
  }
}
