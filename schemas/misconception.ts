import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const misconceptionType = defineType({
  name: 'misconception',
  title: 'Misconception',
  type: 'object',
  fields: [
    defineField({
      name: 'statement',
      title: 'Statement',
      type: 'inlineText',
      description: 'The misconception itself, shown as the heading “Misconception 1: <statement>”.',
    }),
    defineField({
      name: 'whyWrong',
      title: "Why it's wrong",
      type: 'inlineText',
      description: "Shown as “**Why It's Wrong**: …”.",
    }),
    defineField({
      name: 'truth',
      title: 'The truth',
      type: 'inlineText',
      description: 'The correct understanding.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'misconceptions[].more')),
  ],
  preview: {
    select: {title: 'statement'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled misconception',
    }),
  },
})
