import type {Template} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {MODEL_FAMILY_DEFAULTS, TOPIC_KNOWLEDGE_DEFAULTS} from '../../schemas/constants.ts'
import {writerTimeZone} from '../../schemas/frontMatterFields.ts'
import {MODEL_FAMILY_POST} from '../../schemas/modelFamilyPost.ts'
import {POST} from '../../schemas/post.ts'
import {SYSTEM_DESIGN_POST} from '../../schemas/systemDesignPost.ts'
import {TOPIC_KNOWLEDGE_POST} from '../../schemas/topicKnowledgePost.ts'
import {archetypeInitialValue, postInitialValue} from './helpers/initialValue.ts'

/**
 * Replaces the Studio's default template for system-design posts (same id, so
 * every "Create" button uses it) with one that fills in the archetype's front
 * matter and this blog's author and suggest-changes link. The description
 * is what the new-post menu says to help a writer choose.
 */
export function systemDesignPostTemplate(site: SiteConfig): Template {
  return {
    id: SYSTEM_DESIGN_POST,
    title: 'System design post',
    description:
      'How a system is built: requirements, architecture, components, decisions, scaling and trade-offs.',
    schemaType: SYSTEM_DESIGN_POST,
    value: () => archetypeInitialValue(site, new Date(), writerTimeZone()),
  }
}

/** The same for model-family posts, with that archetype's tags and categories. */
export function modelFamilyPostTemplate(site: SiteConfig): Template {
  return {
    id: MODEL_FAMILY_POST,
    title: 'Model family post',
    description:
      'One model or family of models: architecture, components and their formulas, PyTorch code, training and results.',
    schemaType: MODEL_FAMILY_POST,
    value: () => archetypeInitialValue(site, new Date(), writerTimeZone(), MODEL_FAMILY_DEFAULTS),
  }
}

/** The same for topic-knowledge posts. */
export function topicKnowledgePostTemplate(site: SiteConfig): Template {
  return {
    id: TOPIC_KNOWLEDGE_POST,
    title: 'Topic knowledge post',
    description:
      'A tutorial on one topic: concepts, formulas and derivations, worked examples, code and practice problems.',
    schemaType: TOPIC_KNOWLEDGE_POST,
    value: () =>
      archetypeInitialValue(site, new Date(), writerTimeZone(), TOPIC_KNOWLEDGE_DEFAULTS),
  }
}

/** The same for generic posts: the blog's front matter, no archetype tags, an empty text. */
export function postTemplate(site: SiteConfig): Template {
  return {
    id: POST,
    title: 'Post',
    description: 'Anything else, written freely with its own headings and published as written.',
    schemaType: POST,
    value: () => postInitialValue(site, new Date(), writerTimeZone()),
  }
}

/** The templates the plugin puts in place of the post types' defaults. */
export function hugoBlogTemplates(site: SiteConfig): Template[] {
  return [
    systemDesignPostTemplate(site),
    modelFamilyPostTemplate(site),
    topicKnowledgePostTemplate(site),
    postTemplate(site),
  ]
}
