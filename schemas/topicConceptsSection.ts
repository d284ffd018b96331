import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicConceptsSectionType = defineType({
  name: 'topicConceptsSection',
  title: 'Fundamental concepts',
  type: 'object',
  fields: [
    defineField({
      name: 'items',
      title: 'Concepts',
      type: 'array',
      of: [defineArrayMember({type: 'topicConcept'})],
      description:
        'The core concepts, each under “Concept N: <name>”. They are numbered automatically.',
    }),
    defineField({
      name: 'relations',
      title: 'How concepts relate',
      type: 'blockContent',
      description: 'The relationships between the concepts.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'concepts.more')),
  ],
  preview: sectionPreview('Fundamental concepts', ['relations']),
})
