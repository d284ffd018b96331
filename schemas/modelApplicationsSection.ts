import {defineArrayMember, defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelApplicationsSectionType = defineType({
  name: 'modelApplicationsSection',
  title: 'Applications',
  type: 'object',
  fields: [
    defineField({
      name: 'domains',
      title: 'Applications',
      type: 'array',
      of: [defineArrayMember({type: 'modelApplication'})],
      description: 'Real-world uses of the model, one per domain. They are numbered automatically.',
    }),
    defineField({
      name: 'benchmarks',
      title: 'Benchmark results',
      type: 'array',
      of: [defineArrayMember({type: 'benchmarkRow'})],
      description: 'One row per dataset and metric. Shown as a table.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'applications.more')),
  ],
  preview: sectionPreview('Applications', ['domains', 'benchmarks']),
})
