import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const conclusionSectionType = defineType({
  name: 'conclusionSection',
  title: 'Conclusion',
  type: 'object',
  fields: [
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'blockContent',
      description:
        'Sum up the key points, say when to use this approach, and give your final recommendations.',
    }),
    defineField({
      name: 'keyTakeaways',
      title: 'Key takeaways',
      type: 'slotText',
      description: 'The few points a reader should remember. One line each.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'conclusion.more')),
  ],
  preview: sectionPreview('Conclusion', ['summary', 'keyTakeaways']),
})
