import {useMemo} from 'react'
import type {DocumentBadgeComponent, DocumentBadgeDescription, DocumentBadgeProps} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {sectionCompleteness} from './helpers/completeness.ts'
import {type Converter, useConverter} from './loadConverter.ts'
import {sectionsFor} from './sections.ts'

/**
 * What the badge says for a post: "7/16 sections" counted in the file the
 * exporter would write, the empty ones named in the tooltip; or, when no file
 * can be written yet, that the post cannot be exported and why.
 */
export function sectionBadge(
  converter: Converter,
  document: unknown,
  site: SiteConfig,
): DocumentBadgeDescription {
  let written: string[]
  try {
    written = converter.renderPost(document, site).sections
  } catch (error) {
    const problems =
      typeof document === 'object' && document !== null && !Array.isArray(document)
        ? converter.blockingProblems(document as Record<string, unknown>)
        : []
    return {
      label: 'Not exportable yet',
      title:
        problems.length > 0
          ? problems.map((problem) => problem.message).join(' ')
          : error instanceof Error
            ? error.message
            : String(error),
      color: 'danger',
    }
  }
  const type = (document as {_type?: unknown} | null)?._type
  const {filled, empty, sections} = sectionCompleteness(written, sectionsFor(type) ?? [])
  return {
    label: `${filled.length}/${sections.length} sections`,
    title:
      empty.length === 0
        ? 'Every archetype section has content.'
        : `Empty, so left out of the post: ${empty.join(', ')}.`,
    ...(empty.length === 0 ? {color: 'success' as const} : {}),
  }
}

/**
 * "7/16 sections" in the document footer, so a writer sees how much of the
 * archetype the post covers without opening the preview. Nothing shows until
 * the converter has loaded.
 */
export function sectionCompletenessBadge(site: SiteConfig): DocumentBadgeComponent {
  // Made once per plugin, from its site options; Sanity calls it as a hook.
  // biome-ignore lint/correctness/noComponentHookFactories: the site is the plugin's option
  function useSectionCompletenessBadge(props: DocumentBadgeProps) {
    const converter = useConverter()
    const document = props.version ?? props.draft ?? props.published
    return useMemo(
      () => (converter && document ? sectionBadge(converter, document, site) : null),
      [converter, document],
    )
  }
  return useSectionCompletenessBadge
}
