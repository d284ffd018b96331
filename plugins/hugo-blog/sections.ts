import {systemDesignArchetype} from '../../converter/archetypes/systemDesign.ts'
import {archetypeSectionSpecs} from './helpers/archetypeSections.ts'
import type {SectionSpec} from './helpers/completeness.ts'

/** Read from the converter's archetype, so the badge and the file agree on what a section is. */
export const SYSTEM_DESIGN_SECTIONS = archetypeSectionSpecs(systemDesignArchetype)

/**
 * The sections a post of this type is checked for, or undefined for a type
 * written freely (the generic post), which has none to count.
 */
export function sectionsFor(type: unknown): readonly SectionSpec[] | undefined {
  return type === systemDesignArchetype.type ? SYSTEM_DESIGN_SECTIONS : undefined
}
