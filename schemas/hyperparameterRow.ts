import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

export const hyperparameterRowType = defineType({
  name: 'hyperparameterRow',
  title: 'Hyperparameter',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Hyperparameter',
      type: 'inlineText',
      description: 'For example “Learning Rate”.',
      validation: (rule) =>
        rule.required().warning('A row without a name leaves its first cell empty.'),
    }),
    defineField({
      name: 'value',
      title: 'Value',
      type: 'inlineText',
      description: 'For example “0.001”.',
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'inlineText',
      description: 'What it controls, in a few words.',
    }),
  ],
  preview: {
    select: {name: 'name', value: 'value', description: 'description'},
    prepare: ({
      name,
      value,
      description,
    }: {
      name?: unknown
      value?: unknown
      description?: unknown
    }) => ({
      title: [previewText(name), previewText(value)].filter(Boolean).join(' = ') || 'Empty row',
      subtitle: previewText(description),
    }),
  },
})
