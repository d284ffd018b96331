import {defineField, defineType} from 'sanity'
import {rowPreview} from './previewText.ts'

export const designOptionType = defineType({
  name: 'designOption',
  title: 'Option',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Option',
      type: 'inlineText',
      description: 'The option in a few words. Options are lettered A, B, C… in the order listed.',
      validation: (rule) =>
        rule.required().warning('An option without a name reads as an empty line.'),
    }),
    defineField({
      name: 'pros',
      title: 'Pros',
      type: 'inlineText',
      description: 'What speaks for it.',
    }),
    defineField({
      name: 'cons',
      title: 'Cons',
      type: 'inlineText',
      description: 'What speaks against it.',
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'pros'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Option'),
  },
})
