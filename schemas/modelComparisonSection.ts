import {defineArrayMember, defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelComparisonSectionType = defineType({
  name: 'modelComparisonSection',
  title: 'Comparison with other models',
  type: 'object',
  fields: [
    defineField({
      name: 'models',
      title: 'Compared with',
      type: 'array',
      of: [defineArrayMember({type: 'modelComparison'})],
      description: 'One entry per model, each under its own “vs. <model>” heading.',
    }),
    defineField({
      name: 'whenToUse',
      title: 'When to use this model',
      type: 'slotText',
      description: 'Guidelines for choosing this model. One line each.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'comparison.more')),
  ],
  preview: sectionPreview('Comparison with other models', ['whenToUse']),
})
