import type {DereferenceFunction} from 'groq-js'
import {DocumentFilter} from './groq.ts'
import {isVersionId} from './ids.ts'
import {mendozaEffects} from './mendoza.ts'
import type {Change, Commit} from './store.ts'
import type {Doc} from './types.ts'

/** Where a listener's events go: an open `text/event-stream` response. */
export interface EventSink {
  write(text: string): void
  end(): void
}

export interface ListenOptions {
  filter: DocumentFilter | null
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  includeAllVersions: boolean
  visibility: string
}

/** Reads the listen options from a `/data/listen` query string. */
export function listenOptions(search: URLSearchParams): ListenOptions {
  const query = search.get('query') ?? '*'
  const params: Record<string, unknown> = {}
  for (const [name, value] of search) {
    if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value)
  }
  let filter: DocumentFilter | null
  try {
    filter = new DocumentFilter(query, params)
  } catch {
    // A filter groq-js cannot parse (e.g. a function it lacks) matches nothing instead of
    // failing the stream: the Studio treats a failed listener as a fatal error.
    filter = null
  }
  return {
    filter,
    includeResult: search.get('includeResult') === 'true',
    includePreviousRevision: search.get('includePreviousRevision') === 'true',
    includeMutations: search.get('includeMutations') !== 'false',
    includeAllVersions: search.get('includeAllVersions') === 'true',
    visibility: search.get('visibility') ?? 'query',
  }
}

function sse(event: string, data: unknown, id?: string): string {
  const idLine = id === undefined ? '' : `id: ${id}\n`
  return `event: ${event}\n${idLine}data: ${JSON.stringify(data)}\n\n`
}

interface Listener {
  sink: EventSink
  options: ListenOptions
  timer: NodeJS.Timeout
}

export interface HubOptions {
  keepAliveMs: number
  identity: string
  dereference: DereferenceFunction
}

type Transition = 'appear' | 'update' | 'disappear'

export class ListenerHub {
  readonly #listeners = new Set<Listener>()
  readonly #options: HubOptions
  #count = 0

  constructor(options: HubOptions) {
    this.#options = options
  }

  /** Registers a stream and greets it; returns the function that unregisters it. */
  add(sink: EventSink, options: ListenOptions): () => void {
    this.#count += 1
    sink.write(sse('welcome', {listenerName: `lake-listener-${this.#count}`}))
    // A comment line keeps proxies and idle timeouts from closing a quiet stream.
    const timer = setInterval(() => sink.write(': keep-alive\n\n'), this.#options.keepAliveMs)
    timer.unref()
    const listener: Listener = {sink, options, timer}
    this.#listeners.add(listener)
    return () => {
      clearInterval(timer)
      this.#listeners.delete(listener)
    }
  }

  get size(): number {
    return this.#listeners.size
  }

  async #matches(listener: Listener, doc: Doc | null): Promise<boolean> {
    if (doc === null || listener.options.filter === null) return false
    try {
      return await listener.options.filter.matches(doc, this.#options.dereference)
    } catch {
      return false
    }
  }

  async #eventsFor(listener: Listener, commit: Commit): Promise<[Change, Transition][]> {
    const events: [Change, Transition][] = []
    for (const change of commit.changes) {
      if (isVersionId(change.id) && !listener.options.includeAllVersions) continue
      const before = await this.#matches(listener, change.before)
      const after = await this.#matches(listener, change.after)
      if (!before && !after) continue
      events.push([change, before ? (after ? 'update' : 'disappear') : 'appear'])
    }
    return events
  }

  /** Sends each listener one `mutation` event per matching changed document. */
  async broadcast(commit: Commit): Promise<void> {
    for (const listener of this.#listeners) {
      const events = await this.#eventsFor(listener, commit)
      // The Studio buffers a transaction's events until it has `transactionTotalEvents`
      // of them, so the count must be of the events this listener actually receives.
      events.forEach(([change, transition], index) => {
        const eventId = `${commit.transactionId}#${change.id}`
        const data = this.#eventData(listener.options, commit, change, transition, {
          eventId,
          transactionTotalEvents: events.length,
          transactionCurrentEvent: index + 1,
        })
        listener.sink.write(sse('mutation', data, eventId))
      })
    }
  }

  #eventData(
    options: ListenOptions,
    commit: Commit,
    change: Change,
    transition: Transition,
    position: {eventId: string; transactionTotalEvents: number; transactionCurrentEvent: number},
  ): Record<string, unknown> {
    const mutations =
      change.after === null ? [{delete: {id: change.id}}] : [{createOrReplace: change.after}]
    return {
      type: 'mutation',
      eventId: position.eventId,
      documentId: change.id,
      transactionId: commit.transactionId,
      transition,
      identity: this.#options.identity,
      // Listeners check this against the `_rev` they hold; a new document has none.
      ...(change.before === null ? {} : {previousRev: change.before._rev}),
      resultRev: commit.transactionId,
      timestamp: commit.timestamp,
      visibility: options.visibility,
      ...(options.includeMutations ? {mutations} : {}),
      effects: mendozaEffects(change.before, change.after),
      transactionTotalEvents: position.transactionTotalEvents,
      transactionCurrentEvent: position.transactionCurrentEvent,
      ...(options.includeResult ? {result: change.after} : {}),
      ...(options.includePreviousRevision ? {previous: change.before} : {}),
    }
  }

  closeAll(): void {
    for (const listener of this.#listeners) {
      clearInterval(listener.timer)
      listener.sink.end()
    }
    this.#listeners.clear()
  }
}
