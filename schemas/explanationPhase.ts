import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const explanationPhaseType = defineType({
  name: 'explanationPhase',
  title: 'Phase',
  type: 'object',
  fields: [
    defineField({
      name: 'description',
      title: 'Description',
      type: 'inlineText',
      description: 'Shown as the heading “Phase 1: <description>”.',
    }),
    defineField({
      name: 'body',
      title: 'Explanation',
      type: 'blockContent',
      description: 'What happens in this phase.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'explanation.phases[].more')),
  ],
  preview: {
    select: {title: 'description'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled phase',
    }),
  },
})
