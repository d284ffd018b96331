import {ActivityIcon} from '@sanity/icons/Activity'
import {AddIcon} from '@sanity/icons/Add'
import {BookIcon} from '@sanity/icons/Book'
import {DocumentIcon} from '@sanity/icons/Document'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {EarthGlobeIcon} from '@sanity/icons/EarthGlobe'
import {EditIcon} from '@sanity/icons/Edit'
import {EyeClosedIcon} from '@sanity/icons/EyeClosed'
import {PublishIcon} from '@sanity/icons/Publish'
import {
  asyncScheduler,
  distinctUntilChanged,
  map,
  type Observable,
  switchMap,
  throttleTime,
} from 'rxjs'
import type {
  DefaultDocumentNodeResolver,
  DocumentListBuilder,
  ListItemBuilder,
  StructureBuilder,
  StructureContext,
  StructureResolver,
} from 'sanity/structure'
import {MODEL_FAMILY_POST} from '../../schemas/modelFamilyPost.ts'
import {POST} from '../../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {TOPIC_KNOWLEDGE_POST} from '../../schemas/topicKnowledgePost.ts'
import {
  HUGO_MARKDOWN_VIEW_ID,
  HugoMarkdownView,
  type HugoMarkdownViewOptions,
} from './HugoMarkdownView.tsx'

export {HUGO_MARKDOWN_VIEW_ID}

import {
  idsParam,
  POST_LISTS,
  POST_STATUS_QUERY,
  type PostListId,
  type PostStatus,
  postListIds,
} from './helpers/postLists.ts'
import {StartHere} from './StartHere.tsx'

// Dates keep their writers' offsets: compared as instants, not as text.
const NEWEST_FIRST = [{field: 'date', direction: 'desc' as const, mapWith: 'dateTime'}]

// The API version the list queries are written for.
const API_VERSION = '2025-02-19'

/** The document types the exporter writes to the blog: each gets its lists and the Hugo view. */
export const HUGO_POST_TYPES: readonly string[] = [
  SYSTEM_DESIGN_POST,
  MODEL_FAMILY_POST,
  TOPIC_KNOWLEDGE_POST,
  POST,
]

const LIST_ICONS: Record<PostListId, typeof DocumentIcon> = {
  'on-the-blog': EarthGlobeIcon,
  'unpublished-changes': PublishIcon,
  'not-on-the-blog': EditIcon,
  hidden: EyeClosedIcon,
}

/**
 * One list, kept current: the raw documents are read again (at most once a
 * second) when a post of the type changes, and the pane is replaced only when
 * the list's members change.
 */
function livePostList(
  S: StructureBuilder,
  context: StructureContext,
  type: string,
  list: {id: PostListId; title: string},
): Observable<DocumentListBuilder> {
  const client = context.getClient({apiVersion: API_VERSION})
  const params = {type}
  return client
    .listen('*[_type == $type]', params, {
      events: ['welcome', 'mutation'],
      includeResult: false,
      visibility: 'query',
    })
    .pipe(
      throttleTime(1000, asyncScheduler, {leading: true, trailing: true}),
      switchMap(() =>
        client.observable.fetch<PostStatus>(POST_STATUS_QUERY, params, {perspective: 'raw'}),
      ),
      map((status) => postListIds(status)[list.id]),
      distinctUntilChanged((a, b) => a.join('\n') === b.join('\n')),
      map((ids) =>
        S.documentList()
          .id(list.id)
          .title(list.title)
          .schemaType(type)
          .apiVersion(API_VERSION)
          .filter('_type == $type && _id in $ids')
          .params({type, ids: idsParam(ids)})
          .defaultOrdering(NEWEST_FIRST),
      ),
    )
}

/**
 * A post type's lists, named by what a reader of the blog sees: what is on the
 * blog, what is on it with changes still to publish, what is not on it yet,
 * what is hidden there as a Hugo draft, and everything.
 */
function postsListItem(
  S: StructureBuilder,
  type: string,
  titles: {id: string; title: string; all: string; icon: typeof DocumentIcon},
): ListItemBuilder {
  return S.listItem()
    .id(titles.id)
    .title(titles.title)
    .icon(titles.icon)
    .schemaType(type)
    .child(
      S.list()
        .id(titles.id)
        .title(titles.title)
        .items([
          ...POST_LISTS.map((list) =>
            S.listItem()
              .id(list.id)
              .title(list.title)
              .icon(LIST_ICONS[list.id])
              .child((_id, {structureContext}) => livePostList(S, structureContext, type, list)),
          ),
          S.divider(),
          S.documentTypeListItem(type)
            .id('all')
            .title(titles.all)
            .child(
              S.documentTypeList(type).id('all').title(titles.all).defaultOrdering(NEWEST_FIRST),
            ),
        ]),
    )
}

/** "System design posts": the lists of posts written from the archetype. */
export function systemDesignPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, SYSTEM_DESIGN_POST, {
    id: 'system-design-posts',
    title: 'System design posts',
    all: 'All system design posts',
    icon: DocumentTextIcon,
  })
}

/** "Model family posts": the same lists. */
export function modelFamilyPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, MODEL_FAMILY_POST, {
    id: 'model-family-posts',
    title: 'Model family posts',
    all: 'All model family posts',
    icon: ActivityIcon,
  })
}

/** "Topic knowledge posts": the same lists. */
export function topicKnowledgePostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, TOPIC_KNOWLEDGE_POST, {
    id: 'topic-knowledge-posts',
    title: 'Topic knowledge posts',
    all: 'All topic knowledge posts',
    icon: BookIcon,
  })
}

/** "Free-form posts", the generic posts written freely: the same lists. */
export function genericPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, POST, {
    id: 'posts',
    title: 'Free-form posts',
    all: 'All free-form posts',
    icon: DocumentIcon,
  })
}

/** "Write a new post": which kind of post to start, with a button for each. */
export function startHereListItem(S: StructureBuilder): ListItemBuilder {
  return S.listItem()
    .id('write')
    .title('Write a new post')
    .icon(AddIcon)
    .child(S.component(StartHere).id('write').title('Write a new post'))
}

/** The choice of post first, then the posts; other document types keep their default lists. */
export const hugoBlogStructure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      startHereListItem(S),
      S.divider(),
      systemDesignPostsListItem(S),
      modelFamilyPostsListItem(S),
      topicKnowledgePostsListItem(S),
      genericPostsListItem(S),
      ...S.documentTypeListItems().filter((item) => !HUGO_POST_TYPES.includes(item.getId() ?? '')),
    ])

/** The form, and the file the exporter would write for the post as it stands. */
export function hugoBlogDefaultDocumentNode(
  options: HugoMarkdownViewOptions,
): DefaultDocumentNodeResolver {
  return (S, {schemaType}) => {
    if (!HUGO_POST_TYPES.includes(schemaType)) return S.document()
    return S.document().views([
      S.view.form(),
      S.view
        .component(HugoMarkdownView)
        .options(options)
        .title('Hugo markdown')
        .id(HUGO_MARKDOWN_VIEW_ID),
    ])
  }
}
