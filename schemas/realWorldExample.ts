import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {rowPreview} from './previewText.ts'

export const realWorldExampleType = defineType({
  name: 'realWorldExample',
  title: 'Real-world example',
  type: 'object',
  fields: [
    defineField({
      name: 'company',
      title: 'Company or service',
      type: 'inlineText',
      description: 'Shown as “Example 1: <company>”, for example “Discord”.',
      validation: (rule) =>
        rule.required().warning('Without a company the heading reads just “Example 1”.'),
    }),
    defineField({
      name: 'description',
      title: 'How they do it',
      type: 'slotText',
      description: 'How this real system implements the concept.',
    }),
    defineField({
      name: 'scale',
      title: 'Scale',
      type: 'inlineText',
      description:
        'Number of users, requests or data volume, for example “150M monthly users, 4B messages/day”.',
    }),
    defineField({
      name: 'keyLearnings',
      title: 'Key learnings',
      type: 'slotText',
      description: 'What others can learn from it. One line each.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'realWorldExamples[].more')),
  ],
  preview: {
    select: {title: 'company', subtitle: 'scale'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Example'),
  },
})
