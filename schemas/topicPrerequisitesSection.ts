import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicPrerequisitesSectionType = defineType({
  name: 'topicPrerequisitesSection',
  title: 'Prerequisites',
  type: 'object',
  fields: [
    defineField({
      name: 'body',
      title: 'Overview',
      type: 'blockContent',
      description: 'What readers should know before starting.',
    }),
    defineField({
      name: 'required',
      title: 'Required knowledge',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Each prerequisite with a brief explanation, written “<name>: <explanation>”.',
    }),
    defineField({
      name: 'recommended',
      title: 'Recommended background',
      type: 'slotText',
      description: 'Helpful but not required topics. One line each.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'prerequisites.more')),
  ],
  preview: sectionPreview('Prerequisites', ['body', 'recommended']),
})
