import {SplitVerticalIcon} from '@sanity/icons/SplitVertical'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {rowPreview} from './previewText.ts'

export const designDecisionType = defineType({
  name: 'designDecision',
  title: 'Design decision',
  type: 'object',
  icon: SplitVerticalIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'inlineText',
      description: 'Shown as “Decision 1: <title>”, for example “Partitioning scheme”.',
      validation: (rule) =>
        rule.required().warning('Without a title the heading reads just “Decision 1”.'),
    }),
    defineField({
      name: 'context',
      title: 'Context',
      type: 'inlineText',
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
      type: 'inlineText',
      description: 'The option chosen, and why.',
    }),
    defineField({
      name: 'consequences',
      title: 'Consequences',
      type: 'inlineText',
      description: 'Optional. What this decision means for the rest of the system.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'designDecisions[].more')),
  ],
  preview: {
    select: {title: 'title', subtitle: 'decision'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Decision'),
  },
})
