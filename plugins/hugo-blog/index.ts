import {codeInput} from '@sanity/code-input'
import {table} from '@sanity/table'
import {definePlugin} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../../schemas/index.ts'
import {hugoBlogInputs} from './formInputs.tsx'
import {type HugoBlogOptions, resolveHugoBlogOptions} from './options.ts'
import {hugoPreviewInspector} from './previewInspector.tsx'
import {sectionsFor} from './sections.ts'
import {HUGO_POST_TYPES, hugoBlogDefaultDocumentNode, hugoBlogStructure} from './structure.ts'
import {hugoBlogTemplates} from './templates.ts'
import {sectionCompletenessBadge} from './useSectionCompletenessBadge.ts'

export type {HugoBlogOptions, ResolvedHugoBlogOptions} from './options.ts'
export {resolveHugoBlogOptions} from './options.ts'
export {
  genericPostsListItem,
  HUGO_MARKDOWN_VIEW_ID,
  HUGO_POST_TYPES,
  hugoBlogDefaultDocumentNode,
  hugoBlogStructure,
  modelFamilyPostsListItem,
  startHereListItem,
  systemDesignPostsListItem,
  topicKnowledgePostsListItem,
} from './structure.ts'

const plugin = definePlugin<HugoBlogOptions>((options) => {
  const resolved = resolveHugoBlogOptions(options)
  const badge = sectionCompletenessBadge(resolved.site)
  const preview = {site: resolved.site, exportStatus: resolved.exportStatus}
  const inspector = hugoPreviewInspector(preview)
  const formInput = hugoBlogInputs(resolved.site, HUGO_POST_TYPES)
  return {
    name: 'hugo-blog',
    plugins: [
      codeInput(),
      table(),
      ...(resolved.structureTool
        ? [
            structureTool({
              structure: hugoBlogStructure,
              defaultDocumentNode: hugoBlogDefaultDocumentNode(preview),
            }),
          ]
        : []),
    ],
    schema: {
      types: schemaTypes,
      templates: (previous) => {
        const ours = hugoBlogTemplates(resolved.site)
        return [
          ...previous.filter((template) => !ours.some((own) => own.id === template.id)),
          ...ours,
        ]
      },
    },
    form: {components: {input: formInput}},
    document: {
      inspectors: (previous, context) =>
        HUGO_POST_TYPES.includes(context.documentType) ? [inspector, ...previous] : previous,
      // The generic post has no sections to count.
      badges: (previous, context) =>
        sectionsFor(context.schemaType) !== undefined ? [...previous, badge] : previous,
    },
  }
})

/**
 * Everything a Studio needs to write posts for the Hugo blog: the post types
 * (the archetypes' posts and generic posts, with the code and table inputs they
 * use), their lists, the "Hugo markdown" view, their templates and, for the
 * archetypes' posts, the section-completeness badge, and the preview beside
 * the form. Pass the same site options the exporter uses, so the preview shows
 * the file the exporter writes.
 */
export function hugoBlog(options: HugoBlogOptions = {}) {
  return plugin(options)
}
