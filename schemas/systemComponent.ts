import {ComponentIcon} from '@sanity/icons/Component'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {rowPreview} from './preview.ts'

export const systemComponentType = defineType({
  name: 'systemComponent',
  title: 'Component',
  type: 'object',
  icon: ComponentIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'Shown as the heading “Component 1: <name>”, for example “API Gateway”.',
      validation: (rule) =>
        rule.required().warning('Without a name the heading reads just “Component 1”.'),
    }),
    defineField({
      name: 'purpose',
      title: 'Purpose',
      type: 'text',
      rows: 2,
      description: 'What this component does, in a sentence.',
    }),
    defineField({
      name: 'responsibilities',
      title: 'Responsibilities',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'What it is in charge of. One short line each.',
    }),
    defineField({
      name: 'technologyChoices',
      title: 'Technology choices',
      type: 'string',
      description: 'The technologies used, for example “Envoy, Lua filters”.',
    }),
    defineField({
      name: 'keyFeatures',
      title: 'Key features',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'Optional. Features worth calling out.',
    }),
  ],
  preview: {
    select: {title: 'name', subtitle: 'purpose'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Component'),
  },
})
