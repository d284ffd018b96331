import {firstValueFrom, type Observable, of} from 'rxjs'
import type {ConfigContext, DocumentBadgeComponent, PluginOptions, Source, Template} from 'sanity'
import {
  createStructureBuilder,
  type StructureContext,
  type StructureResolverContext,
} from 'sanity/structure'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {ConfigError, DEFAULT_SITE} from '../../converter/config.ts'
import {POST_STATUS_QUERY, type PostStatus} from '../../plugins/hugo-blog/helpers/postLists.ts'
import {
  HUGO_MARKDOWN_VIEW_ID,
  hugoBlog,
  hugoBlogDefaultDocumentNode,
  hugoBlogStructure,
} from '../../plugins/hugo-blog/index.ts'
import {schemaTypes} from '../../schemas/index.ts'
import {compileStudioSchema} from '../fixtures/schema/studio-schema.ts'

// The resolvers below read nothing from the context; an empty one stands in for the Studio's.
const context = {} as ConfigContext

function templatesOf(plugin: PluginOptions): (previous: Template[]) => Template[] {
  const templates = plugin.schema?.templates
  if (typeof templates !== 'function') throw new Error('The plugin no longer resolves templates')
  return (previous) => templates(previous, context)
}

function badgesOf(
  plugin: PluginOptions,
): (previous: DocumentBadgeComponent[], schemaType: string) => DocumentBadgeComponent[] {
  const badges = plugin.document?.badges
  if (typeof badges !== 'function') throw new Error('The plugin no longer resolves badges')
  return (previous, schemaType) => badges(previous, {...context, schemaType, documentId: 'x'})
}

describe('hugoBlog()', () => {
  const hostZone = process.env['TZ']
  beforeEach(() => {
    vi.useFakeTimers({toFake: ['Date']})
    vi.setSystemTime(new Date('2026-02-03T04:05:06.000Z'))
    // The writer's zone, as the browser would report it.
    process.env['TZ'] = 'Asia/Kolkata'
  })
  afterEach(() => {
    vi.useRealTimers()
    if (hostZone === undefined) delete process.env['TZ']
    else process.env['TZ'] = hostZone
  })

  it('brings the post schema and the inputs and tools it needs', () => {
    const plugin = hugoBlog()
    expect(plugin.name).toBe('hugo-blog')
    expect(plugin.schema?.types).toBe(schemaTypes)
    expect(plugin.plugins?.map((p) => p.name)).toEqual([
      '@sanity/code-input',
      'table',
      'sanity/structure',
    ])
  })

  it('leaves the structure to a Studio that has its own', () => {
    expect(hugoBlog({structureTool: false}).plugins?.map((p) => p.name)).toEqual([
      '@sanity/code-input',
      'table',
    ])
  })

  it("replaces the post types' default templates, keeping other types' templates", () => {
    const other: Template = {id: 'author', title: 'Author', schemaType: 'author', value: {}}
    const generated = (type: string): Template => ({
      id: type,
      title: type,
      schemaType: type,
      value: {},
    })
    const templates = templatesOf(hugoBlog({site: {author: 'Guest'}}))([
      generated('systemDesignPost'),
      other,
      generated('modelFamilyPost'),
      generated('topicKnowledgePost'),
      generated('post'),
    ])
    expect(templates.map((t) => [t.id, t.title, t.schemaType])).toEqual([
      ['author', 'Author', 'author'],
      ['systemDesignPost', 'System design post', 'systemDesignPost'],
      ['modelFamilyPost', 'Model family post', 'modelFamilyPost'],
      ['topicKnowledgePost', 'Topic knowledge post', 'topicKnowledgePost'],
      ['post', 'Post', 'post'],
    ])
    // The new-post menu says what each kind of post is for.
    expect(templates.slice(1).map((t) => t.description)).toEqual([
      'How a system is built: requirements, architecture, components, decisions, scaling and trade-offs.',
      'One model or family of models: architecture, components and their formulas, PyTorch code, training and results.',
      'A tutorial on one topic: concepts, formulas and derivations, worked examples, code and practice problems.',
      'Anything else, written freely with its own headings and published as written.',
    ])
    const values = templates.slice(1).map((template) => {
      const value = template.value
      if (typeof value !== 'function') throw new Error('The template value is not resolved lazily')
      return value({}, context) as Record<string, unknown>
    })
    for (const value of values)
      expect(value).toMatchObject({
        // Now, to the minute, in the writer's zone, which the date keeps.
        date: '2026-02-03T09:35:00+05:30',
        author: 'Guest',
        editPost: {_type: 'editPostSettings', ...DEFAULT_SITE.editPost},
      })
    // Each archetype's tags and categories, and the like-buttons switch, belong to its posts only.
    expect(
      values.map((value) => [value['tags'], value['categories'], value['showLikeButtons']]),
    ).toEqual([
      [
        ['system design', 'architecture', 'distributed systems', 'scalability'],
        ['System Design', 'Engineering'],
        true,
      ],
      [
        ['model', 'architecture', 'deep learning', 'machine learning'],
        ['Model Family', 'Deep Learning'],
        true,
      ],
      [
        ['machine learning', 'deep learning', 'tutorial', 'concepts'],
        ['Knowledge', 'Tutorial'],
        true,
      ],
      [undefined, undefined, undefined],
    ])
  })

  it("adds the section badge to the archetypes' posts only", () => {
    const badges = badgesOf(hugoBlog())
    for (const type of ['systemDesignPost', 'modelFamilyPost', 'topicKnowledgePost']) {
      const [badge, ...others] = badges([], type)
      expect([badge?.name, others]).toEqual(['useSectionCompletenessBadge', []])
    }
    expect(badges([], 'post')).toEqual([])
    expect(badges([], 'author')).toEqual([])
  })

  it('rejects bad site options when the Studio starts, not when a preview opens', () => {
    expect(() => hugoBlog({site: {layout: 'folder' as 'file'}})).toThrow(
      new ConfigError(
        'hugoBlog(): site.layout must be "file" or "bundle", got "folder". Fix it in hugo-export.config.ts or in the options passed to hugoBlog().',
      ),
    )
  })
})

/** What a serialized structure node holds that these tests read. */
interface Node {
  id: string
  title?: string
  child?: {serialize?: () => Node} | Node | ((...args: never[]) => unknown)
  items?: Node[]
  options?: {filter?: string; params?: Record<string, unknown>}
  views?: Node[]
}

describe('the structure', () => {
  // The builder reads only the schema, the new-document options and the
  // translations from the Studio's source; published documents only.
  const source = {
    schema: compileStudioSchema(),
    document: {resolveNewDocumentOptions: () => []},
    i18n: {t: (key: string) => key},
  } as unknown as Source
  const S = createStructureBuilder({
    source,
    defaultDocumentNode: hugoBlogDefaultDocumentNode({site: DEFAULT_SITE}),
    perspectiveStack: [],
  })
  const serialize = (builder: unknown): Node => (builder as {serialize: () => Node}).serialize()
  const child = (node: Node | undefined): Node => {
    const value = node?.child
    if (value === undefined) throw new Error(`${node?.id} has no child`)
    if (typeof value === 'function') throw new Error(`${node?.id} resolves its child lazily`)
    return 'serialize' in value && typeof value.serialize === 'function'
      ? value.serialize()
      : (value as Node)
  }

  /** A client that answers the lists' raw query with `status` and reports one change. */
  function fakeContext(status: PostStatus, seen: {query?: string; perspective?: unknown}) {
    const client = {
      listen: () => of({type: 'welcome'}),
      observable: {
        fetch: (query: string, _params: unknown, options: {perspective?: unknown}) => {
          seen.query = query
          seen.perspective = options.perspective
          return of(status)
        },
      },
    }
    return {getClient: () => client} as unknown as StructureContext
  }

  async function listPane(item: Node, structureContext: StructureContext): Promise<Node> {
    const resolve = item.child
    if (typeof resolve !== 'function') throw new Error(`${item.id} has no child resolver`)
    const pane = await firstValueFrom(
      (
        resolve as (
          id: string,
          options: {structureContext: StructureContext},
        ) => Observable<unknown>
      )(item.id, {structureContext}),
    )
    return serialize(pane)
  }

  it('offers the choice of post first, then the archetypes’ posts and free-form posts', () => {
    const root = serialize(hugoBlogStructure(S, {} as StructureResolverContext))
    expect(root.items?.map((item) => [item.id, item.title])).toEqual([
      ['write', 'Write a new post'],
      [expect.any(String), undefined],
      ['system-design-posts', 'System design posts'],
      ['model-family-posts', 'Model family posts'],
      ['topic-knowledge-posts', 'Topic knowledge posts'],
      ['posts', 'Free-form posts'],
    ])
    expect(child(root.items?.[0]).id).toBe('write')
    const lists = root.items
      ?.slice(2)
      .map((item) =>
        child(item).items?.flatMap((list) => (list.title === undefined ? [] : [list.title])),
      )
    expect(lists).toEqual([
      [
        'On the blog',
        'On the blog, with unpublished changes',
        'Not on the blog yet',
        'Hidden on the blog (Hugo drafts)',
        'All system design posts',
      ],
      [
        'On the blog',
        'On the blog, with unpublished changes',
        'Not on the blog yet',
        'Hidden on the blog (Hugo drafts)',
        'All model family posts',
      ],
      [
        'On the blog',
        'On the blog, with unpublished changes',
        'Not on the blog yet',
        'Hidden on the blog (Hugo drafts)',
        'All topic knowledge posts',
      ],
      [
        'On the blog',
        'On the blog, with unpublished changes',
        'Not on the blog yet',
        'Hidden on the blog (Hugo drafts)',
        'All free-form posts',
      ],
    ])
  })

  it('fills each list from the raw documents, by what readers of the blog see', async () => {
    const root = serialize(hugoBlogStructure(S, {} as StructureResolverContext))
    const items = child(root.items?.[2]).items ?? []
    const status: PostStatus = {
      published: [
        {_id: 'live', hidden: false},
        {_id: 'live-edited', hidden: false},
        {_id: 'hidden', hidden: true},
      ],
      drafts: ['drafts.live-edited', 'drafts.new'],
    }
    const seen: {query?: string; perspective?: unknown} = {}
    const panes = await Promise.all(
      items.slice(0, 4).map((item) => listPane(item, fakeContext(status, seen))),
    )
    expect(panes.map((pane) => [pane.title, pane.options])).toEqual([
      [
        'On the blog',
        {
          filter: '_type == $type && _id in $ids',
          params: {
            type: 'systemDesignPost',
            ids: ['live', 'live-edited', 'drafts.live', 'drafts.live-edited'],
          },
          apiVersion: '2025-02-19',
          defaultOrdering: [{field: 'date', direction: 'desc', mapWith: 'dateTime'}],
        },
      ],
      [
        'On the blog, with unpublished changes',
        expect.objectContaining({
          params: {type: 'systemDesignPost', ids: ['live-edited', 'drafts.live-edited']},
        }),
      ],
      [
        'Not on the blog yet',
        expect.objectContaining({params: {type: 'systemDesignPost', ids: ['new', 'drafts.new']}}),
      ],
      [
        'Hidden on the blog (Hugo drafts)',
        expect.objectContaining({
          params: {type: 'systemDesignPost', ids: ['hidden', 'drafts.hidden']},
        }),
      ],
    ])
    expect(seen).toEqual({query: POST_STATUS_QUERY, perspective: 'raw'})
  })

  it('gives the post types the Hugo markdown view, and other types the form alone', () => {
    const views = (schemaType: string) =>
      serialize(S.defaultDocument({schemaType, documentId: 'x'})).views?.map((view) => view.id)
    expect(views('systemDesignPost')).toEqual(['editor', HUGO_MARKDOWN_VIEW_ID])
    expect(views('modelFamilyPost')).toEqual(['editor', HUGO_MARKDOWN_VIEW_ID])
    expect(views('topicKnowledgePost')).toEqual(['editor', HUGO_MARKDOWN_VIEW_ID])
    expect(views('post')).toEqual(['editor', HUGO_MARKDOWN_VIEW_ID])
    expect(views('author')).toEqual(['editor'])
  })
})
