import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicAdvancedSectionType = defineType({
  name: 'topicAdvancedSection',
  title: 'Advanced topics',
  type: 'object',
  fields: [
    defineField({
      name: 'topics',
      title: 'Advanced topics',
      type: 'array',
      of: [defineArrayMember({type: 'advancedTopic'})],
      description: 'Each under “Advanced Topic N: <name>”.',
    }),
    defineField({
      name: 'research',
      title: 'Cutting-edge research',
      type: 'slotText',
      description: 'Current research directions. One line each.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'advanced.more')),
  ],
  preview: sectionPreview('Advanced topics', ['research']),
})
