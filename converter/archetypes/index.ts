import {postArchetype} from './post.ts'
import type {Archetype} from './spec.ts'
import {systemDesignArchetype} from './systemDesign.ts'

/** Document type → archetype. Adding an archetype is one file and one line here. */
export const ARCHETYPES: ReadonlyMap<string, Archetype> = new Map(
  [systemDesignArchetype, postArchetype].map((archetype) => [archetype.type, archetype]),
)
