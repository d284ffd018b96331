import {Mutation} from '@sanity/mutator'
import type {PatchOperations, SanityDocumentLike} from '@sanity/types'
import {runQuery} from './groq.ts'
import {getDraftId} from './ids.ts'
import type {Doc} from './types.ts'

/** An error answered to the client with this status and JSON body. */
export class LakeError extends Error {
  readonly status: number
  readonly body: unknown

  constructor(status: number, type: string, description: string) {
    super(description)
    this.status = status
    this.body = {error: {type, description}}
  }
}

export interface Change {
  id: string
  before: Doc | null
  after: Doc | null
}

export interface Commit {
  transactionId: string
  /** ISO time of the commit; also the new `_updatedAt` of every changed document. */
  timestamp: string
  changes: Change[]
}

/** Writes made within one transaction, visible to later steps of the same transaction. */
export class Staging {
  readonly #committed: ReadonlyMap<string, Doc>
  readonly #staged = new Map<string, Doc | null>()

  constructor(committed: ReadonlyMap<string, Doc>) {
    this.#committed = committed
  }

  get(id: string): Doc | null {
    const staged = this.#staged.get(id)
    if (staged !== undefined) return staged
    return this.#committed.get(id) ?? null
  }

  put(id: string, doc: Doc | null): void {
    this.#staged.set(id, doc === null ? null : {...doc, _id: id})
  }

  /** All documents as this transaction sees them. */
  all(): Doc[] {
    const ids = new Set([...this.#committed.keys(), ...this.#staged.keys()])
    return [...ids].map((id) => this.get(id)).filter((doc): doc is Doc => doc !== null)
  }

  staged(): IterableIterator<[string, Doc | null]> {
    return this.#staged.entries()
  }
}

export interface StoreOptions {
  projectId: string
  dataset: string
  now: () => Date
  /** Called after each commit, before the commit's caller is answered. */
  onCommit: (commit: Commit) => Promise<void>
}

const INITIAL_REV = 'initial'

export class DocumentStore {
  readonly documents = new Map<string, Doc>()
  readonly #options: StoreOptions
  #queue: Promise<unknown> = Promise.resolve()
  #transactions = 0
  #generatedIds = 0

  constructor(initial: readonly SanityDocumentLike[], options: StoreOptions) {
    this.#options = options
    for (const doc of initial) {
      // Listeners compare `previousRev` with the `_rev` they hold, so every document needs one.
      const copy: Doc = structuredClone(doc)
      this.documents.set(doc._id, {...copy, _rev: copy._rev ?? INITIAL_REV})
    }
  }

  get context(): {projectId: string; dataset: string} {
    return {projectId: this.#options.projectId, dataset: this.#options.dataset}
  }

  newTransactionId(): string {
    this.#transactions += 1
    return `lake-tx-${this.#transactions}`
  }

  newDocumentId(): string {
    this.#generatedIds += 1
    return `lake-doc-${this.#generatedIds}`
  }

  /**
   * Runs `work` against a staging area and, unless it throws or this is a dry run, commits
   * its writes atomically. Transactions run one at a time so that listeners see commits in
   * the order they were made.
   */
  transact<T>(
    transactionId: string,
    work: (staging: Staging) => Promise<T> | T,
    {dryRun = false}: {dryRun?: boolean} = {},
  ): Promise<T> {
    const run = async (): Promise<T> => {
      const staging = new Staging(this.documents)
      const result = await work(staging)
      if (!dryRun) await this.#commit(transactionId, staging)
      return result
    }
    const next = this.#queue.then(run)
    // A failed transaction must not block the ones queued after it.
    this.#queue = next.catch(() => undefined)
    return next
  }

  async #commit(transactionId: string, staging: Staging): Promise<void> {
    const timestamp = this.#options.now().toISOString()
    const changes: Change[] = []
    for (const [id, staged] of staging.staged()) {
      const before = this.documents.get(id) ?? null
      if (before === null && staged === null) continue
      if (staged === null) {
        this.documents.delete(id)
        changes.push({id, before, after: null})
        continue
      }
      const after: Doc = {
        ...staged,
        _id: id,
        _createdAt: staged._createdAt ?? before?._createdAt ?? timestamp,
        _updatedAt: timestamp,
        _rev: transactionId,
      }
      this.documents.set(id, after)
      changes.push({id, before, after})
    }
    await this.#options.onCommit({transactionId, timestamp, changes})
  }
}

// Request bodies are parsed from JSON, so every field is checked before use.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new LakeError(400, 'validationError', `"${name}" must be a non-empty string`)
  }
  return value
}

function optionalString(value: unknown, name: string): string | undefined {
  return value === undefined ? undefined : requireString(value, name)
}

function requireRecord(value: unknown, name: string): Record<string, unknown> {
  if (!isRecord(value)) throw new LakeError(400, 'validationError', `"${name}" must be an object`)
  return value
}

function toDocument(value: unknown, name: string, fallbackId: string | undefined): Doc {
  const record = requireRecord(value, name)
  const {_id, _type, ...rest} = structuredClone(record)
  const id = _id === undefined ? fallbackId : _id
  return {
    ...rest,
    _id: requireString(id, `${name}._id`),
    _type: requireString(_type, `${name}._type`),
  }
}

function conflict(description: string): LakeError {
  return new LakeError(409, 'conflict', description)
}

function missing(id: string): LakeError {
  return new LakeError(409, 'documentNotFoundError', `Document "${id}" not found`)
}

function checkRevision(doc: Doc | null, expected: unknown, name: string): void {
  if (expected === undefined || expected === null) return
  if (doc?._rev !== expected) {
    throw conflict(`${name} "${String(expected)}" does not match current revision "${doc?._rev}"`)
  }
}

/** Applies a patch (set, unset, diffMatchPatch, insert, inc, ...) the way the Studio does. */
function patchDocument(doc: Doc, patch: Record<string, unknown>): Doc {
  // Selection and revision fields are not operations; the patcher must not see them.
  const {id: _id, query: _query, params: _params, ifRevisionID, ...operations} = patch
  checkRevision(doc, ifRevisionID, 'ifRevisionID')
  const mutation = new Mutation({
    mutations: [{patch: {...(operations as PatchOperations), id: doc._id}}],
  })
  try {
    const result = mutation.apply(doc)
    if (result === null) throw new Error('patch removed the document')
    return result
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new LakeError(400, 'validationError', `Patch on "${doc._id}" failed: ${reason}`)
  }
}

interface ActionFields {
  actionType?: unknown
  draftId?: unknown
  publishedId?: unknown
  versionId?: unknown
  baseId?: unknown
  patch?: unknown
  attributes?: unknown
  document?: unknown
  ifExists?: unknown
  includeDrafts?: unknown
  ifDraftRevisionId?: unknown
  ifPublishedRevisionId?: unknown
}

/** Applies one Actions API action (`sanity.action.document.*`). */
export function applyAction(staging: Staging, value: unknown): void {
  const action: ActionFields = requireRecord(value, 'action')
  const type = requireString(action.actionType, 'actionType')
  switch (type) {
    case 'sanity.action.document.create': {
      const publishedId = requireString(action.publishedId, 'publishedId')
      const doc = toDocument(action.attributes, 'attributes', getDraftId(publishedId))
      if (staging.get(doc._id) !== null) {
        if (action.ifExists === 'ignore') return
        throw conflict(`Document "${doc._id}" already exists`)
      }
      staging.put(doc._id, doc)
      return
    }
    case 'sanity.action.document.edit': {
      const draftId = requireString(action.draftId, 'draftId')
      const publishedId = requireString(action.publishedId, 'publishedId')
      const patch = requireRecord(action.patch, 'patch')
      // The Studio's first edit of a published document is a no-op guard patch on the
      // draft id: the draft starts as a copy of the published document.
      const draft = staging.get(draftId)
      const published = staging.get(publishedId)
      const base = draft ?? (published === null ? null : {...published, _id: draftId})
      if (base === null) throw missing(draftId)
      staging.put(draftId, patchDocument(base, patch))
      return
    }
    case 'sanity.action.document.publish': {
      const draftId = requireString(action.draftId, 'draftId')
      const publishedId = requireString(action.publishedId, 'publishedId')
      const draft = staging.get(draftId)
      if (draft === null) throw missing(draftId)
      checkRevision(draft, action.ifDraftRevisionId, 'ifDraftRevisionId')
      checkRevision(staging.get(publishedId), action.ifPublishedRevisionId, 'ifPublishedRevisionId')
      staging.put(publishedId, {...draft, _id: publishedId})
      staging.put(draftId, null)
      return
    }
    case 'sanity.action.document.unpublish': {
      const draftId = requireString(action.draftId, 'draftId')
      const publishedId = requireString(action.publishedId, 'publishedId')
      const published = staging.get(publishedId)
      if (published === null) throw missing(publishedId)
      if (staging.get(draftId) === null) staging.put(draftId, {...published, _id: draftId})
      staging.put(publishedId, null)
      return
    }
    case 'sanity.action.document.delete': {
      const publishedId = requireString(action.publishedId, 'publishedId')
      const drafts = Array.isArray(action.includeDrafts) ? action.includeDrafts : []
      staging.put(publishedId, null)
      for (const draftId of drafts) staging.put(requireString(draftId, 'includeDrafts[]'), null)
      return
    }
    case 'sanity.action.document.discard':
    case 'sanity.action.document.version.discard': {
      const id = requireString(action.draftId ?? action.versionId, 'draftId')
      if (staging.get(id) === null) throw missing(id)
      staging.put(id, null)
      return
    }
    case 'sanity.action.document.replaceDraft': {
      const publishedId = requireString(action.publishedId, 'publishedId')
      const doc = toDocument(action.attributes, 'attributes', getDraftId(publishedId))
      staging.put(doc._id, doc)
      return
    }
    case 'sanity.action.document.version.create': {
      if (action.document === undefined) {
        const baseId = requireString(action.baseId, 'baseId')
        const versionId = requireString(action.versionId, 'versionId')
        const base = staging.get(baseId)
        if (base === null) throw missing(baseId)
        if (staging.get(versionId) !== null)
          throw conflict(`Document "${versionId}" already exists`)
        staging.put(versionId, {...base, _id: versionId})
        return
      }
      const doc = toDocument(action.document, 'document', undefined)
      if (staging.get(doc._id) !== null) throw conflict(`Document "${doc._id}" already exists`)
      staging.put(doc._id, doc)
      return
    }
    case 'sanity.action.document.version.replace': {
      const doc = toDocument(action.document, 'document', undefined)
      if (staging.get(doc._id) === null) throw missing(doc._id)
      staging.put(doc._id, doc)
      return
    }
    default:
      throw new LakeError(400, 'validationError', `Unsupported action type "${type}"`)
  }
}

export interface MutationResult {
  id: string
  operation: 'create' | 'update' | 'delete' | 'none'
}

interface Selection {
  id?: unknown
  query?: unknown
  params?: unknown
}

async function selectIds(
  staging: Staging,
  selection: Selection,
  context: {projectId: string; dataset: string},
): Promise<string[]> {
  const id = optionalString(selection.id, 'id')
  if (id !== undefined) return [id]
  const query = requireString(selection.query, 'query')
  const params = selection.params === undefined ? {} : requireRecord(selection.params, 'params')
  const result = await runQuery(staging.all(), query, params, context)
  const items: unknown[] = Array.isArray(result) ? result : [result]
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item]
    if (!isRecord(item)) return []
    const {_id} = item
    return typeof _id === 'string' ? [_id] : []
  })
}

interface MutationFields {
  create?: unknown
  createOrReplace?: unknown
  createIfNotExists?: unknown
  delete?: unknown
  patch?: unknown
}

/** Applies one `/data/mutate` mutation. */
export async function applyMutation(
  store: DocumentStore,
  staging: Staging,
  value: unknown,
): Promise<MutationResult[]> {
  const mutation: MutationFields = requireRecord(value, 'mutation')
  if (mutation.create !== undefined) {
    const doc = toDocument(mutation.create, 'create', store.newDocumentId())
    if (staging.get(doc._id) !== null) throw conflict(`Document "${doc._id}" already exists`)
    staging.put(doc._id, doc)
    return [{id: doc._id, operation: 'create'}]
  }
  if (mutation.createOrReplace !== undefined) {
    const doc = toDocument(mutation.createOrReplace, 'createOrReplace', undefined)
    const existed = staging.get(doc._id) !== null
    staging.put(doc._id, doc)
    return [{id: doc._id, operation: existed ? 'update' : 'create'}]
  }
  if (mutation.createIfNotExists !== undefined) {
    const doc = toDocument(mutation.createIfNotExists, 'createIfNotExists', undefined)
    if (staging.get(doc._id) !== null) return [{id: doc._id, operation: 'none'}]
    staging.put(doc._id, doc)
    return [{id: doc._id, operation: 'create'}]
  }
  if (mutation.delete !== undefined) {
    const selection: Selection = requireRecord(mutation.delete, 'delete')
    const ids = await selectIds(staging, selection, store.context)
    for (const id of ids) staging.put(id, null)
    return ids.map((id) => ({id, operation: 'delete'}))
  }
  if (mutation.patch !== undefined) {
    const patch = requireRecord(mutation.patch, 'patch')
    const ids = await selectIds(staging, patch, store.context)
    return ids.map((id) => {
      const doc = staging.get(id)
      if (doc === null) throw missing(id)
      staging.put(id, patchDocument(doc, patch))
      return {id, operation: 'update'}
    })
  }
  throw new LakeError(400, 'validationError', `Unsupported mutation: ${JSON.stringify(value)}`)
}
