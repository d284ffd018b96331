import {defineArrayMember, defineField, defineType} from 'sanity'

/**
 * Rich text for the archetype's prose slots. It allows what the blog renders
 * well: sub-headings (h3/h4, under the section's own h2), lists, code, images,
 * tables, LaTeX formulas and, for experts, raw HTML.
 */
export const blockContentType = defineType({
  name: 'blockContent',
  title: 'Rich text',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Paragraph', value: 'normal'},
        {title: 'Sub-heading', value: 'h3'},
        {title: 'Minor heading', value: 'h4'},
        {title: 'Quote', value: 'blockquote'},
      ],
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
  ],
})
