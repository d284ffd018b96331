import {defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

/** A short name with an explanation, written as "Name: explanation" in the post. */
export const labelledItemType = defineType({
  name: 'labelledItem',
  title: 'Item',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'A few words, shown first (in bold for requirements).',
      validation: (rule) =>
        rule.required().warning('Without a name the item shows only its description.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 2,
      description: 'One or two sentences. Optional.',
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'description'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Item'),
  },
})
