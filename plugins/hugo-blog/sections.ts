import {systemDesignArchetype} from '../../converter/archetypes/systemDesign.ts'
import {archetypeSectionSpecs} from './helpers/archetypeSections.ts'

/** Read from the converter's archetype, so the badge and the file agree on what a section is. */
export const SYSTEM_DESIGN_SECTIONS = archetypeSectionSpecs(systemDesignArchetype)
