import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const topicPropertyType = defineType({
  name: 'topicProperty',
  title: 'Property or theorem',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'Shown as the heading “Property 1: <name>”.',
    }),
    defineField({
      name: 'statement',
      title: 'Statement',
      type: 'inlineText',
      description: 'The mathematical statement; formulas welcome.',
    }),
    defineField({
      name: 'proof',
      title: 'Proof or intuition',
      type: 'inlineText',
      description: 'Why it holds.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'mathematics.properties[].more')),
  ],
  preview: {
    select: {title: 'name'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled property or theorem',
    }),
  },
})
