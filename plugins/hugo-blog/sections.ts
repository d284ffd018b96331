import {ARCHETYPES} from '../../converter/archetypes/index.ts'
import {systemDesignArchetype} from '../../converter/archetypes/systemDesign.ts'
import {archetypeSectionSpecs} from './helpers/archetypeSections.ts'
import type {SectionSpec} from './helpers/completeness.ts'

/** Read from the converter's archetypes, so the badge and the file agree on what a section is. */
const SECTIONS: ReadonlyMap<string, readonly SectionSpec[]> = new Map(
  [...ARCHETYPES.values()]
    .filter((archetype) => archetype.sections.length > 0)
    .map((archetype) => [archetype.type, archetypeSectionSpecs(archetype)]),
)

export const SYSTEM_DESIGN_SECTIONS = SECTIONS.get(systemDesignArchetype.type) ?? []

/**
 * The sections a post of this type is checked for, or undefined for a type
 * written freely (the generic post), which has none to count.
 */
export function sectionsFor(type: unknown): readonly SectionSpec[] | undefined {
  return typeof type === 'string' ? SECTIONS.get(type) : undefined
}
