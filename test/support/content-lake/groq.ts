import {type DereferenceFunction, type ExprNode, evaluate, parse} from 'groq-js'
import {getPublishedId, isDraftId, isPublishedId, isVersionId} from './ids.ts'
import type {Doc} from './types.ts'

/**
 * `raw`: every document under its own id. `published`: published documents only.
 * A layer list (highest priority first, e.g. `['drafts']`): each document as its
 * highest-priority layer has it, under the published id, falling back to published.
 */
export type Perspective = 'raw' | 'published' | readonly string[]

// From this API version on, a query without a perspective sees published documents only.
const PUBLISHED_BY_DEFAULT_FROM = '2025-02-19'

export function parsePerspective(
  value: string | null,
  apiVersion: string | undefined,
): Perspective {
  if (value === null || value === '') {
    if (apiVersion === undefined) return 'raw'
    return apiVersion === 'X' || apiVersion >= PUBLISHED_BY_DEFAULT_FROM ? 'published' : 'raw'
  }
  if (value === 'raw' || value === 'published') return value
  const names = value.startsWith('[') ? jsonStringList(value) : value.split(',')
  // `previewDrafts` is the older name of `drafts`; `published` is always the bottom layer.
  const layers = names
    .map((name) => name.trim())
    .map((name) => (name === 'previewDrafts' ? 'drafts' : name))
    .filter((name) => name !== '' && name !== 'published')
  return layers.length === 0 ? 'published' : layers
}

function jsonStringList(text: string): string[] {
  const parsed: unknown = JSON.parse(text)
  if (!Array.isArray(parsed)) return []
  return parsed.filter((item): item is string => typeof item === 'string')
}

function layerOf(id: string): string | undefined {
  if (isDraftId(id)) return 'drafts'
  if (isVersionId(id)) return id.split('.')[1]
  return undefined
}

/** The documents a query sees under a perspective. */
export function viewDocuments(documents: Iterable<Doc>, perspective: Perspective): Doc[] {
  if (perspective === 'raw') return [...documents]
  if (perspective === 'published') return [...documents].filter((doc) => isPublishedId(doc._id))
  const chosen = new Map<string, {rank: number; doc: Doc}>()
  for (const doc of documents) {
    const layer = layerOf(doc._id)
    const rank = layer === undefined ? perspective.length : perspective.indexOf(layer)
    if (rank === -1) continue
    const publishedId = getPublishedId(doc._id)
    const current = chosen.get(publishedId)
    if (current === undefined || rank < current.rank) chosen.set(publishedId, {rank, doc})
  }
  return [...chosen.entries()].map(([publishedId, {doc}]) =>
    doc._id === publishedId ? doc : {...doc, _id: publishedId, _originalId: doc._id},
  )
}

// Word characters as the text search splits them; `*` is kept in search terms as a wildcard.
const WORD = /[\p{L}\p{N}_]+/gu
const TERM_WORD = /[\p{L}\p{N}_*]+/gu
const TEXT_QUERY_ARGUMENT = String.raw`\(\s*(\$[A-Za-z_]\w*|"(?:[^"\\]|\\.)*")\s*\)`
const MATCH_WHOLE_DOCUMENT = new RegExp(
  String.raw`\[\s*@\s*,\s*_id\s*\]\s*match\s+text::query${TEXT_QUERY_ARGUMENT}`,
  'g',
)
const TEXT_QUERY_CALL = new RegExp(`text::query${TEXT_QUERY_ARGUMENT}`, 'g')

interface SearchTerm {
  negated: boolean
  /** Quoted phrases match as case-insensitive substrings; other terms word by word. */
  phrase: boolean
  text: string
}

function parseSearch(search: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  for (const [raw] of search.matchAll(/[-+]?"[^"]*"|\S+/g)) {
    const negated = raw.startsWith('-')
    const unsigned = raw.replace(/^[-+]/, '')
    const phrase = unsigned.length >= 2 && unsigned.startsWith('"') && unsigned.endsWith('"')
    const text = phrase ? unsigned.slice(1, -1) : unsigned
    if (text !== '') terms.push({negated, phrase, text})
  }
  return terms
}

function wordPattern(word: string): RegExp {
  const escaped = word
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`))
    .join('.*')
  return new RegExp(`^${escaped}$`, 'iu')
}

function collectStrings(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      // Random keys and revisions would make short searches match by accident.
      if (key !== '_key' && key !== '_rev') collectStrings(item, into)
    }
  }
  return into
}

function termMatches(term: SearchTerm, strings: readonly string[], words: readonly string[]) {
  if (term.phrase) {
    const needle = term.text.toLowerCase()
    return strings.some((text) => text.toLowerCase().includes(needle))
  }
  const parts = term.text.match(TERM_WORD) ?? []
  return parts.every((part) => {
    const pattern = wordPattern(part)
    return words.some((word) => pattern.test(word))
  })
}

/** Whether a document's text satisfies a `text::query` search: all terms, no negated one. */
export function matchesTextSearch(doc: Doc, search: string): boolean {
  const strings = collectStrings(doc, [])
  const words = strings.flatMap((text) => text.match(WORD) ?? [])
  return parseSearch(search).every((term) => termMatches(term, strings, words) !== term.negated)
}

/** The search as a plain `match` pattern: negated terms and quotes dropped. */
function matchPattern(search: string): string {
  const positive = parseSearch(search)
    .filter((term) => !term.negated)
    .map((term) => term.text)
  return positive.length === 0 ? '*' : positive.join(' ')
}

function searchArgument(argument: string, params: Record<string, unknown>): string {
  const value: unknown = argument.startsWith('$') ? params[argument.slice(1)] : JSON.parse(argument)
  return typeof value === 'string' ? value : ''
}

/**
 * groq-js has no `text::query`. The Studio's search filter `[@, _id] match text::query($q)`
 * becomes an id lookup computed here over the searched documents; any other
 * `x match text::query($q)` (as used in scoring) becomes a plain `match` pattern.
 */
export function rewriteTextQuery(
  query: string,
  params: Record<string, unknown>,
  documents: readonly Doc[],
): {query: string; params: Record<string, unknown>} {
  if (!query.includes('text::query')) return {query, params}
  const rewrittenParams = {...params}
  let counter = 0
  const withIds = query.replace(MATCH_WHOLE_DOCUMENT, (_match, argument: string) => {
    const search = searchArgument(argument, params)
    const name = `__lakeTextIds${counter++}`
    rewrittenParams[name] = documents
      .filter((doc) => matchesTextSearch(doc, search))
      .map((doc) => doc._id)
    return `_id in $${name}`
  })
  const rewritten = withIds.replace(TEXT_QUERY_CALL, (_match, argument: string) => {
    const name = `__lakeTextPattern${counter++}`
    rewrittenParams[name] = matchPattern(searchArgument(argument, params))
    return `$${name}`
  })
  return {query: rewritten, params: rewrittenParams}
}

export interface QueryContext {
  projectId: string
  dataset: string
}

/** Runs a query over the given documents; references resolve among the same documents. */
export async function runQuery(
  documents: readonly Doc[],
  query: string,
  params: Record<string, unknown>,
  context: QueryContext,
): Promise<unknown> {
  const rewritten = rewriteTextQuery(query, params, documents)
  const tree = parse(rewritten.query, {params: rewritten.params})
  const byId = new Map(documents.map((doc) => [doc._id, doc]))
  // Without this, each `->` scans the whole dataset.
  const dereference: DereferenceFunction = ({_ref}) => byId.get(_ref)
  const value = await evaluate(tree, {
    dataset: documents,
    params: rewritten.params,
    dereference,
    sanity: {projectId: context.projectId, dataset: context.dataset},
  })
  return value.get()
}

/** A listen query, compiled once and tested against one document at a time. */
export class DocumentFilter {
  readonly #tree: ExprNode
  readonly #params: Record<string, unknown>

  constructor(query: string, params: Record<string, unknown>) {
    this.#params = params
    this.#tree = parse(query, {params})
  }

  async matches(doc: Doc, dereference: DereferenceFunction): Promise<boolean> {
    const value = await evaluate(this.#tree, {dataset: [doc], params: this.#params, dereference})
    const result: unknown = await value.get()
    return Array.isArray(result) ? result.length > 0 : result !== null && result !== false
  }
}
