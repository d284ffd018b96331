import {ComponentIcon} from '@sanity/icons/Component'
import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {rowPreview} from './previewText.ts'

export const systemComponentType = defineType({
  name: 'systemComponent',
  title: 'Component',
  type: 'object',
  icon: ComponentIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'Shown as the heading “Component 1: <name>”, for example “API Gateway”.',
      validation: (rule) =>
        rule.required().warning('Without a name the heading reads just “Component 1”.'),
    }),
    defineField({
      name: 'purpose',
      title: 'Purpose',
      type: 'inlineText',
      description: 'What this component does, in a sentence.',
    }),
    defineField({
      name: 'responsibilities',
      title: 'Responsibilities',
      type: 'slotText',
      description: 'What it is in charge of. One short line each.',
    }),
    defineField({
      name: 'technologyChoices',
      title: 'Technology choices',
      type: 'inlineText',
      description: 'The technologies used, for example “Envoy, Lua filters”.',
    }),
    defineField({
      name: 'keyFeatures',
      title: 'Key features',
      type: 'slotText',
      description: 'Optional. Features worth calling out.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'components[].more')),
  ],
  preview: {
    select: {title: 'name', subtitle: 'purpose'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Component'),
  },
})
