import {defineArrayMember, defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const realWorldExampleType = defineType({
  name: 'realWorldExample',
  title: 'Real-world example',
  type: 'object',
  fields: [
    defineField({
      name: 'company',
      title: 'Company or service',
      type: 'string',
      description: 'Shown as “Example 1: <company>”, for example “Discord”.',
      validation: (rule) =>
        rule.required().warning('Without a company the heading reads just “Example 1”.'),
    }),
    defineField({
      name: 'description',
      title: 'How they do it',
      type: 'text',
      rows: 3,
      description: 'How this real system implements the concept.',
    }),
    defineField({
      name: 'scale',
      title: 'Scale',
      type: 'string',
      description:
        'Number of users, requests or data volume, for example “150M monthly users, 4B messages/day”.',
    }),
    defineField({
      name: 'keyLearnings',
      title: 'Key learnings',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'What others can learn from it. One line each.',
    }),
  ],
  preview: {
    select: {title: 'company', subtitle: 'scale'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Example'),
  },
})
