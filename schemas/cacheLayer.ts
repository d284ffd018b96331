import {defineField, defineType} from 'sanity'
import {rowPreview} from './previewText.ts'

export const cacheLayerType = defineType({
  name: 'cacheLayer',
  title: 'Cache layer',
  type: 'object',
  fields: [
    defineField({
      name: 'cacheType',
      title: 'Type of cache',
      type: 'inlineText',
      description: 'For example “CDN edge cache” or “in-process LRU”.',
      validation: (rule) =>
        rule.required().warning('A layer without a type reads as an empty line.'),
    }),
    defineField({
      name: 'purpose',
      title: 'Purpose',
      type: 'inlineText',
      description: 'What it speeds up or protects.',
    }),
  ],
  preview: {
    select: {title: 'cacheType', subtitle: 'purpose'},
    prepare: ({title, subtitle}: {title?: unknown; subtitle?: unknown}) =>
      rowPreview(title, subtitle, 'Cache layer'),
  },
})
