import type {DocumentBadgeDescription, DocumentBadgeProps} from 'sanity'
import {sectionCompleteness} from './helpers/completeness.ts'
import {sectionsFor} from './sections.ts'

/**
 * "7/16 sections" in the document header, so a writer sees how much of the
 * archetype the post covers without opening the preview. The tooltip names the
 * empty sections, which the exported file will leave out.
 */
export function useSectionCompletenessBadge(
  props: DocumentBadgeProps,
): DocumentBadgeDescription | null {
  const document = props.version ?? props.draft ?? props.published
  const specs = sectionsFor(document?._type)
  if (!document || specs === undefined) return null
  const {filled, empty, sections} = sectionCompleteness(document, specs)
  return {
    label: `${filled.length}/${sections.length} sections`,
    title:
      empty.length === 0
        ? 'Every archetype section has content.'
        : `Empty, so left out of the post: ${empty.join(', ')}.`,
    ...(empty.length === 0 ? {color: 'success' as const} : {}),
  }
}
