import {defineField, defineType} from 'sanity'
import {previewText, rowPreview} from './previewText.ts'

export const techStackRowType = defineType({
  name: 'techStackRow',
  title: 'Technology',
  type: 'object',
  fields: [
    defineField({
      name: 'component',
      title: 'Component',
      type: 'inlineText',
      description: 'The part of the system, for example “Cache” or “Message Queue”.',
      validation: (rule) =>
        rule.required().warning('A row without a component leaves its first cell empty.'),
    }),
    defineField({
      name: 'technology',
      title: 'Technology',
      type: 'inlineText',
      description: 'For example “Redis 7”.',
    }),
    defineField({
      name: 'reason',
      title: 'Reason',
      type: 'inlineText',
      description: 'Why this technology, in a few words.',
    }),
  ],
  preview: {
    select: {component: 'component', technology: 'technology', reason: 'reason'},
    prepare: ({
      component,
      technology,
      reason,
    }: {
      component?: unknown
      technology?: unknown
      reason?: unknown
    }) =>
      rowPreview(
        [previewText(component), previewText(technology)].filter(Boolean).join(': '),
        reason,
        'Empty row',
      ),
  },
})
