import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicImplementationSectionType = defineType({
  name: 'topicImplementationSection',
  title: 'Implementation',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'Overview',
      type: 'blockContent',
      description: 'Optional. A few words before the full implementation.',
    }),
    defineField({
      name: 'code',
      title: 'Full implementation (Python)',
      type: 'text',
      rows: 16,
      description: 'The complete implementation, shown as a Python code block.',
    }),
    defineField({
      name: 'notes',
      title: 'Implementation notes',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Each written “**<note>**: <what to know>”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'implementation.more')),
  ],
  preview: sectionPreview('Implementation', ['overview', 'code']),
})
