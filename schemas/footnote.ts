import {defineArrayMember, defineField, defineType} from 'sanity'
import {TEXT_MARKS} from './blockContent.ts'
import {textPreview} from './previewText.ts'

/**
 * A footnote: a small number in the text, and its note at the end of the
 * post, as the blog's markdown renders `[^1]` footnotes. The note is one
 * line of formatted text (without footnotes of its own).
 */
export const footnoteType = defineType({
  name: 'footnote',
  title: 'Footnote',
  type: 'object',
  fields: [
    defineField({
      name: 'text',
      title: 'Note',
      type: 'array',
      description: 'Shown at the end of the post, numbered in the order the notes appear.',
      of: [
        defineArrayMember({
          type: 'block',
          styles: [{title: 'Paragraph', value: 'normal'}],
          lists: [],
          marks: TEXT_MARKS,
          of: [defineArrayMember({type: 'mathInline'}), defineArrayMember({type: 'htmlInline'})],
          options: {oneLine: true},
        }),
      ],
      validation: (rule) => rule.required().warning('A footnote without a note is left out.'),
    }),
  ],
  preview: {
    select: {text: 'text'},
    prepare: ({text}: {text?: unknown}) => textPreview(text, 'Footnote', 'Empty footnote'),
  },
})
