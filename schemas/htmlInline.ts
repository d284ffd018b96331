import {CodeIcon} from '@sanity/icons/Code'
import {defineField, defineType} from 'sanity'

export const htmlInlineType = defineType({
  name: 'htmlInline',
  title: 'Inline HTML',
  type: 'object',
  icon: CodeIcon,
  description:
    'HTML inside a sentence, written into the post as it is, for example <kbd>Ctrl</kbd> or <sup>2</sup>. Only for people who know HTML.',
  fields: [
    defineField({
      name: 'html',
      title: 'HTML',
      type: 'string',
      validation: (rule) =>
        rule.required().warning('Empty inline HTML adds nothing and is left out.'),
    }),
  ],
  preview: {
    select: {html: 'html'},
    prepare: ({html}: {html?: string}) => ({
      title: html || 'Empty inline HTML',
      subtitle: 'Inline HTML',
    }),
  },
})
