import {defineArrayMember, defineField, defineType} from 'sanity'
import {TEXT_STYLES} from './constants.ts'

export interface TextStyle {
  readonly title: string
  readonly value: string
}

/**
 * The members of the blog's rich text: what the blog renders well, that is
 * text blocks in the given styles with lists, code, images, tables, LaTeX
 * formulas and, for experts, raw HTML. Each rich-text type picks its styles
 * and may add members of its own.
 */
export function richTextMembers(styles: readonly TextStyle[]) {
  return [
    defineArrayMember({
      type: 'block',
      styles: styles.map((style) => ({...style})),
      lists: [
        {title: 'Bullet list', value: 'bullet'},
        {title: 'Numbered list', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Bold', value: 'strong'},
          {title: 'Italic', value: 'em'},
          {title: 'Code', value: 'code'},
          {title: 'Strikethrough', value: 'strike-through'},
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Link',
            type: 'object',
            fields: [
              defineField({
                name: 'href',
                title: 'Address',
                type: 'url',
                description:
                  'A full web address (https://…), a mail address (mailto:…) or a path on this blog (/posts/…).',
                validation: (rule) =>
                  rule
                    .required()
                    .uri({scheme: ['http', 'https', 'mailto'], allowRelative: true})
                    .error('A link without a valid address cannot be clicked.'),
              }),
            ],
          }),
        ],
      },
      of: [defineArrayMember({type: 'mathInline'})],
    }),
    defineArrayMember({type: 'code', options: {withFilename: true}}),
    defineArrayMember({
      type: 'image',
      name: 'image',
      title: 'Image',
      options: {hotspot: true},
      fields: [
        defineField({
          name: 'alt',
          title: 'Alternative text',
          type: 'string',
          description:
            'Describe the image for readers who cannot see it. Screen readers and search engines use it.',
          validation: (rule) =>
            rule
              .required()
              .warning('Without alternative text, readers using screen readers miss this image.'),
        }),
        defineField({
          name: 'caption',
          title: 'Caption',
          type: 'string',
          description: 'Shown under the image. Optional.',
        }),
      ],
      preview: {select: {title: 'alt', subtitle: 'caption', media: 'asset'}},
    }),
    defineArrayMember({type: 'table'}),
    defineArrayMember({type: 'mathBlock'}),
    defineArrayMember({type: 'htmlEmbed'}),
  ]
}

/** Rich text for the archetype's prose slots, with sub-headings under the section's heading. */
export const blockContentType = defineType({
  name: 'blockContent',
  title: 'Rich text',
  type: 'array',
  of: richTextMembers(TEXT_STYLES.blockContent),
})
