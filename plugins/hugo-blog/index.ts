import {codeInput} from '@sanity/code-input'
import {table} from '@sanity/table'
import {definePlugin} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../../schemas/index.ts'
import {hugoBlogInputs} from './formInputs.tsx'
import {type HugoBlogOptions, resolveHugoBlogOptions} from './options.ts'
import {sectionsFor} from './sections.ts'
import {hugoBlogDefaultDocumentNode, hugoBlogStructure} from './structure.ts'
import {hugoBlogTemplates} from './templates.ts'
import {useSectionCompletenessBadge} from './useSectionCompletenessBadge.ts'

export type {HugoBlogOptions, ResolvedHugoBlogOptions} from './options.ts'
export {resolveHugoBlogOptions} from './options.ts'
export {
  genericPostsListItem,
  HUGO_MARKDOWN_VIEW_ID,
  HUGO_POST_TYPES,
  hugoBlogDefaultDocumentNode,
  hugoBlogStructure,
  modelFamilyPostsListItem,
  systemDesignPostsListItem,
  topicKnowledgePostsListItem,
} from './structure.ts'

const plugin = definePlugin<HugoBlogOptions>((options) => {
  const resolved = resolveHugoBlogOptions(options)
  return {
    name: 'hugo-blog',
    plugins: [
      codeInput(),
      table(),
      ...(resolved.structureTool
        ? [
            structureTool({
              structure: hugoBlogStructure,
              defaultDocumentNode: hugoBlogDefaultDocumentNode(resolved.site),
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
    form: {components: {input: hugoBlogInputs(resolved.site)}},
    document: {
      // The generic post has no sections to count.
      badges: (previous, context) =>
        sectionsFor(context.schemaType) !== undefined
          ? [...previous, useSectionCompletenessBadge]
          : previous,
    },
  }
})

/**
 * Everything a Studio needs to write posts for the Hugo blog: the post types
 * (the archetypes' posts and generic posts, with the code and table inputs they
 * use), their lists, the "Hugo markdown" view, their templates and, for
 * the archetypes' posts, the section-completeness badge. Pass the same site options the exporter uses, so the view shows the
 * file the exporter writes.
 */
export function hugoBlog(options: HugoBlogOptions = {}) {
  return plugin(options)
}
