import {defineArrayMember, defineField, defineType} from 'sanity'
import {sectionPreview} from './preview.ts'

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
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'The few points a reader should remember. One line each.',
    }),
  ],
  preview: sectionPreview('Conclusion', ['summary', 'keyTakeaways']),
})
