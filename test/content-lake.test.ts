import http2 from 'node:http2'
import type {TLSSocket} from 'node:tls'
import {ClientError, createClient, type SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {
  type ContentLake,
  type ContentLakeOptions,
  mendozaDiff,
  startContentLake,
} from './support/content-lake.ts'

const NOW = '2026-11-01T12:00:00.000Z'
const API = '/v2025-02-19'

function seed() {
  return [
    {
      _id: 'post-1',
      _type: 'post',
      _rev: 'rev-post-1',
      _createdAt: '2026-01-01T00:00:00.000Z',
      _updatedAt: '2026-01-02T00:00:00.000Z',
      title: 'Caching at the edge',
      tags: ['cdn'],
      author: {_type: 'reference', _ref: 'author-1'},
    },
    {_id: 'post-2', _type: 'post', _rev: 'rev-post-2', title: 'Sharding basics'},
    {_id: 'drafts.post-2', _type: 'post', _rev: 'rev-draft-2', title: 'Sharding, revised'},
    {_id: 'drafts.post-3', _type: 'post', _rev: 'rev-draft-3', title: 'Queues in practice'},
    {_id: 'author-1', _type: 'author', _rev: 'rev-author-1', name: 'Ada Lovelace'},
  ]
}

const lakes: ContentLake[] = []

async function lake(options: Partial<ContentLakeOptions> = {}): Promise<ContentLake> {
  const started = await startContentLake({documents: seed(), now: () => new Date(NOW), ...options})
  lakes.push(started)
  return started
}

afterAll(async () => {
  await Promise.all(lakes.map((started) => started.close()))
})

function client(target: ContentLake, config: {token?: string; perspective?: 'raw'} = {}) {
  return createClient({
    projectId: target.projectId,
    dataset: target.dataset,
    apiHost: target.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    perspective: 'published',
    retryDelay: () => 10,
    ...config,
  })
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (error) {
    if (error instanceof ClientError) return error.statusCode
    throw error
  }
  throw new Error('Expected the request to fail')
}

describe('queries', () => {
  let target: ContentLake
  let sanity: SanityClient

  beforeAll(async () => {
    target = await lake()
    sanity = client(target)
  })

  it('runs GROQ with params and resolves references, sent as the client sends it', async () => {
    const result = await sanity.fetch(
      '*[_type == $type] | order(_id) {_id, title, "author": author->name}',
      {type: 'post'},
    )
    expect(result).toEqual([
      {_id: 'post-1', title: 'Caching at the edge', author: 'Ada Lovelace'},
      {_id: 'post-2', title: 'Sharding basics', author: null},
    ])
    expect(target.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `${API}/data/query/production`,
      query: {$type: '"post"', perspective: 'published'},
    })
  })

  it('lays drafts over published documents under the drafts perspective', async () => {
    const result = await sanity
      .withConfig({perspective: 'drafts'})
      .fetch('*[_type == "post"] | order(_id) {_id, _originalId, title}')
    expect(result).toEqual([
      {_id: 'post-1', _originalId: null, title: 'Caching at the edge'},
      {_id: 'post-2', _originalId: 'drafts.post-2', title: 'Sharding, revised'},
      {_id: 'post-3', _originalId: 'drafts.post-3', title: 'Queues in practice'},
    ])
  })

  it('shows every document under its own id under the raw perspective', async () => {
    const result = await sanity
      .withConfig({perspective: 'raw'})
      .fetch('*[_type == "post"] | order(_id) ._id')
    expect(result).toEqual(['drafts.post-2', 'drafts.post-3', 'post-1', 'post-2'])
  })

  it('answers POSTed queries and leaves the query out when asked to', async () => {
    const response = await fetch(
      `${target.url}${API}/data/query/production?perspective=published&returnQuery=false`,
      {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({query: '*[_id == $id][0].title', params: {id: 'post-2'}}),
      },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toStrictEqual({result: 'Sharding basics', ms: expect.any(Number)})
  })

  it('answers the Studio search filter that groq-js cannot evaluate', async () => {
    const search = (term: string) =>
      sanity.fetch('*[_type == "post" && [@, _id] match text::query($__query)] | order(_id)._id', {
        __query: term,
      })
    expect(await search('shard*')).toEqual(['post-2'])
    expect(await search('edge')).toEqual(['post-1'])
    expect(await search('*')).toEqual(['post-1', 'post-2'])
    expect(await search('basics -sharding')).toEqual([])
  })

  it('reports GROQ syntax errors as the API does', async () => {
    const error = await sanity.fetch('*[_type == ').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ClientError)
    expect((error as ClientError).statusCode).toBe(400)
  })

  it('returns documents by id with the missing ones listed as omitted', async () => {
    const response = await fetch(`${target.url}${API}/data/doc/production/post-2,nope`)
    expect(await response.json()).toEqual({
      documents: [{_id: 'post-2', _type: 'post', _rev: 'rev-post-2', title: 'Sharding basics'}],
      omitted: [{id: 'nope', reason: 'existence'}],
    })
  })

  it('answers the Studio bootstrap endpoints with the shapes it needs', async () => {
    const get = async (path: string) => (await fetch(`${target.url}${path}`)).json()
    expect(await get('/v2025-02-19/users/me')).toMatchObject({role: 'administrator'})
    expect(await get('/v1/projects/placeholder/datasets/production/acl')).toEqual([
      {filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create']},
    ])
    expect(await get('/v1/projects/placeholder/user-applications')).toEqual([])
    expect(await get('/v1/projects/placeholder')).toMatchObject({id: 'placeholder'})
    expect(await get('/v1/anything/else')).toEqual({})
    expect(await get('/v2021-06-07/users/p-lake-admin,p-someone-else')).toEqual([
      {id: 'p-lake-admin', displayName: 'Lake Administrator', imageUrl: null},
    ])
  })

  it('keeps per-user settings, read back as key-value pairs', async () => {
    const put = await fetch(`${target.url}${API}/users/me/keyvalue`, {
      method: 'PUT',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify([{key: 'studio.layout', value: {wide: true}}]),
    })
    expect(await put.json()).toEqual([{key: 'studio.layout', value: {wide: true}}])
    const read = await fetch(`${target.url}${API}/users/me/keyvalue/studio.layout,studio.other`)
    expect(await read.json()).toEqual([
      {key: 'studio.layout', value: {wide: true}},
      {key: 'studio.other', value: null},
    ])
  })

  it('allows cross-origin requests with credentials and answers preflights', async () => {
    const response = await fetch(`${target.url}${API}/users/me`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3333',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-sanity-app',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-headers')).toBe('x-sanity-app')
  })
})

describe('edits and listeners', () => {
  it('turns the first edit of a published document into a draft copy and notifies listeners', async () => {
    const target = await lake()
    const sanity = client(target)
    const events: Record<string, unknown>[] = []
    const authorEvents: unknown[] = []
    const draftEvents: Record<string, unknown>[] = []
    const subscription = sanity
      .listen(
        '*[_id in $ids]',
        {ids: ['post-1', 'drafts.post-1']},
        {
          events: ['welcome', 'mutation'],
          includeResult: false,
          effectFormat: 'mendoza',
        },
      )
      .subscribe((event) => events.push(event as unknown as Record<string, unknown>))
    const authorSubscription = sanity
      .listen('*[_type == "author"]', {}, {events: ['mutation'], includeResult: false})
      .subscribe((event) => authorEvents.push(event))
    const draftSubscription = sanity
      .listen('*[_id in path("drafts.**")]', {}, {events: ['mutation'], includeResult: false})
      .subscribe((event) => draftEvents.push(event as unknown as Record<string, unknown>))
    try {
      await waitFor(() => events.length === 1, 'welcome')
      expect(events[0]).toMatchObject({type: 'welcome'})

      const guard = await sanity.action(
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.post-1',
          publishedId: 'post-1',
          patch: {unset: ['_empty_action_guard_pseudo_field_']},
        },
        {transactionId: 'tx-guard'},
      )
      expect(guard).toEqual({transactionId: 'tx-guard'})
      const published = target.documents.get('post-1')
      const {_rev: _publishedRev, ...publishedFields} = published ?? {_id: '', _type: ''}
      const draft = {...publishedFields, _id: 'drafts.post-1', _updatedAt: NOW}
      expect(target.documents.get('drafts.post-1')).toEqual({...draft, _rev: 'tx-guard'})

      await waitFor(() => events.length === 2, 'the guard event')
      expect(events[1]).toStrictEqual({
        type: 'mutation',
        eventId: 'tx-guard#drafts.post-1',
        documentId: 'drafts.post-1',
        transactionId: 'tx-guard',
        transition: 'appear',
        identity: 'p-lake-admin',
        resultRev: 'tx-guard',
        timestamp: NOW,
        visibility: 'query',
        mutations: [{createOrReplace: {...draft, _rev: 'tx-guard'}}],
        effects: {apply: [0, draft], revert: [0, null]},
        transactionTotalEvents: 1,
        transactionCurrentEvent: 1,
      })

      await sanity.action(
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.post-1',
          publishedId: 'post-1',
          patch: {
            set: {title: 'Caching at the edge, revised'},
            insert: {after: 'tags[-1]', items: ['latency']},
          },
        },
        {transactionId: 'tx-set'},
      )
      const edited = {...draft, title: 'Caching at the edge, revised', tags: ['cdn', 'latency']}
      expect(target.documents.get('drafts.post-1')).toEqual({...edited, _rev: 'tx-set'})
      await waitFor(() => events.length === 3, 'the edit event')
      const update = events[2]
      expect(update).toMatchObject({
        documentId: 'drafts.post-1',
        transition: 'update',
        previousRev: 'tx-guard',
        resultRev: 'tx-set',
        mutations: [{createOrReplace: {...edited, _rev: 'tx-set'}}],
      })
      const {effects} = update as {effects: {apply: unknown[]; revert: unknown[]}}
      expect(applyPatch(draft, effects.apply)).toEqual(edited)
      expect(applyPatch(edited, effects.revert)).toEqual(draft)

      await sanity.action(
        {
          actionType: 'sanity.action.document.publish',
          draftId: 'drafts.post-1',
          publishedId: 'post-1',
        },
        {transactionId: 'tx-publish'},
      )
      expect(target.documents.has('drafts.post-1')).toBe(false)
      expect(target.documents.get('post-1')).toEqual({...edited, _id: 'post-1', _rev: 'tx-publish'})
      await waitFor(() => events.length === 5, 'the publish events')
      expect(events.slice(3)).toMatchObject([
        {
          documentId: 'post-1',
          transition: 'update',
          previousRev: 'rev-post-1',
          resultRev: 'tx-publish',
          transactionTotalEvents: 2,
          transactionCurrentEvent: 1,
        },
        {
          documentId: 'drafts.post-1',
          transition: 'disappear',
          previousRev: 'tx-set',
          resultRev: 'tx-publish',
          mutations: [{delete: {id: 'drafts.post-1'}}],
          effects: {apply: [0, null], revert: [0, edited]},
          transactionTotalEvents: 2,
          transactionCurrentEvent: 2,
        },
      ])
      // Counts are per listener: the Studio waits for that many events of a transaction.
      await waitFor(() => draftEvents.length === 3, 'the draft-only events')
      expect(draftEvents[2]).toMatchObject({
        documentId: 'drafts.post-1',
        transactionId: 'tx-publish',
        transactionTotalEvents: 1,
        transactionCurrentEvent: 1,
      })
      expect(authorEvents).toEqual([])
    } finally {
      subscription.unsubscribe()
      authorSubscription.unsubscribe()
      draftSubscription.unsubscribe()
    }
  })

  it('creates drafts through the Actions API and refuses to create one twice', async () => {
    const target = await lake()
    const sanity = client(target)
    const create = {
      actionType: 'sanity.action.document.create' as const,
      publishedId: 'post-9',
      attributes: {_id: 'drafts.post-9', _type: 'post', title: 'New post'},
      ifExists: 'fail' as const,
    }
    await sanity.action(create, {transactionId: 'tx-create'})
    expect(target.documents.get('drafts.post-9')).toEqual({
      _id: 'drafts.post-9',
      _type: 'post',
      title: 'New post',
      _createdAt: NOW,
      _updatedAt: NOW,
      _rev: 'tx-create',
    })
    expect(await statusOf(sanity.action(create))).toBe(409)
  })

  it('applies classic mutations and returns the stored documents', async () => {
    const target = await lake()
    const sanity = client(target)
    const patched = await sanity.patch('post-2').set({title: 'Sharding in depth'}).commit()
    expect(patched).toEqual({
      _id: 'post-2',
      _type: 'post',
      _rev: 'lake-tx-1',
      title: 'Sharding in depth',
      _createdAt: NOW,
      _updatedAt: NOW,
    })
    const transactionId = await target.mutate([{delete: {id: 'author-1'}}])
    expect(transactionId).toBe('lake-tx-2')
    expect(target.documents.has('author-1')).toBe(false)
  })

  it('produces mendoza patches that apply in both directions', () => {
    const left = {_id: 'a', _type: 'post', title: 'Old', gone: true, same: [1, 2]}
    const right = {_id: 'a', _type: 'post', title: 'New', same: [1, 2], added: {x: 1}}
    const patch = mendozaDiff(left, right)
    // Keys of `left` sorted: _id, _type, gone, same, title; `gone` is index 2.
    expect(patch).toEqual([1, 19, 2, 17, 'New', 'title', 17, {x: 1}, 'added'])
    expect(applyPatch(left, patch)).toEqual(right)
    expect(applyPatch(right, mendozaDiff(right, left))).toEqual(left)
  })
})

describe('fault injection and auth', () => {
  it('answers 503 with Retry-After on the first attempt, then succeeds', async () => {
    const target = await lake({
      fault: ({path, attempt}) =>
        path.endsWith('/data/query/production') && attempt === 1
          ? {status: 503, headers: {'retry-after': '1'}}
          : undefined,
    })
    const url = `${target.url}${API}/data/query/production?query=count(*)&perspective=raw`
    const first = await fetch(url)
    expect(first.status).toBe(503)
    expect(first.headers.get('retry-after')).toBe('1')
    expect(await first.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Injected fault',
    })
    const second = await fetch(url)
    expect(second.status).toBe(200)
    expect(await second.json()).toMatchObject({result: 5})

    // A different query string counts attempts separately, so the client meets the 503 too.
    expect(await client(target).fetch('count(*[_type == "post"])')).toBe(2)
    const attempts = target.requests.filter(
      ({query: {query}}) => query === 'count(*[_type == "post"])',
    )
    expect(attempts).toHaveLength(2)
  })

  it('can leave a request unanswered', async () => {
    const target = await lake({
      fault: ({path}) => (path.endsWith('/users/me') ? {hang: true} : undefined),
    })
    const error = await fetch(`${target.url}${API}/users/me`, {
      signal: AbortSignal.timeout(200),
    }).catch((caught: unknown) => caught)
    expect((error as Error).name).toBe('TimeoutError')
    expect(target.requests.map((request) => request.path)).toEqual([`${API}/users/me`])
  })

  it('can cut a body in half, ending cleanly or dropping the connection', async () => {
    const target = await lake({
      fault: ({search}) =>
        search === '?cut=clean'
          ? {truncate: true}
          : search === '?cut=abort'
            ? {truncate: true, abort: true}
            : undefined,
    })
    const whole = JSON.stringify({documents: [seed()[1]], omitted: []})
    const clean = await fetch(`${target.url}${API}/data/doc/production/post-2?cut=clean`)
    const text = await clean.text()
    expect(clean.status).toBe(200)
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)))
    expect(() => JSON.parse(text)).toThrow(SyntaxError)

    const aborted = fetch(`${target.url}${API}/data/doc/production/post-2?cut=abort`).then(
      (response) => response.text(),
    )
    await expect(aborted).rejects.toThrow(TypeError)
  })

  it('rejects requests without the expected bearer token', async () => {
    const target = await lake({token: 'right-token'})
    expect(await statusOf(client(target, {token: 'wrong-token'}).fetch('1'))).toBe(401)
    expect(await statusOf(client(target).fetch('1'))).toBe(401)
    expect(await client(target, {token: 'right-token'}).fetch('1')).toBe(1)
    expect(target.requests.map(({headers: {authorization}}) => authorization)).toEqual([
      'Bearer wrong-token',
      undefined,
      'Bearer right-token',
    ])
  })
})

describe('HTTP/2 over TLS', () => {
  it('answers HTTP/2 requests and event streams with a certificate for *.localhost', async () => {
    const target = await lake({tls: true})
    expect(target.url).toBe(`https://localhost:${target.port}`)
    const session = http2.connect(target.url, {rejectUnauthorized: false})
    try {
      const read = (path: string, until: (text: string) => boolean) =>
        new Promise<{status: unknown; text: string}>((resolve, reject) => {
          const stream = session.request({':path': path})
          let status: unknown
          let text = ''
          stream.setEncoding('utf8')
          stream.on('response', (headers) => {
            status = headers[':status']
          })
          stream.on('data', (chunk: string) => {
            text += chunk
            if (until(text)) {
              stream.close()
              resolve({status, text})
            }
          })
          stream.on('end', () => resolve({status, text}))
          stream.on('error', reject)
        })
      const me = await read(`${API}/users/me`, () => false)
      expect(me.status).toBe(200)
      expect(JSON.parse(me.text)).toEqual({
        id: 'p-lake-admin',
        name: 'Lake Administrator',
        email: 'admin@localhost',
        profileImage: null,
        provider: 'sanity',
        role: 'administrator',
        roles: [{name: 'administrator', title: 'Administrator'}],
      })
      expect(target.requests.at(-1)?.httpVersion).toBe('2.0')

      const listen = await read(`${API}/data/listen/production?query=*`, (text) =>
        text.endsWith('\n\n'),
      )
      expect(listen.text).toBe('event: welcome\ndata: {"listenerName":"lake-listener-1"}\n\n')

      const certificate = (session.socket as TLSSocket).getPeerCertificate()
      expect(certificate.subjectaltname).toBe(
        'DNS:localhost, DNS:*.localhost, IP Address:127.0.0.1',
      )
    } finally {
      session.close()
    }
  })
})
