import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const problemStatementSectionType = defineType({
  name: 'problemStatementSection',
  title: 'Problem statement',
  type: 'object',
  fields: [
    defineField({
      name: 'definition',
      title: 'The problem',
      type: 'blockContent',
      description: 'A clear definition of the problem being solved.',
    }),
    defineField({
      name: 'keyChallenges',
      title: 'Key challenges',
      type: 'slotText',
      description: 'What makes the problem hard. One line each.',
    }),
    defineField({
      name: 'successCriteria',
      title: 'Success criteria',
      type: 'slotText',
      description: 'How you know the design works. One line each.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'problemStatement.more')),
  ],
  preview: sectionPreview('Problem Statement', ['definition', 'keyChallenges', 'successCriteria']),
})
