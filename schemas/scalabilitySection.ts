import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const scalabilitySectionType = defineType({
  name: 'scalabilitySection',
  title: 'Scalability considerations',
  type: 'object',
  fields: [
    defineField({
      name: 'horizontal',
      title: 'Horizontal scaling',
      type: 'slotText',
      description: 'How to scale out by adding machines.',
    }),
    defineField({
      name: 'vertical',
      title: 'Vertical scaling',
      type: 'slotText',
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
      type: 'inlineText',
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
          type: 'inlineText',
          description: 'For example “hash-based”.',
        }),
        defineField({
          name: 'shardKey',
          title: 'Shard key selection',
          type: 'inlineText',
          description: 'The field that decides the shard.',
        }),
        defineField({
          name: 'distribution',
          title: 'Data distribution',
          type: 'inlineText',
          description: 'How evenly data spreads, and how it is rebalanced.',
        }),
        moreField(positionsAt(systemDesignArchetype, 'scalability.sharding.more')),
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
          type: 'inlineText',
          description: 'For example “least connections”.',
        }),
        defineField({
          name: 'healthChecks',
          title: 'Health checks',
          type: 'inlineText',
          description: 'How unhealthy machines are noticed, for example “HTTP /health every 5 s”.',
        }),
        defineField({
          name: 'failover',
          title: 'Failover strategy',
          type: 'inlineText',
          description:
            'What happens when a machine fails, for example “traffic moves to the standby zone”.',
        }),
        moreField(positionsAt(systemDesignArchetype, 'scalability.loadBalancing.more')),
      ],
    }),
    moreField(positionsAt(systemDesignArchetype, 'scalability.more')),
  ],
  preview: sectionPreview('Scalability Considerations', [
    'horizontal',
    'vertical',
    'cacheLayers',
    'cacheInvalidation',
  ]),
})
