import {defineField, defineType} from 'sanity'

export const htmlEmbedType = defineType({
  name: 'htmlEmbed',
  title: 'HTML embed',
  type: 'object',
  description:
    'Raw HTML that goes into the post exactly as written, for embeds such as videos or widgets. Only for people who know HTML: a mistake here can break the page layout.',
  fields: [
    defineField({
      name: 'html',
      title: 'HTML',
      type: 'text',
      rows: 6,
      validation: (rule) =>
        rule.required().warning('An empty embed adds nothing to the post and is left out.'),
    }),
  ],
  preview: {
    select: {html: 'html'},
    prepare: ({html}: {html?: string}) => ({
      title: html ? html.slice(0, 80) : 'Empty HTML embed',
      subtitle: 'HTML embed',
    }),
  },
})
