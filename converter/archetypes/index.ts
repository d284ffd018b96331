import {modelFamilyArchetype} from './modelFamily.ts'
import {postArchetype} from './post.ts'
import type {Archetype} from './spec.ts'
import {systemDesignArchetype} from './systemDesign.ts'
import {topicKnowledgeArchetype} from './topicKnowledge.ts'

/**
 * Document type → archetype. Adding an archetype is one file and one line
 * here. The structured ones come first: the importer tries them in this order.
 */
export const ARCHETYPES: ReadonlyMap<string, Archetype> = new Map(
  [systemDesignArchetype, modelFamilyArchetype, topicKnowledgeArchetype, postArchetype].map(
    (archetype) => [archetype.type, archetype],
  ),
)
