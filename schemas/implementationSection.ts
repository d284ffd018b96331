import {defineArrayMember, defineField, defineType} from 'sanity'
import {sectionPreview} from './preview.ts'

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
      type: 'array',
      of: [defineArrayMember({type: 'code', options: {withFilename: true}})],
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
  ],
  preview: sectionPreview('Implementation Details', ['techStack', 'codeExamples', 'configuration']),
})
