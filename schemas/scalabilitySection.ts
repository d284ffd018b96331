import {defineArrayMember, defineField, defineType} from 'sanity'
import {sectionPreview} from './preview.ts'

export const scalabilitySectionType = defineType({
  name: 'scalabilitySection',
  title: 'Scalability considerations',
  type: 'object',
  fields: [
    defineField({
      name: 'horizontal',
      title: 'Horizontal scaling',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'How to scale out by adding machines.',
    }),
    defineField({
      name: 'vertical',
      title: 'Vertical scaling',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'When and how to scale up with bigger machines.',
    }),
    defineField({
      name: 'cacheLayers',
      title: 'Cache layers',
      type: 'array',
      of: [defineArrayMember({type: 'cacheLayer'})],
      description: 'Each cache in front of the data, outermost first.',
    }),
    defineField({
      name: 'cacheInvalidation',
      title: 'Cache invalidation',
      type: 'text',
      rows: 2,
      description: 'How stale entries are removed or refreshed.',
    }),
    defineField({
      name: 'sharding',
      title: 'Database sharding',
      type: 'object',
      description: 'If applicable: how data is split across databases.',
      fields: [
        defineField({
          name: 'strategy',
          title: 'Sharding strategy',
          type: 'string',
          description: 'For example “hash-based”.',
        }),
        defineField({
          name: 'shardKey',
          title: 'Shard key selection',
          type: 'string',
          description: 'The field that decides the shard.',
        }),
        defineField({
          name: 'distribution',
          title: 'Data distribution',
          type: 'string',
          description: 'How evenly data spreads, and how it is rebalanced.',
        }),
      ],
    }),
    defineField({
      name: 'loadBalancing',
      title: 'Load balancing',
      type: 'object',
      fields: [
        defineField({
          name: 'algorithm',
          title: 'Algorithm',
          type: 'string',
          description: 'For example “least connections”.',
        }),
        defineField({
          name: 'healthChecks',
          title: 'Health checks',
          type: 'string',
          description: 'How unhealthy machines are noticed, for example “HTTP /health every 5 s”.',
        }),
        defineField({
          name: 'failover',
          title: 'Failover strategy',
          type: 'string',
          description:
            'What happens when a machine fails, for example “traffic moves to the standby zone”.',
        }),
      ],
    }),
  ],
  preview: sectionPreview('Scalability Considerations', [
    'horizontal',
    'vertical',
    'cacheLayers',
    'cacheInvalidation',
  ]),
})
