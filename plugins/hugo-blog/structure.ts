import {ActivityIcon} from '@sanity/icons/Activity'
import {BookIcon} from '@sanity/icons/Book'
import {DocumentIcon} from '@sanity/icons/Document'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {EditIcon} from '@sanity/icons/Edit'
import {PublishIcon} from '@sanity/icons/Publish'
import type {
  DefaultDocumentNodeResolver,
  ListItemBuilder,
  StructureBuilder,
  StructureResolver,
} from 'sanity/structure'
import type {SiteConfig} from '../../converter/config.ts'
import {MODEL_FAMILY_POST} from '../../schemas/modelFamilyPost.ts'
import {POST} from '../../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {TOPIC_KNOWLEDGE_POST} from '../../schemas/topicKnowledgePost.ts'
import {HugoMarkdownView, type HugoMarkdownViewOptions} from './HugoMarkdownView.tsx'

export const HUGO_MARKDOWN_VIEW_ID = 'hugo-markdown'

// Dates keep their writers' offsets: compared as instants, not as text.
const NEWEST_FIRST = [{field: 'date', direction: 'desc' as const, mapWith: 'dateTime'}]

// The Studio queries lists through the drafts perspective, which reports a draft
// under its published id and keeps the draft id in `_originalId`; checking
// both keeps the lists right under the raw perspective too. `defined()` keeps the
// expression a boolean where `_originalId` is missing, so that `!` can negate it.
const HAS_DRAFT =
  '(_id in path("drafts.**") || (defined(_originalId) && _originalId in path("drafts.**")))'

// The API version the list filters are written for.
const API_VERSION = '2025-02-19'

/** The document types the exporter writes to the blog: each gets its lists and the Hugo view. */
export const HUGO_POST_TYPES: readonly string[] = [
  SYSTEM_DESIGN_POST,
  MODEL_FAMILY_POST,
  TOPIC_KNOWLEDGE_POST,
  POST,
]

/**
 * A post type's lists: what is being worked on, what is live, and everything.
 * A published post with unpublished edits counts as in progress until those
 * edits are published.
 */
function postsListItem(
  S: StructureBuilder,
  type: string,
  titles: {id: string; title: string; all: string; icon: typeof DocumentIcon},
): ListItemBuilder {
  const params = {type}
  return S.listItem()
    .id(titles.id)
    .title(titles.title)
    .icon(titles.icon)
    .child(
      S.list()
        .id(titles.id)
        .title(titles.title)
        .items([
          S.listItem()
            .id('drafts-in-progress')
            .title('Drafts in progress')
            .icon(EditIcon)
            .child(
              S.documentList()
                .id('drafts-in-progress')
                .title('Drafts in progress')
                .schemaType(type)
                .apiVersion(API_VERSION)
                .filter(`_type == $type && ${HAS_DRAFT}`)
                .params(params)
                .defaultOrdering(NEWEST_FIRST),
            ),
          S.listItem()
            .id('published')
            .title('Published')
            .icon(PublishIcon)
            .child(
              S.documentList()
                .id('published')
                .title('Published')
                .schemaType(type)
                .apiVersion(API_VERSION)
                .filter(`_type == $type && !${HAS_DRAFT}`)
                .params(params)
                .defaultOrdering(NEWEST_FIRST),
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

/** "System design posts": drafts in progress, published, and all. */
export function systemDesignPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, SYSTEM_DESIGN_POST, {
    id: 'system-design-posts',
    title: 'System design posts',
    all: 'All system design posts',
    icon: DocumentTextIcon,
  })
}

/** "Model family posts": the same three lists. */
export function modelFamilyPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, MODEL_FAMILY_POST, {
    id: 'model-family-posts',
    title: 'Model family posts',
    all: 'All model family posts',
    icon: ActivityIcon,
  })
}

/** "Topic knowledge posts": the same three lists. */
export function topicKnowledgePostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, TOPIC_KNOWLEDGE_POST, {
    id: 'topic-knowledge-posts',
    title: 'Topic knowledge posts',
    all: 'All topic knowledge posts',
    icon: BookIcon,
  })
}

/** "Posts", the generic posts written freely: the same three lists. */
export function genericPostsListItem(S: StructureBuilder): ListItemBuilder {
  return postsListItem(S, POST, {id: 'posts', title: 'Posts', all: 'All posts', icon: DocumentIcon})
}

/** Posts first; any other document types the Studio has keep their default lists. */
export const hugoBlogStructure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      systemDesignPostsListItem(S),
      modelFamilyPostsListItem(S),
      topicKnowledgePostsListItem(S),
      genericPostsListItem(S),
      ...S.documentTypeListItems().filter((item) => !HUGO_POST_TYPES.includes(item.getId() ?? '')),
    ])

/** The form, and the file the exporter would write for the post as it stands. */
export function hugoBlogDefaultDocumentNode(site: SiteConfig): DefaultDocumentNodeResolver {
  const options: HugoMarkdownViewOptions = {site}
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
