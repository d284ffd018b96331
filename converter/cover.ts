import type {CoverDefaults} from './config.ts'

/**
 * When PaperMod shows a post's cover, and which front-matter keys make it show
 * what the writer chose. Pure: the converter writes the keys, the importer reads
 * them back, the schema imports the placeholder check.
 *
 * Current PaperMod (since b288ede, 2023-11; the blog's pin and the tests' copy):
 *   post page: (.Param "cover.hiddenInSingle") | default (.Param "cover.hidden") | default false
 *   lists:     (.Param "cover.hiddenInList")   | default (.Param "cover.hidden") | default false
 * `.Param` takes the post's value, else the site's; `default` keeps any boolean.
 * Older PaperMod: the post page reads the post's `hidden`, else the site's
 * `hiddenInSingle`, else the site's `hidden`; lists read only the site's switches.
 */

/** The keys PaperMod reads, on a post or in the site's params. */
export type CoverKeys = CoverDefaults

export interface CoverChoice {
  showOnPostPage: boolean
  showInLists: boolean
}

type Place = 'hiddenInSingle' | 'hiddenInList'

/** Whether current PaperMod hides the cover at `place`. */
export function paperModHides(post: CoverKeys, site: CoverKeys, place: Place): boolean {
  return post[place] ?? site[place] ?? post.hidden ?? site.hidden ?? false
}

/** What the site does with a cover whose post says nothing. */
export function siteCoverChoice(site: CoverKeys): CoverChoice {
  return {
    showOnPostPage: !paperModHides({}, site, 'hiddenInSingle'),
    showInLists: !paperModHides({}, site, 'hiddenInList'),
  }
}

/**
 * The post's keys, in PaperMod's order. `hidden` is always written, as the
 * archetype does, and it is what older PaperMod reads for the post page; the
 * two others are added only where current PaperMod would otherwise decide
 * differently. A choice equal to the site's is the archetype's `hidden` alone.
 */
export function coverKeys(site: CoverKeys, choice: CoverChoice): CoverKeys {
  const keys: CoverKeys = {hidden: !choice.showOnPostPage}
  if (paperModHides(keys, site, 'hiddenInList') === choice.showInLists)
    keys.hiddenInList = !choice.showInLists
  if (paperModHides(keys, site, 'hiddenInSingle') === choice.showOnPostPage)
    keys.hiddenInSingle = !choice.showOnPostPage
  return keys
}

/** The archetype's placeholders, such as `<image path/url>` or `<alt text>`. */
export function isArchetypePlaceholder(text: string): boolean {
  return /^<[^<>]*>$/.test(text.trim())
}
