import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicIntroductionSectionType = defineType({
  name: 'topicIntroductionSection',
  title: 'Introduction',
  type: 'object',
  fields: [
    defineField({
      name: 'category',
      title: 'Category or domain',
      type: 'inlineText',
      description:
        'Completes “<Topic> is … concept”, article included. For example “a probability and statistics”.',
    }),
    defineField({
      name: 'definition',
      title: 'Main purpose or definition',
      type: 'inlineText',
      description:
        'Completes “… concept that …”. For example “measures how one distribution differs from another”.',
    }),
    defineField({
      name: 'audience',
      title: 'Who needs it',
      type: 'inlineText',
      description:
        'Completes “Understanding this topic is crucial for …”. For example “anyone training generative models”.',
    }),
    defineField({
      name: 'importance',
      title: 'Why it matters',
      type: 'inlineText',
      description:
        'Completes “… because …”. For example “it appears in almost every loss they minimise”.',
    }),
    defineField({
      name: 'body',
      title: 'Overview',
      type: 'blockContent',
      description:
        'Why is this topic important, and what will readers learn? Shown under the “Introduction” heading.',
    }),
    defineField({
      name: 'objectives',
      title: 'Learning objectives',
      type: 'slotText',
      description: 'Shown after “By the end of this post, you will understand:”. One line each.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'introduction.more')),
  ],
  preview: sectionPreview('Introduction', ['category', 'definition', 'audience']),
})
