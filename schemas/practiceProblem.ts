import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const practiceProblemType = defineType({
  name: 'practiceProblem',
  title: 'Practice problem',
  type: 'object',
  fields: [
    defineField({
      name: 'description',
      title: 'Problem',
      type: 'inlineText',
      description: 'Shown as “**Problem N**: <description>”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'conclusion.problems[].more')),
  ],
  preview: {
    select: {title: 'description'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled practice problem',
    }),
  },
})
