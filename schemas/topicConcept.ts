import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const topicConceptType = defineType({
  name: 'topicConcept',
  title: 'Concept',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'Shown as the heading “Concept 1: <name>”.',
    }),
    defineField({
      name: 'definition',
      title: 'Definition',
      type: 'inlineText',
      description: 'A clear, concise definition.',
    }),
    defineField({
      name: 'explanation',
      title: 'Explanation',
      type: 'inlineText',
      description: 'A detailed explanation.',
    }),
    defineField({
      name: 'keyProperties',
      title: 'Key properties',
      type: 'slotText',
      description: 'One line each.',
    }),
    defineField({
      name: 'analogy',
      title: 'Visual analogy',
      type: 'inlineText',
      description: 'Optional. Relate it to something familiar.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'concepts.items[].more')),
  ],
  preview: {
    select: {title: 'name'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled concept',
    }),
  },
})
