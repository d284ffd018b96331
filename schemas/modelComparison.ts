import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const modelComparisonType = defineType({
  name: 'modelComparison',
  title: 'Comparison',
  type: 'object',
  fields: [
    defineField({
      name: 'model',
      title: 'Other model',
      type: 'inlineText',
      description: 'Shown as the heading “vs. <model>”, for example “Recurrent Networks (LSTM)”.',
      validation: (rule) =>
        rule.required().warning('Without a model the heading reads just “vs.”.'),
    }),
    defineField({
      name: 'body',
      title: 'Comparison',
      type: 'blockContent',
      description: 'Performance, complexity and use cases, side by side.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'comparison.models[].more')),
  ],
  preview: {
    select: {title: 'model', body: 'body'},
    prepare: ({title, body}: {title?: unknown; body?: unknown}) => ({
      title: `vs. ${previewText(title) || '…'}`,
      subtitle: previewText(body),
    }),
  },
})
