import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const implementationSectionType = defineType({
  name: 'implementationSection',
  title: 'Implementation details',
  type: 'object',
  fields: [
    defineField({
      name: 'techStack',
      title: 'Technology stack',
      type: 'array',
      of: [defineArrayMember({type: 'techStackRow'})],
      description: 'One row per part of the system: the technology and why. Shown as a table.',
    }),
    defineField({
      name: 'codeExamples',
      title: 'Code examples',
      type: 'blockContent',
      description:
        'Short, runnable snippets of a core component. Pick the language so it is highlighted.',
    }),
    defineField({
      name: 'configuration',
      title: 'Configuration (YAML)',
      type: 'text',
      rows: 10,
      description: 'An example configuration file in YAML, shown as a code block.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'implementation.more')),
  ],
  preview: sectionPreview('Implementation Details', ['techStack', 'codeExamples', 'configuration']),
})
