import type {SiteConfig} from '../../../converter/config.ts'
import {ARCHETYPE_DEFAULTS, PAPERMOD_SWITCHES} from '../../../schemas/constants.ts'

/**
 * The values a new post starts with: the archetype's front matter, with the
 * author and suggest-changes link this blog is configured with rather than
 * the archetype's hard-coded ones. Body sections start empty on purpose: a
 * placeholder that is never replaced would be published as written.
 */
export function archetypeInitialValue(site: SiteConfig, now: Date): Record<string, unknown> {
  const switches = Object.fromEntries(PAPERMOD_SWITCHES.map((s) => [s.key, s.default]))
  return {
    date: now.toISOString(),
    hugoDraft: false,
    tags: [...ARCHETYPE_DEFAULTS.tags],
    categories: [...ARCHETYPE_DEFAULTS.categories],
    author: site.author,
    editPost: {_type: 'editPostSettings', ...site.editPost},
    ...switches,
    showLikeButtons: true,
  }
}
