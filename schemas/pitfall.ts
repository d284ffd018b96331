import {defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const pitfallType = defineType({
  name: 'pitfall',
  title: 'Pitfall',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Pitfall',
      type: 'string',
      description: 'Shown as “Pitfall 1: <pitfall>”, for example “Hot partitions”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Pitfall 1”.'),
    }),
    defineField({
      name: 'problem',
      title: 'Problem',
      type: 'text',
      rows: 2,
      description: 'What goes wrong.',
    }),
    defineField({
      name: 'solution',
      title: 'Solution',
      type: 'text',
      rows: 2,
      description: 'How to avoid it.',
    }),
  ],
  preview: {
    select: {title: 'title', subtitle: 'problem'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Pitfall'),
  },
})
