import type {Template} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {writerTimeZone} from '../../schemas/frontMatterFields.ts'
import {POST} from '../../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {archetypeInitialValue, postInitialValue} from './helpers/initialValue.ts'

/**
 * Replaces the Studio's default template for system-design posts (same id, so
 * every "Create" button uses it) with one that fills in the archetype's front
 * matter and this blog's author and suggest-changes link.
 */
export function systemDesignPostTemplate(site: SiteConfig): Template {
  return {
    id: SYSTEM_DESIGN_POST,
    title: 'System design post',
    schemaType: SYSTEM_DESIGN_POST,
    value: () => archetypeInitialValue(site, new Date(), writerTimeZone()),
  }
}

/** The same for generic posts: the blog's front matter, no archetype tags, an empty text. */
export function postTemplate(site: SiteConfig): Template {
  return {
    id: POST,
    title: 'Post',
    schemaType: POST,
    value: () => postInitialValue(site, new Date(), writerTimeZone()),
  }
}

/** The templates the plugin puts in place of the post types' defaults. */
export function hugoBlogTemplates(site: SiteConfig): Template[] {
  return [systemDesignPostTemplate(site), postTemplate(site)]
}
