import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

export const readingLinkType = defineType({
  name: 'readingLink',
  title: 'Further reading',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'inlineText',
      validation: (rule) => rule.required().error('An entry needs a title to be listed.'),
    }),
    defineField({
      name: 'url',
      title: 'Address',
      type: 'url',
      description: 'Optional. Without an address the title is listed as plain text.',
      validation: (rule) =>
        rule
          .uri({scheme: ['http', 'https']})
          .error('The address must start with http:// or https://, or the link will not work.'),
    }),
  ],
  preview: {
    select: {title: 'title', url: 'url'},
    prepare: ({title, url}: {title?: unknown; url?: string}) => ({
      title: previewText(title) || 'Untitled entry',
      subtitle: url || 'No address: listed as plain text',
    }),
  },
})
