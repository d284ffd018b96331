import {codeInput} from '@sanity/code-input'
import {table} from '@sanity/table'
import {definePlugin} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from '../../schemas/index.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {type HugoBlogOptions, resolveHugoBlogOptions} from './options.ts'
import {hugoBlogDefaultDocumentNode, hugoBlogStructure} from './structure.ts'
import {systemDesignPostTemplate} from './templates.ts'
import {useSectionCompletenessBadge} from './useSectionCompletenessBadge.ts'

export type {HugoBlogOptions, ResolvedHugoBlogOptions} from './options.ts'
export {resolveHugoBlogOptions} from './options.ts'
export {
  HUGO_MARKDOWN_VIEW_ID,
  hugoBlogDefaultDocumentNode,
  hugoBlogStructure,
  systemDesignPostsListItem,
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
      templates: (previous) => [
        ...previous.filter((template) => template.id !== SYSTEM_DESIGN_POST),
        systemDesignPostTemplate(resolved.site),
      ],
    },
    document: {
      badges: (previous, context) =>
        context.schemaType === SYSTEM_DESIGN_POST
          ? [...previous, useSectionCompletenessBadge]
          : previous,
    },
  }
})

/**
 * Everything a Studio needs to write system-design posts for the Hugo blog: the
 * post schema (with the code and table inputs it uses), the posts' lists, the
 * "Hugo markdown" view, the archetype template and the section-completeness
 * badge. Pass the same site options the exporter uses, so the view shows the
 * file the exporter writes.
 */
export function hugoBlog(options: HugoBlogOptions = {}) {
  return plugin(options)
}
