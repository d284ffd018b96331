import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const techniqueComparisonSectionType = defineType({
  name: 'techniqueComparisonSection',
  title: 'Comparison with related techniques',
  type: 'object',
  fields: [
    defineField({
      name: 'techniques',
      title: 'Compared with',
      type: 'array',
      of: [defineArrayMember({type: 'techniqueComparison'})],
      description: 'Each under its own “vs. <technique>” heading.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'comparison.more')),
  ],
  preview: sectionPreview('Comparison with related techniques', ['techniques']),
})
