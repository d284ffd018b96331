import {defineField, defineType} from 'sanity'
import {previewText, rowPreview} from './previewText.ts'

export const metricRowType = defineType({
  name: 'metricRow',
  title: 'Metric',
  type: 'object',
  fields: [
    defineField({
      name: 'metric',
      title: 'Metric',
      type: 'inlineText',
      description: 'What to watch, for example “Response Time”.',
      validation: (rule) =>
        rule.required().warning('A row without a metric leaves its first cell empty.'),
    }),
    defineField({
      name: 'threshold',
      title: 'Threshold',
      type: 'inlineText',
      description: 'The healthy range, for example “< 100ms”.',
    }),
    defineField({
      name: 'alertCondition',
      title: 'Alert condition',
      type: 'inlineText',
      description: 'When someone should be paged, for example “> 500ms”.',
    }),
  ],
  preview: {
    select: {title: 'metric', threshold: 'threshold', alert: 'alertCondition'},
    prepare: ({
      title,
      threshold,
      alert,
    }: {
      title?: unknown
      threshold?: unknown
      alert?: unknown
    }) => {
      const healthy = previewText(threshold)
      const alerting = previewText(alert)
      return rowPreview(
        title,
        [healthy && `healthy ${healthy}`, alerting && `alert ${alerting}`]
          .filter(Boolean)
          .join(' · '),
        'Empty row',
      )
    },
  },
})
