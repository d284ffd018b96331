import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelImplementationSectionType = defineType({
  name: 'modelImplementationSection',
  title: 'Implementation',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'Overview',
      type: 'blockContent',
      description: 'Practical implementation details, before the code.',
    }),
    defineField({
      name: 'pytorch',
      title: 'PyTorch implementation',
      type: 'text',
      rows: 16,
      description:
        'The model in PyTorch, shown as a Python code block under “PyTorch Implementation”.',
    }),
    defineField({
      name: 'keyDetails',
      title: 'Key implementation details',
      type: 'slotText',
      description: 'Important implementation considerations. One line each.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'implementation.more')),
  ],
  preview: sectionPreview('Implementation', ['overview', 'pytorch', 'keyDetails']),
})
