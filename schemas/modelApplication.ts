import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const modelApplicationType = defineType({
  name: 'modelApplication',
  title: 'Application',
  type: 'object',
  fields: [
    defineField({
      name: 'domain',
      title: 'Domain',
      type: 'inlineText',
      description:
        'Shown as the heading “Application 1: <domain>”, for example “Machine Translation”.',
      validation: (rule) =>
        rule.required().warning('Without a domain the heading reads just “Application 1”.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'blockContent',
      description: 'How the model is used there.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'applications.domains[].more')),
  ],
  preview: {
    select: {title: 'domain', body: 'description'},
    prepare: ({title, body}: {title?: unknown; body?: unknown}) => ({
      title: previewText(title) || 'Unnamed application',
      subtitle: previewText(body),
    }),
  },
})
