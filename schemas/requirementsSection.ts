import {defineArrayMember, defineField, defineType} from 'sanity'
import {sectionPreview} from './preview.ts'

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
        defineField({name: 'latency', title: 'Latency', type: 'string'}),
        defineField({name: 'throughput', title: 'Throughput', type: 'string'}),
        defineField({name: 'concurrentUsers', title: 'Concurrent users', type: 'string'}),
      ],
    }),
    defineField({
      name: 'scalability',
      title: 'Scalability',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
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
          type: 'string',
          description: 'For example “99.9%”.',
        }),
        defineField({
          name: 'faultTolerance',
          title: 'Fault tolerance',
          type: 'string',
          description: 'What failures it survives.',
        }),
        defineField({
          name: 'durability',
          title: 'Data durability',
          type: 'string',
          description: 'How data is kept safe.',
        }),
      ],
    }),
    defineField({
      name: 'security',
      title: 'Security',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'For example “Mutual TLS between services”.',
    }),
  ],
  preview: sectionPreview('Requirements', ['functional', 'scalability', 'security']),
})
