import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {rowPreview} from './previewText.ts'

export const tradeOffType = defineType({
  name: 'tradeOff',
  title: 'Trade-off',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'inlineText',
      description: 'Shown as “Trade-off 1: <title>”, for example “Consistency vs. availability”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Trade-off 1”.'),
    }),
    defineField({
      name: 'benefit',
      title: 'Benefit',
      type: 'inlineText',
      description: 'What you gain.',
    }),
    defineField({
      name: 'cost',
      title: 'Cost',
      type: 'inlineText',
      description: 'What you give up.',
    }),
    defineField({
      name: 'decision',
      title: 'Decision',
      type: 'inlineText',
      description: 'Why the trade is worth it here.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'tradeOffs[].more')),
  ],
  preview: {
    select: {title: 'title', subtitle: 'benefit'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Trade-off'),
  },
})
