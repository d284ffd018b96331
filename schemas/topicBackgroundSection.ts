import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicBackgroundSectionType = defineType({
  name: 'topicBackgroundSection',
  title: 'Background and context',
  type: 'object',
  fields: [
    defineField({
      name: 'body',
      title: 'Overview',
      type: 'blockContent',
      description: 'The historical context and how the topic evolved.',
    }),
    defineField({
      name: 'milestones',
      title: 'Historical development',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Milestones, written “**<year or period>**: <development>”.',
    }),
    defineField({
      name: 'motivation',
      title: 'Why it was developed',
      type: 'blockContent',
      description: 'The problem it solved and the limits of earlier approaches.',
    }),
    defineField({
      name: 'contributors',
      title: 'Key contributors',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Researchers or teams, written “<name>: <contribution>”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'background.more')),
  ],
  preview: sectionPreview('Background and context', ['body', 'motivation']),
})
