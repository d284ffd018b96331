import type {Archetype} from './spec.ts'
import {systemDesignArchetype} from './systemDesign.ts'

/** Document type → archetype. Adding an archetype is one file and one line here. */
export const ARCHETYPES: ReadonlyMap<string, Archetype> = new Map(
  [systemDesignArchetype].map((archetype) => [archetype.type, archetype]),
)
