import {SplitVerticalIcon} from '@sanity/icons/SplitVertical'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const designDecisionType = defineType({
  name: 'designDecision',
  title: 'Design decision',
  type: 'object',
  icon: SplitVerticalIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Shown as “Decision 1: <title>”, for example “Partitioning scheme”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Decision 1”.'),
    }),
    defineField({
      name: 'context',
      title: 'Context',
      type: 'text',
      rows: 3,
      description: 'Why this decision was needed.',
    }),
    defineField({
      name: 'options',
      title: 'Options considered',
      type: 'array',
      of: [defineArrayMember({type: 'designOption'})],
      description: 'Optional. The alternatives you weighed, with their pros and cons.',
    }),
    defineField({
      name: 'decision',
      title: 'Decision',
      type: 'text',
      rows: 3,
      description: 'The option chosen, and why.',
    }),
    defineField({
      name: 'consequences',
      title: 'Consequences',
      type: 'text',
      rows: 2,
      description: 'Optional. What this decision means for the rest of the system.',
    }),
  ],
  preview: {
    select: {title: 'title', subtitle: 'decision'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Decision'),
  },
})
