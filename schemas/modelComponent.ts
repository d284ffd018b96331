import {ComponentIcon} from '@sanity/icons/Component'
import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const modelComponentType = defineType({
  name: 'modelComponent',
  title: 'Component',
  type: 'object',
  icon: ComponentIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description:
        'Shown as the heading “Component 1: <name>”, for example “Multi-Head Attention”.',
      validation: (rule) =>
        rule.required().warning('Without a name the heading reads just “Component 1”.'),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'blockContent',
      description: 'What the component does and how, in detail.',
    }),
    defineField({
      name: 'formula',
      title: 'Mathematical formulation',
      type: 'mathBlock',
      description:
        'Optional. Shown under “**Mathematical Formulation:**” as a display formula, in LaTeX without the $$.',
    }),
    defineField({
      name: 'variables',
      title: 'Where',
      type: 'slotText',
      description:
        'Optional. What each symbol of the formula stands for, one per line, for example “$d_k$ is the key dimension”. Shown under “Where:”.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'components[].more')),
  ],
  preview: {
    select: {title: 'name', tex: 'formula.tex'},
    prepare: ({title, tex}: {title?: unknown; tex?: string}) => ({
      title: previewText(title) || 'Unnamed component',
      subtitle: tex ? `$$ ${tex} $$` : '',
    }),
  },
})
