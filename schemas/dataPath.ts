import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const dataPathType = defineType({
  name: 'dataPath',
  title: 'Path',
  type: 'object',
  fields: [
    defineField({
      name: 'steps',
      title: 'Steps',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'In order. Each step is numbered and written as “<name>: <description>”.',
    }),
    defineField({
      name: 'flow',
      title: 'Flow in one line',
      type: 'string',
      description:
        'The path at a glance, for example “User Request → Validation → Storage → Response”.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'dataFlow.writePath.more')),
  ],
  preview: sectionPreview('Path', ['steps', 'flow']),
})
