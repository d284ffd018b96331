import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const advancedTopicType = defineType({
  name: 'advancedTopic',
  title: 'Advanced topic',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'Shown as the heading “Advanced Topic 1: <name>”.',
    }),
    defineField({
      name: 'concept',
      title: 'Concept',
      type: 'inlineText',
      description: 'The idea, in a few sentences.',
    }),
    defineField({
      name: 'whenToUse',
      title: 'When to use',
      type: 'inlineText',
      description: 'Optional.',
    }),
    defineField({
      name: 'tradeOffs',
      title: 'Trade-offs',
      type: 'inlineText',
      description: 'Optional.',
    }),
    defineField({
      name: 'formula',
      title: 'Mathematical formulation',
      type: 'mathBlock',
      description: 'Optional. Shown under “**Mathematical Formulation**:”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'advanced.topics[].more')),
  ],
  preview: {
    select: {title: 'name'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled advanced topic',
    }),
  },
})
