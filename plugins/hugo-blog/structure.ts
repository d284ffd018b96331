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
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {HugoMarkdownView, type HugoMarkdownViewOptions} from './HugoMarkdownView.tsx'

export const HUGO_MARKDOWN_VIEW_ID = 'hugo-markdown'

const NEWEST_FIRST = [{field: 'date', direction: 'desc' as const}]

// The Studio queries lists through the drafts perspective, which reports a draft
// under its published id and keeps the draft id in `_originalId`; checking
// both keeps the lists right under the raw perspective too. `defined()` keeps the
// expression a boolean where `_originalId` is missing, so that `!` can negate it.
const HAS_DRAFT =
  '(_id in path("drafts.**") || (defined(_originalId) && _originalId in path("drafts.**")))'

// The API version the list filters are written for.
const API_VERSION = '2025-02-19'

/**
 * "System design posts", with the lists a writer asks for: what is being worked
 * on, what is live, and everything. A published post with unpublished edits
 * counts as in progress until those edits are published.
 */
export function systemDesignPostsListItem(S: StructureBuilder): ListItemBuilder {
  const params = {type: SYSTEM_DESIGN_POST}
  return S.listItem()
    .id('system-design-posts')
    .title('System design posts')
    .icon(DocumentTextIcon)
    .child(
      S.list()
        .id('system-design-posts')
        .title('System design posts')
        .items([
          S.listItem()
            .id('drafts-in-progress')
            .title('Drafts in progress')
            .icon(EditIcon)
            .child(
              S.documentList()
                .id('drafts-in-progress')
                .title('Drafts in progress')
                .schemaType(SYSTEM_DESIGN_POST)
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
                .schemaType(SYSTEM_DESIGN_POST)
                .apiVersion(API_VERSION)
                .filter(`_type == $type && !${HAS_DRAFT}`)
                .params(params)
                .defaultOrdering(NEWEST_FIRST),
            ),
          S.divider(),
          S.documentTypeListItem(SYSTEM_DESIGN_POST)
            .id('all')
            .title('All system design posts')
            .child(
              S.documentTypeList(SYSTEM_DESIGN_POST)
                .id('all')
                .title('All system design posts')
                .defaultOrdering(NEWEST_FIRST),
            ),
        ]),
    )
}

/** Posts first; any other document types the Studio has keep their default lists. */
export const hugoBlogStructure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items([
      systemDesignPostsListItem(S),
      ...S.documentTypeListItems().filter((item) => item.getId() !== SYSTEM_DESIGN_POST),
    ])

/** The form, and the file the exporter would write for the post as it stands. */
export function hugoBlogDefaultDocumentNode(site: SiteConfig): DefaultDocumentNodeResolver {
  const options: HugoMarkdownViewOptions = {site}
  return (S, {schemaType}) => {
    if (schemaType !== SYSTEM_DESIGN_POST) return S.document()
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
