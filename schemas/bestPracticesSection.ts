import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const bestPracticesSectionType = defineType({
  name: 'bestPracticesSection',
  title: 'Best practices',
  type: 'object',
  fields: [
    defineField({
      name: 'development',
      title: 'Development',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Practices while building, written as “<practice>: <description>”.',
    }),
    defineField({
      name: 'deployment',
      title: 'Deployment',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Practices while shipping and running it.',
    }),
    defineField({
      name: 'metrics',
      title: 'Key metrics to monitor',
      type: 'array',
      of: [defineArrayMember({type: 'metricRow'})],
      description: 'Shown as a table: metric, healthy threshold, and when to alert.',
    }),
    defineField({
      name: 'logging',
      title: 'Logging strategy',
      type: 'slotText',
      description: 'Log levels, aggregation, retention. One line each.',
    }),
    defineField({
      name: 'security',
      title: 'Security',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description: 'Security practices, written as “<practice>: <description>”.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'bestPractices.more')),
  ],
  preview: sectionPreview('Best Practices', ['development', 'deployment', 'logging', 'security']),
})
