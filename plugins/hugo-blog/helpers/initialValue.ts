import type {SiteConfig} from '../../../converter/config.ts'
import {dateInZone} from '../../../converter/render/date.ts'
import {ARCHETYPE_DEFAULTS, PAPERMOD_SWITCHES} from '../../../schemas/constants.ts'

/**
 * The front matter every new post starts with, whatever its type: the
 * archetype's switches, with the author and suggest-changes link this blog is
 * configured with rather than the archetype's hard-coded ones. The date is now,
 * in the writer's zone, which it keeps.
 */
export function postInitialValue(
  site: SiteConfig,
  now: Date,
  timeZone: string,
): Record<string, unknown> {
  const switches = Object.fromEntries(PAPERMOD_SWITCHES.map((s) => [s.key, s.default]))
  return {
    date: dateInZone(now.getTime(), timeZone),
    hugoDraft: false,
    author: site.author,
    editPost: {_type: 'editPostSettings', ...site.editPost},
    ...switches,
  }
}

/**
 * The values a new post of an archetype starts with (system design unless
 * told): the archetype's front matter, tags and categories, and the like
 * buttons on. Body sections start empty on purpose: a placeholder that is
 * never replaced would be published as written.
 */
export function archetypeInitialValue(
  site: SiteConfig,
  now: Date,
  timeZone: string,
  defaults: {
    readonly tags: readonly string[]
    readonly categories: readonly string[]
  } = ARCHETYPE_DEFAULTS,
): Record<string, unknown> {
  return {
    ...postInitialValue(site, now, timeZone),
    tags: [...defaults.tags],
    categories: [...defaults.categories],
    showLikeButtons: true,
  }
}
