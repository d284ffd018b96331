import {defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const designOptionType = defineType({
  name: 'designOption',
  title: 'Option',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Option',
      type: 'string',
      description: 'The option in a few words. Options are lettered A, B, C… in the order listed.',
      validation: (rule) =>
        rule.required().warning('An option without a name reads as an empty line.'),
    }),
    defineField({
      name: 'pros',
      title: 'Pros',
      type: 'text',
      rows: 2,
      description: 'What speaks for it.',
    }),
    defineField({
      name: 'cons',
      title: 'Cons',
      type: 'text',
      rows: 2,
      description: 'What speaks against it.',
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'pros'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Option'),
  },
})
