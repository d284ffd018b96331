import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const architectureSectionType = defineType({
  name: 'architectureSection',
  title: 'High-level architecture',
  type: 'object',
  fields: [
    defineField({
      name: 'diagram',
      title: 'Diagram (plain text)',
      type: 'text',
      rows: 16,
      description:
        'A box-and-arrow drawing made of text characters, shown exactly as typed in a fixed-width font. Paste from a diagram tool such as asciiflow.',
    }),
    defineField({
      name: 'overview',
      title: 'Architecture overview',
      type: 'blockContent',
      description: 'Describe the main components and how they talk to each other.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'architecture.more')),
  ],
  preview: sectionPreview('High-Level Architecture', ['overview', 'diagram']),
})
