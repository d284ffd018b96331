import {defineField, defineType} from 'sanity'

/**
 * A line across the page (`---` in markdown), as hand-written posts use to
 * set off a closing remark. Sanity objects need a field; this one has nothing
 * to choose, so its only field is hidden.
 */
export const horizontalRuleType = defineType({
  name: 'horizontalRule',
  title: 'Horizontal line',
  type: 'object',
  description: 'A thin line across the page, to separate parts of the post.',
  fields: [
    defineField({
      name: 'style',
      title: 'Style',
      type: 'string',
      hidden: true,
      description: 'Always a plain line. Nothing to fill in.',
    }),
  ],
  preview: {
    prepare: () => ({title: '———', subtitle: 'Horizontal line'}),
  },
})
