import {BookIcon} from '@sanity/icons/Book'
import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

export const CITATION_KINDS = [
  {title: 'Book', value: 'book'},
  {title: 'Article', value: 'article'},
  {title: 'Blog post', value: 'blog'},
  {title: 'Research paper', value: 'paper'},
  {title: 'Documentation', value: 'docs'},
  {title: 'Case study', value: 'case-study'},
] as const

export const citationType = defineType({
  name: 'citation',
  title: 'Reference',
  type: 'object',
  icon: BookIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'inlineText',
      description:
        'As you would cite it, for example “Designing Data-Intensive Applications (Kleppmann, 2017)”.',
      validation: (rule) => rule.required().error('A reference needs a title to be listed.'),
    }),
    defineField({
      name: 'url',
      title: 'Address',
      type: 'url',
      description: 'Optional. A full web address starting with https://.',
      validation: (rule) =>
        rule
          .uri({scheme: ['http', 'https']})
          .error('The address must start with http:// or https://, or the link will not work.'),
    }),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      options: {list: [...CITATION_KINDS], layout: 'radio', direction: 'horizontal'},
      description: 'Shown after the title, so readers know what they are clicking.',
    }),
  ],
  preview: {
    select: {title: 'title', url: 'url', kind: 'kind'},
    prepare: ({title, url, kind}: {title?: unknown; url?: string; kind?: string}) => ({
      title: previewText(title) || 'Untitled reference',
      // Books are often cited without an address; the kind still tells entries apart.
      subtitle:
        [CITATION_KINDS.find((k) => k.value === kind)?.title, url].filter(Boolean).join(' · ') ||
        'No address',
    }),
  },
})
