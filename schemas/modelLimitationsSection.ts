import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelLimitationsSectionType = defineType({
  name: 'modelLimitationsSection',
  title: 'Limitations and future work',
  type: 'object',
  fields: [
    defineField({
      name: 'current',
      title: 'Current limitations',
      type: 'slotText',
      description: 'An honest list of what the model does badly. One line each.',
    }),
    defineField({
      name: 'futureDirections',
      title: 'Future directions',
      type: 'slotText',
      description: 'Possible improvements and research directions. One line each.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'limitations.more')),
  ],
  preview: sectionPreview('Limitations and future work', ['current', 'futureDirections']),
})
