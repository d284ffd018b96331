import {defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const tradeOffType = defineType({
  name: 'tradeOff',
  title: 'Trade-off',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Shown as “Trade-off 1: <title>”, for example “Consistency vs. availability”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Trade-off 1”.'),
    }),
    defineField({
      name: 'benefit',
      title: 'Benefit',
      type: 'text',
      rows: 2,
      description: 'What you gain.',
    }),
    defineField({
      name: 'cost',
      title: 'Cost',
      type: 'text',
      rows: 2,
      description: 'What you give up.',
    }),
    defineField({
      name: 'decision',
      title: 'Decision',
      type: 'text',
      rows: 2,
      description: 'Why the trade is worth it here.',
    }),
  ],
  preview: {
    select: {title: 'title', subtitle: 'benefit'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Trade-off'),
  },
})
