import {ChevronDownIcon} from '@sanity/icons/ChevronDown'
import {defineField, defineType} from 'sanity'
import {richTextMembers} from './blockContent.ts'

/** A fold-out: a summary line the reader clicks to show the text under it (HTML `<details>`). */
export const detailsType = defineType({
  name: 'details',
  title: 'Fold-out',
  type: 'object',
  icon: ChevronDownIcon,
  fields: [
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'string',
      description: 'The line readers click to open it, for example “Show the full derivation”.',
      validation: (rule) => rule.required().warning('Without a summary, browsers show “Details”.'),
    }),
    defineField({
      name: 'open',
      title: 'Open at first',
      type: 'boolean',
      description: 'Shows the text unfolded when the page loads; readers can still fold it away.',
      initialValue: false,
    }),
    defineField({
      name: 'body',
      title: 'Text',
      type: 'array',
      description: 'What readers see when they open the fold-out.',
      of: richTextMembers('blockContent', {details: false}),
    }),
  ],
  preview: {
    select: {summary: 'summary'},
    prepare: ({summary}: {summary?: string}) => ({
      title: summary || 'Fold-out without a summary',
      subtitle: 'Fold-out',
    }),
  },
})
