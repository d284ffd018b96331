import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const practicalExampleType = defineType({
  name: 'practicalExample',
  title: 'Practical example',
  type: 'object',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'inlineText',
      description: 'Shown as the heading “Example 1: <title>”, for example “Two Coin Flips”.',
    }),
    defineField({
      name: 'problem',
      title: 'Problem',
      type: 'inlineText',
      description: 'Shown as “**Problem**: …”.',
    }),
    defineField({
      name: 'solution',
      title: 'Solution in words',
      type: 'inlineText',
      description: 'Optional. A high-level approach, shown as “**Solution**: …”.',
    }),
    defineField({
      name: 'code',
      title: 'Solution code (Python)',
      type: 'text',
      rows: 16,
      description: 'Optional. Shown under “**Solution**:” as a Python code block.',
    }),
    defineField({
      name: 'explanation',
      title: 'Explanation',
      type: 'inlineText',
      description: 'Walk through the code. Shown as “**Explanation**: …”.',
    }),
    defineField({
      name: 'keyDetails',
      title: 'Key implementation details',
      type: 'slotText',
      description: 'Optional. One line each.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'examples[].more')),
  ],
  preview: {
    select: {title: 'title'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled practical example',
    }),
  },
})
