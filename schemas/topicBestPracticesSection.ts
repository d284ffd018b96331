import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicBestPracticesSectionType = defineType({
  name: 'topicBestPracticesSection',
  title: 'Best practices',
  type: 'object',
  fields: [
    defineField({
      name: 'goodUseCases',
      title: 'Good use cases',
      type: 'slotText',
      description: 'Shown under “✅ **Good Use Cases**:”. One line each.',
    }),
    defineField({
      name: 'notRecommended',
      title: 'Not recommended for',
      type: 'slotText',
      description: 'Shown under “❌ **Not Recommended For**:”. One line each.',
    }),
    defineField({
      name: 'guidelines',
      title: 'Implementation guidelines',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'A numbered list, each “**<guideline>**: <description>”.',
    }),
    defineField({
      name: 'optimizations',
      title: 'Performance optimization',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Each “**<optimization>**: <description and impact>”.',
    }),
    defineField({
      name: 'debuggingTips',
      title: 'Debugging tips',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Each “**<tip>**: <common issue and solution>”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'bestPractices.more')),
  ],
  preview: sectionPreview('Best practices', ['goodUseCases', 'notRecommended']),
})
