import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

export const benchmarkRowType = defineType({
  name: 'benchmarkRow',
  title: 'Benchmark result',
  type: 'object',
  fields: [
    defineField({
      name: 'dataset',
      title: 'Dataset',
      type: 'inlineText',
      description: 'For example “WMT 2014 En→De”.',
      validation: (rule) =>
        rule.required().warning('A row without a dataset leaves its first cell empty.'),
    }),
    defineField({
      name: 'metric',
      title: 'Metric',
      type: 'inlineText',
      description: 'For example “BLEU”.',
    }),
    defineField({
      name: 'score',
      title: 'Score',
      type: 'inlineText',
      description: 'For example “28.4”.',
    }),
    defineField({
      name: 'comparison',
      title: 'Comparison',
      type: 'inlineText',
      description:
        'Against a baseline or the state of the art, for example “+2.0 vs. best ensemble”.',
    }),
  ],
  preview: {
    select: {dataset: 'dataset', metric: 'metric', score: 'score'},
    prepare: ({
      dataset,
      metric,
      score,
    }: {
      dataset?: unknown
      metric?: unknown
      score?: unknown
    }) => ({
      title: previewText(dataset) || 'Empty row',
      subtitle: [previewText(metric), previewText(score)].filter(Boolean).join(': '),
    }),
  },
})
