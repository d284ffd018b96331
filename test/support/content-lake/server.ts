import http from 'node:http'
import http2 from 'node:http2'
import type {AddressInfo, Server, Socket} from 'node:net'
import {performance} from 'node:perf_hooks'
import {GroqSyntaxError} from 'groq-js'
import {selfSignedCertificate} from '../tls.ts'
import {parsePerspective, runQuery, viewDocuments} from './groq.ts'
import {type EventSink, ListenerHub, type ListenOptions, listenOptions} from './listen.ts'
import {applyAction, applyMutation, DocumentStore, LakeError, type MutationResult} from './store.ts'
import type {
  ContentLake,
  ContentLakeOptions,
  Fault,
  MutationInput,
  RecordedRequest,
} from './types.ts'

const DEFAULT_PROJECT_ID = 'placeholder'
const DEFAULT_DATASET = 'production'
const DEFAULT_KEEP_ALIVE_MS = 15_000
const HOST = '127.0.0.1'

const ADMIN_ROLE = {name: 'administrator', title: 'Administrator'}
const ADMIN = {
  id: 'p-lake-admin',
  name: 'Lake Administrator',
  email: 'admin@localhost',
  profileImage: null,
  provider: 'sanity',
  role: 'administrator',
  roles: [ADMIN_ROLE],
}

type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest
type AnyResponse = http.ServerResponse | http2.Http2ServerResponse

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

interface StreamAnswer {
  listen: ListenOptions
}

function json(status: number, value: unknown): Answer {
  return {
    status,
    headers: {'content-type': 'application/json; charset=utf-8'},
    body: JSON.stringify(value),
  }
}

function errorAnswer(error: unknown): Answer {
  if (error instanceof LakeError) return json(error.status, error.body)
  const description = error instanceof Error ? error.message : String(error)
  return json(500, {error: {type: 'internalError', description}})
}

/** One response, whichever protocol it came in on. */
class Reply {
  readonly #res: AnyResponse
  #closed = false

  constructor(res: AnyResponse) {
    this.#res = res
    res.once('close', () => {
      this.#closed = true
    })
  }

  onClose(listener: () => void): void {
    this.#res.once('close', listener)
  }

  head(status: number, headers: Record<string, string>): void {
    const res = this.#res
    if (res instanceof http2.Http2ServerResponse) res.writeHead(status, headers)
    else res.writeHead(status, headers)
    // Headers go out at once so an event stream opens before its first event.
    if (!(res instanceof http2.Http2ServerResponse)) res.flushHeaders()
  }

  write(text: string | Buffer, done?: () => void): void {
    if (this.#closed) return
    const res = this.#res
    const callback = done ?? (() => undefined)
    if (res instanceof http2.Http2ServerResponse) res.write(text, callback)
    else res.write(text, callback)
  }

  end(text = ''): void {
    if (this.#closed) return
    const res = this.#res
    if (res instanceof http2.Http2ServerResponse) res.end(text)
    else res.end(text)
  }

  /** Cuts the connection (HTTP/1.1) or resets the stream (HTTP/2) mid-response. */
  abort(): void {
    const res = this.#res
    if (res instanceof http2.Http2ServerResponse) {
      res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR)
    } else {
      res.destroy()
    }
  }

  send(answer: Answer): void {
    const res = this.#res
    const headers = {...answer.headers, 'content-length': String(Buffer.byteLength(answer.body))}
    if (res instanceof http2.Http2ServerResponse) res.writeHead(answer.status, headers)
    else res.writeHead(answer.status, headers)
    this.end(answer.body)
  }
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return headers[name]
}

function flattenHeaders(headers: AnyRequest['headers']): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

async function readBody(req: AnyRequest): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks).toString('utf8')
}

function corsHeaders(headers: Record<string, string>): Record<string, string> {
  const origin = header(headers, 'origin')
  // The Studio is served from another origin and sends cookies, so `*` is not enough.
  return origin === undefined
    ? {'access-control-allow-origin': '*'}
    : {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      }
}

function preflightHeaders(headers: Record<string, string>): Record<string, string> {
  return {
    'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers':
      header(headers, 'access-control-request-headers') ?? 'authorization, content-type',
    'access-control-max-age': '600',
    ...(header(headers, 'access-control-request-private-network') === 'true'
      ? {'access-control-allow-private-network': 'true'}
      : {}),
  }
}

function faultAnswer(fault: {status: number; headers?: Record<string, string>; body?: unknown}) {
  const body =
    fault.body === undefined
      ? {
          statusCode: fault.status,
          error: http.STATUS_CODES[fault.status] ?? 'Error',
          message: 'Injected fault',
        }
      : fault.body
  const answer =
    typeof body === 'string' ? {...json(fault.status, ''), body} : json(fault.status, body)
  return {...answer, headers: {...answer.headers, ...fault.headers}}
}

// Every field is optional and unknown: the body is checked before each use.
interface QueryBody {
  query?: unknown
  params?: unknown
}

interface MutateBody {
  mutations?: unknown
  transactionId?: unknown
}

interface ActionsBody {
  actions?: unknown
  transactionId?: unknown
  dryRun?: unknown
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new LakeError(400, 'invalidJson', 'Request body is not valid JSON')
  }
}

function parseJsonBody<T extends object>(body: string): T {
  const parsed = parseJson(body)
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new LakeError(400, 'validationError', 'Request body must be a JSON object')
  }
  return parsed as T
}

function urlParams(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, value] of search) {
    if (!name.startsWith('$')) continue
    try {
      params[name.slice(1)] = JSON.parse(value)
    } catch {
      throw new LakeError(400, 'validationError', `Parameter "${name}" is not valid JSON`)
    }
  }
  return params
}

const VERSION_PREFIX = /^\/v(\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?|X)(?=\/)/

interface Route {
  method: string
  url: URL
  /** Path segments after any `/v<version>` prefix, URL-decoded. */
  segments: string[]
  apiVersion: string | undefined
  body: string
}

function parseRoute(method: string, url: URL, body: string): Route {
  const match = VERSION_PREFIX.exec(url.pathname)
  const rest = match === null ? url.pathname : url.pathname.slice(match[0].length)
  const segments = rest
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment))
  return {method, url, segments, apiVersion: match?.[1], body}
}

export async function startContentLake(options: ContentLakeOptions): Promise<ContentLake> {
  const projectId = options.projectId ?? DEFAULT_PROJECT_ID
  const dataset = options.dataset ?? DEFAULT_DATASET
  const now = options.now ?? (() => new Date())
  const requests: RecordedRequest[] = []
  const attempts = new Map<string, number>()
  const sockets = new Set<Socket>()
  const userSettings = new Map<string, unknown>()

  const hub: ListenerHub = new ListenerHub({
    keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    identity: ADMIN.id,
    dereference: ({_ref}) => store.documents.get(_ref),
  })
  const store: DocumentStore = new DocumentStore(options.documents, {
    projectId,
    dataset,
    now,
    onCommit: (commit) => hub.broadcast(commit),
  })

  function requireDataset(name: string | undefined): void {
    if (name !== dataset) {
      throw new LakeError(404, 'datasetNotFound', `Dataset "${name ?? ''}" not found`)
    }
  }

  function requireProject(id: string | undefined): void {
    if (id !== projectId) {
      throw new LakeError(404, 'projectNotFound', `Project "${id ?? ''}" not found`)
    }
  }

  async function query(route: Route): Promise<Answer> {
    const search = route.url.searchParams
    let text: unknown
    let params: Record<string, unknown>
    if (route.method === 'POST') {
      const body = parseJsonBody<QueryBody>(route.body)
      text = body.query
      params =
        typeof body.params === 'object' && body.params !== null
          ? (body.params as Record<string, unknown>)
          : {}
    } else {
      text = search.get('query')
      params = urlParams(search)
    }
    if (typeof text !== 'string' || text === '') {
      throw new LakeError(400, 'validationError', 'Missing "query"')
    }
    const perspective = parsePerspective(search.get('perspective'), route.apiVersion)
    const documents = viewDocuments(store.documents.values(), perspective)
    const started = performance.now()
    let result: unknown
    try {
      result = await runQuery(documents, text, params, {projectId, dataset})
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error)
      if (error instanceof GroqSyntaxError) {
        const position = Math.min(error.position, text.length)
        return json(400, {
          error: {
            type: 'queryParseError',
            description,
            query: text,
            start: position,
            end: position,
          },
        })
      }
      return json(400, {error: {type: 'queryError', description}})
    }
    const ms = Math.round(performance.now() - started)
    const returnQuery = search.get('returnQuery') !== 'false'
    return json(200, {...(returnQuery ? {query: text} : {}), result, ms})
  }

  function documentsById(idList: string): Answer {
    const ids = idList.split(',').filter((id) => id !== '')
    const documents = ids.flatMap((id) => {
      const doc = store.documents.get(id)
      return doc === undefined ? [] : [doc]
    })
    const omitted = ids
      .filter((id) => !store.documents.has(id))
      .map((id) => ({id, reason: 'existence'}))
    return json(200, {documents, omitted})
  }

  async function mutate(
    mutations: readonly unknown[],
    transactionId: string,
    dryRun: boolean,
  ): Promise<MutationResult[]> {
    return store.transact(
      transactionId,
      async (staging) => {
        const results: MutationResult[] = []
        for (const mutation of mutations) {
          results.push(...(await applyMutation(store, staging, mutation)))
        }
        return results
      },
      {dryRun},
    )
  }

  function transactionIdOf(id: unknown): string {
    return typeof id === 'string' && id !== '' ? id : store.newTransactionId()
  }

  async function mutateRoute(route: Route): Promise<Answer> {
    const body = parseJsonBody<MutateBody>(route.body)
    const {mutations} = body
    if (!Array.isArray(mutations)) {
      throw new LakeError(400, 'validationError', '"mutations" must be an array')
    }
    const search = route.url.searchParams
    const transactionId = transactionIdOf(body.transactionId)
    const results = await mutate(mutations, transactionId, search.get('dryRun') === 'true')
    const returnDocuments = search.get('returnDocuments') === 'true'
    return json(200, {
      transactionId,
      results: results.map((result) =>
        returnDocuments ? {...result, document: store.documents.get(result.id) ?? null} : result,
      ),
    })
  }

  async function actionsRoute(route: Route): Promise<Answer> {
    const body = parseJsonBody<ActionsBody>(route.body)
    const {actions} = body
    if (!Array.isArray(actions)) {
      throw new LakeError(400, 'validationError', '"actions" must be an array')
    }
    const transactionId = transactionIdOf(body.transactionId)
    await store.transact(
      transactionId,
      (staging) => {
        for (const action of actions) applyAction(staging, action)
      },
      {dryRun: body.dryRun === true},
    )
    return json(200, {transactionId})
  }

  function users(route: Route): Answer {
    const [, who, kind, keys] = route.segments
    if (who === 'me' && kind === undefined) return json(200, ADMIN)
    // The Studio keeps per-user settings here and reads them back as `[{key, value}]`.
    if (who === 'me' && kind === 'keyvalue') {
      if (route.method === 'PUT') {
        const body = parseJson(route.body)
        const pairs = Array.isArray(body) ? body : []
        const stored = pairs.flatMap((pair: unknown) => {
          if (typeof pair !== 'object' || pair === null || !('key' in pair)) return []
          const {key} = pair
          if (typeof key !== 'string') return []
          const value = 'value' in pair ? pair.value : null
          userSettings.set(key, value)
          return [{key, value}]
        })
        return json(200, stored)
      }
      const requested = (keys ?? '').split(',').filter((key) => key !== '')
      return json(
        200,
        requested.map((key) => ({key, value: userSettings.get(key) ?? null})),
      )
    }
    // User lookups by id are batched and answered as an array.
    if (who !== undefined && kind === undefined) {
      const ids = who.split(',')
      return json(
        200,
        ids
          .filter((id) => id === ADMIN.id)
          .map((id) => ({id, displayName: ADMIN.name, imageUrl: null})),
      )
    }
    return json(200, {})
  }

  function history(segments: readonly string[]): Answer {
    const [kind, ids] = segments
    if (kind === 'documents' && ids !== undefined) {
      const documents = ids.split(',').flatMap((id) => {
        const doc = store.documents.get(id)
        return doc === undefined ? [] : [doc]
      })
      return json(200, {documents})
    }
    // No history is kept: an empty transaction log is an empty NDJSON stream.
    if (kind === 'transactions') {
      return {status: 200, headers: {'content-type': 'application/x-ndjson'}, body: ''}
    }
    if (kind === 'events') return json(200, {events: {}, nextCursor: ''})
    return json(200, {})
  }

  async function route(route: Route): Promise<Answer | StreamAnswer> {
    const [first, second, third, fourth, fifth] = route.segments
    if (first === 'users') return users(route)
    if (first === 'features') return json(200, [])
    if (first === 'projects' && second !== undefined) {
      requireProject(second)
      if (third === undefined) {
        return json(200, {
          id: projectId,
          displayName: 'Local Content Lake',
          studioHost: null,
          isBlocked: false,
          isDisabled: false,
          isDisabledByUser: false,
          metadata: {},
          features: [],
          members: [
            {
              id: ADMIN.id,
              role: 'administrator',
              roles: [ADMIN_ROLE],
              isCurrentUser: true,
              isRobot: false,
            },
          ],
        })
      }
      // The Studio iterates these, so they must be arrays rather than the `{}` fallback.
      if (third === 'user-applications' || third === 'features') return json(200, [])
      if (third === 'datasets' && fourth === undefined) {
        return json(200, [{name: dataset, aclMode: 'private'}])
      }
      if (third === 'datasets' && fifth === 'acl') {
        requireDataset(fourth)
        return json(200, [
          {filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create']},
        ])
      }
      return json(200, {})
    }
    if (first !== 'data' || second === undefined) return json(200, {})
    switch (second) {
      case 'doc':
        requireDataset(third)
        return documentsById(fourth ?? '')
      case 'query':
        requireDataset(third)
        return query(route)
      case 'listen':
        requireDataset(third)
        try {
          return {listen: listenOptions(route.url.searchParams)}
        } catch {
          throw new LakeError(400, 'validationError', 'Listen parameters are not valid JSON')
        }
      case 'mutate':
        requireDataset(third)
        return mutateRoute(route)
      case 'actions':
        requireDataset(third)
        return actionsRoute(route)
      case 'history':
        requireDataset(third)
        return history(route.segments.slice(3))
      default:
        return json(200, {})
    }
  }

  function openStream(reply: Reply, cors: Record<string, string>, listen: ListenOptions) {
    reply.head(200, {
      ...cors,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
    })
    const sink: EventSink = {write: (text) => reply.write(text), end: () => reply.end()}
    reply.onClose(hub.add(sink, listen))
  }

  function sendTruncated(reply: Reply, answer: Answer, abort: boolean): void {
    const full = Buffer.from(answer.body)
    const half = full.subarray(0, Math.floor(full.length / 2))
    if (!abort) {
      reply.send({...answer, body: half.toString('utf8')})
      return
    }
    // Announce the whole body, send half, then cut: the client sees a premature close.
    reply.head(answer.status, {...answer.headers, 'content-length': String(full.length)})
    reply.write(half, () => reply.abort())
  }

  async function handle(req: AnyRequest, res: AnyResponse): Promise<void> {
    const reply = new Reply(res)
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://content-lake.invalid')
    const headers = flattenHeaders(req.headers)
    const body = await readBody(req)
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      httpVersion: req.httpVersion,
    })
    const cors = corsHeaders(headers)
    if (method === 'OPTIONS') {
      reply.send({status: 204, headers: {...cors, ...preflightHeaders(headers)}, body: ''})
      return
    }

    const key = `${url.pathname}${url.search}`
    const attempt = (attempts.get(key) ?? 0) + 1
    attempts.set(key, attempt)
    const fault: Fault | undefined = options.fault?.({
      method,
      path: url.pathname,
      search: url.search,
      attempt,
      headers,
    })
    if (fault !== undefined && 'hang' in fault) return
    if (fault !== undefined && 'status' in fault) {
      const answer = faultAnswer(fault)
      reply.send({...answer, headers: {...cors, ...answer.headers}})
      return
    }
    if (
      options.token !== undefined &&
      header(headers, 'authorization') !== `Bearer ${options.token}`
    ) {
      reply.send({
        ...json(401, {statusCode: 401, error: 'Unauthorized', message: 'Missing or invalid token'}),
        headers: {...cors, 'content-type': 'application/json; charset=utf-8'},
      })
      return
    }

    let answer: Answer | StreamAnswer
    try {
      answer = await route(parseRoute(method, url, body))
    } catch (error) {
      answer = errorAnswer(error)
    }
    if ('listen' in answer) {
      if (fault !== undefined && 'truncate' in fault) {
        // A stream has no "whole body" to halve: it ends (or is cut) before its first event.
        reply.head(200, {...cors, 'content-type': 'text/event-stream; charset=utf-8'})
        if (fault.abort === true) reply.abort()
        else reply.end()
        return
      }
      openStream(reply, cors, answer.listen)
      return
    }
    const withCors = {...answer, headers: {...cors, ...answer.headers}}
    if (fault !== undefined && 'truncate' in fault) {
      sendTruncated(reply, withCors, fault.abort === true)
      return
    }
    reply.send(withCors)
  }

  function onRequest(req: AnyRequest, res: AnyResponse): void {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) new Reply(res).send(errorAnswer(error))
    })
  }

  const server: Server = options.tls
    ? http2.createSecureServer({...(await selfSignedCertificate()), allowHTTP1: true}, onRequest)
    : http.createServer(onRequest)
  // Hung requests and open event streams would otherwise keep `close()` waiting for ever.
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const {port} = server.address() as AddressInfo

  let closing: Promise<void> | undefined
  return {
    url: options.tls ? `https://localhost:${port}` : `http://${HOST}:${port}`,
    port,
    projectId,
    dataset,
    documents: store.documents,
    requests,
    async mutate(mutations: readonly MutationInput[], mutateOptions = {}) {
      const transactionId = mutateOptions.transactionId ?? store.newTransactionId()
      await mutate(mutations, transactionId, false)
      return transactionId
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        hub.closeAll()
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        for (const socket of sockets) socket.destroy()
      })
      return closing
    },
  }
}
