import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const requirementsSectionType = defineType({
  name: 'requirementsSection',
  title: 'Requirements',
  type: 'object',
  fields: [
    defineField({
      name: 'functional',
      title: 'Functional requirements',
      type: 'array',
      of: [defineArrayMember({type: 'labelledItem'})],
      description:
        'What the system must do, for example “Put/Get: store and fetch a value by key”.',
    }),
    defineField({
      name: 'performance',
      title: 'Performance',
      type: 'object',
      description: 'Targets, written as you want them to read, for example “< 5 ms at p99”.',
      options: {columns: 3},
      fields: [
        defineField({name: 'latency', title: 'Latency', type: 'inlineText'}),
        defineField({name: 'throughput', title: 'Throughput', type: 'inlineText'}),
        defineField({name: 'concurrentUsers', title: 'Concurrent users', type: 'inlineText'}),
        moreField(positionsAt(systemDesignArchetype, 'requirements.performance.more')),
      ],
    }),
    defineField({
      name: 'scalability',
      title: 'Scalability',
      type: 'slotText',
      description: 'How the system must grow, for example “Add nodes without downtime”.',
    }),
    defineField({
      name: 'reliability',
      title: 'Reliability',
      type: 'object',
      fields: [
        defineField({
          name: 'availability',
          title: 'Availability',
          type: 'inlineText',
          description: 'For example “99.9%”.',
        }),
        defineField({
          name: 'faultTolerance',
          title: 'Fault tolerance',
          type: 'inlineText',
          description: 'What failures it survives.',
        }),
        defineField({
          name: 'durability',
          title: 'Data durability',
          type: 'inlineText',
          description: 'How data is kept safe.',
        }),
        moreField(positionsAt(systemDesignArchetype, 'requirements.reliability.more')),
      ],
    }),
    defineField({
      name: 'security',
      title: 'Security',
      type: 'slotText',
      description: 'For example “Mutual TLS between services”.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'requirements.more')),
  ],
  preview: sectionPreview('Requirements', ['functional', 'scalability', 'security']),
})
