import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const dataFlowSectionType = defineType({
  name: 'dataFlowSection',
  title: 'Data flow',
  type: 'object',
  fields: [
    defineField({
      name: 'writePath',
      title: 'Write path',
      type: 'dataPath',
      description: 'What happens when data is written.',
    }),
    defineField({
      name: 'readPath',
      title: 'Read path',
      type: 'dataPath',
      description: 'What happens when data is read.',
    }),
    defineField({
      name: 'dataModel',
      title: 'Data model',
      type: 'blockContent',
      description:
        'The data structures and how they relate. Tables and code blocks work well here.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'dataFlow.more')),
  ],
  preview: sectionPreview('Data Flow', ['writePath.steps', 'readPath.steps', 'dataModel']),
})
