import type {Template} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {archetypeInitialValue} from './helpers/initialValue.ts'

/**
 * Replaces the Studio's default template for posts (same id, so every "Create"
 * button uses it) with one that fills in the archetype's front matter and this
 * blog's author and suggest-changes link.
 */
export function systemDesignPostTemplate(site: SiteConfig): Template {
  return {
    id: SYSTEM_DESIGN_POST,
    title: 'System design post',
    schemaType: SYSTEM_DESIGN_POST,
    value: () => archetypeInitialValue(site, new Date()),
  }
}
