import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicReadingSectionType = defineType({
  name: 'topicReadingSection',
  title: 'Further reading',
  type: 'object',
  fields: [
    defineField({
      name: 'beginner',
      title: 'Beginner level',
      type: 'array',
      of: [defineArrayMember({type: 'readingLink'})],
      description: 'Where a newcomer should go next.',
    }),
    defineField({
      name: 'intermediate',
      title: 'Intermediate level',
      type: 'array',
      of: [defineArrayMember({type: 'readingLink'})],
    }),
    defineField({
      name: 'advanced',
      title: 'Advanced level',
      type: 'array',
      of: [defineArrayMember({type: 'readingLink'})],
    }),
    defineField({
      name: 'related',
      title: 'Related topics',
      type: 'array',
      of: [defineArrayMember({type: 'readingLink'})],
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'reading.more')),
  ],
  preview: sectionPreview('Further reading', ['beginner', 'intermediate', 'advanced']),
})
