import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const techniqueComparisonType = defineType({
  name: 'techniqueComparison',
  title: 'Comparison',
  type: 'object',
  fields: [
    defineField({
      name: 'technique',
      title: 'Other technique',
      type: 'inlineText',
      description: 'Shown as the heading “vs. <technique>”.',
    }),
    defineField({
      name: 'body',
      title: 'Comparison',
      type: 'blockContent',
      description: 'Optional. For example a table of aspects, side by side.',
    }),
    defineField({
      name: 'similarities',
      title: 'Similarities',
      type: 'slotText',
      description: 'Optional. One line each.',
    }),
    defineField({
      name: 'differences',
      title: 'Differences',
      type: 'slotText',
      description: 'Optional. One line each.',
    }),
    defineField({
      name: 'whenToChoose',
      title: 'When to choose each',
      type: 'slotText',
      description: 'Optional. For example “Choose KL divergence when: …”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'comparison.techniques[].more')),
  ],
  preview: {
    select: {title: 'technique'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled comparison',
    }),
  },
})
