import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {rowPreview} from './previewText.ts'

export const pitfallType = defineType({
  name: 'pitfall',
  title: 'Pitfall',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Pitfall',
      type: 'inlineText',
      description: 'Shown as “Pitfall 1: <pitfall>”, for example “Hot partitions”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Pitfall 1”.'),
    }),
    defineField({
      name: 'problem',
      title: 'Problem',
      type: 'inlineText',
      description: 'What goes wrong.',
    }),
    defineField({
      name: 'solution',
      title: 'Solution',
      type: 'inlineText',
      description: 'How to avoid it.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'pitfalls[].more')),
  ],
  preview: {
    select: {title: 'title', subtitle: 'problem'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Pitfall'),
  },
})
