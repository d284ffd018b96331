import type {SanityDocumentLike} from '@sanity/types'

/** A stored document. Every document in the store has a `_rev`. */
export interface Doc {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [attribute: string]: unknown
}

/** What a fault hook sees of a request. */
export interface FaultRequest {
  method: string
  /** Path without the query string, as sent (including any `/v<version>` prefix). */
  path: string
  /** Query string including the leading `?`, or `''`. */
  search: string
  /** 1 for the first request to this path and query string, 2 for the second, and so on. */
  attempt: number
  headers: Record<string, string>
}

/**
 * A failure to inject instead of the normal answer.
 * - `status`: answer with this status, optional headers (e.g. `Retry-After`) and body
 *   (a string is sent as is, anything else as JSON; a default error body otherwise).
 * - `hang`: never answer; the connection stays open until the client gives up or the
 *   server closes.
 * - `truncate`: send the first half of the normal answer's body. By default the body
 *   then ends cleanly (the client sees malformed JSON); with `abort` the full length is
 *   announced and the connection is cut (the client sees a network error).
 */
export type Fault =
  | {status: number; headers?: Record<string, string>; body?: unknown}
  | {hang: true}
  | {truncate: true; abort?: boolean}

export interface ContentLakeOptions {
  /** Initial dataset: published documents and `drafts.`/`versions.` documents. */
  documents: readonly SanityDocumentLike[]
  /** Default `placeholder`. */
  projectId?: string
  /** Default `production`. */
  dataset?: string
  /**
   * `true`: HTTP/2 over TLS (HTTP/1.1 still accepted) with a self-signed certificate, which
   * a Studio in Chromium needs to edit; `false` (default): plain HTTP/1.1.
   */
  tls?: boolean
  /** When set, requests without `Authorization: Bearer <token>` are answered 401. */
  token?: string
  /** Called for every request except CORS preflights; return a fault to inject it. */
  fault?: (request: FaultRequest) => Fault | undefined
  /** Port to listen on; default 0 picks a free one. */
  port?: number
  /** Clock for `_updatedAt`, `_createdAt` and event timestamps; default the real clock. */
  now?: () => Date
  /** Interval between keep-alive comments on listen streams; default 15 000 ms. */
  keepAliveMs?: number
}

export interface RecordedRequest {
  method: string
  /** Path without the query string, as sent. */
  path: string
  /** Query string parameters; a repeated name keeps its last value. */
  query: Record<string, string>
  /** Request headers with lower-case names; repeated headers are joined with `, `. */
  headers: Record<string, string>
  /** Request body as text, `''` when there is none. */
  body: string
  /** `'1.1'` or `'2.0'`. */
  httpVersion: string
}

/** A mutation in the `/data/mutate` format. */
export interface MutationInput {
  create?: Record<string, unknown>
  createOrReplace?: Record<string, unknown>
  createIfNotExists?: Record<string, unknown>
  delete?: {id?: string; query?: string; params?: Record<string, unknown>}
  patch?: {id?: string; query?: string; params?: Record<string, unknown>; [op: string]: unknown}
}

export interface ContentLake {
  /** Base URL to use as `apiHost`: `http://127.0.0.1:<port>` or `https://localhost:<port>`. */
  url: string
  port: number
  projectId: string
  dataset: string
  /** Live documents by id; read it to assert on the stored state. */
  documents: Map<string, Doc>
  /** Every request received, in order, including rejected and faulted ones. */
  requests: RecordedRequest[]
  /**
   * Applies mutations as if another client had sent them (bumping `_rev` and notifying
   * listeners); resolves with the transaction id.
   */
  mutate(mutations: readonly MutationInput[], options?: {transactionId?: string}): Promise<string>
  /** Ends listen streams, drops open connections (including hung ones) and stops the server. */
  close(): Promise<void>
}
