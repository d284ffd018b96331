import {defineArrayMember, defineField, defineType} from 'sanity'
import {sectionPreview} from './preview.ts'

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
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'What makes the problem hard. One line each.',
    }),
    defineField({
      name: 'successCriteria',
      title: 'Success criteria',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'How you know the design works. One line each.',
    }),
  ],
  preview: sectionPreview('Problem Statement', ['definition', 'keyChallenges', 'successCriteria']),
})
