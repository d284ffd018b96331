import {defineField, defineType} from 'sanity'
import {rowPreview} from './previewText.ts'

/** A short name with an explanation, written as "Name: explanation" in the post. */
export const labelledItemType = defineType({
  name: 'labelledItem',
  title: 'Item',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'A few words, shown first (in bold for requirements).',
      validation: (rule) =>
        rule.required().warning('Without a name the item shows only its description.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'inlineText',
      description: 'One or two sentences. Optional.',
    }),
    defineField({
      name: 'more',
      title: 'More text',
      type: 'blockContent',
      description:
        'Optional. Shown inside this item, under its line: sub-bullets, a short paragraph, a code block.',
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'description'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Item'),
  },
})
