import {defineArrayMember, defineField, defineType} from 'sanity'
import {RICH_TEXT_PARTS, type RichTextType, TEXT_STYLES} from './constants.ts'

/**
 * The members of the blog's rich text, built once for every rich-text type
 * from its styles and parts (schemas/constants.ts): formatted text with the
 * same marks everywhere (a slot's one line included), and, where the type
 * allows, lists and the blocks the blog renders well: code, images, tables,
 * LaTeX formulas, fold-outs and, for experts, raw HTML.
 */

/** The formatting every piece of text takes, from a table cell to a post's body. */
export const TEXT_MARKS = {
  decorators: [
    {title: 'Bold', value: 'strong'},
    {title: 'Italic', value: 'em'},
    {title: 'Inline code', value: 'code'},
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
}

/** Objects inside a line of text: formulas, inline HTML and, except inside one, footnotes. */
function inlineObjects(footnotes: boolean) {
  return [
    defineArrayMember({type: 'mathInline'}),
    ...(footnotes ? [defineArrayMember({type: 'footnote'})] : []),
    defineArrayMember({type: 'htmlInline'}),
  ]
}

/** The text block of a rich-text type: its styles, its lists, the shared marks. */
export function textBlock(type: RichTextType, options: {footnotes?: boolean} = {}) {
  const parts = RICH_TEXT_PARTS[type]
  return defineArrayMember({
    type: 'block',
    styles: TEXT_STYLES[type].map((style) => ({...style})),
    lists: parts.lists
      ? [
          {title: 'Bullet list', value: 'bullet'},
          {title: 'Numbered list', value: 'number'},
        ]
      : [],
    marks: TEXT_MARKS,
    of: inlineObjects(options.footnotes ?? true),
    ...(type === 'inlineText' ? {options: {oneLine: true}} : {}),
  })
}

const imageMember = defineArrayMember({
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
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'Optional. Shown when a reader points at the image.',
    }),
    defineField({
      name: 'url',
      title: 'Image address (instead of an upload)',
      type: 'string',
      description:
        'Only for an image that is not uploaded here: its address on the blog or the web, written into the post as it is, e.g. /images/diagram.png.',
    }),
  ],
  preview: {select: {title: 'alt', subtitle: 'caption', media: 'asset'}},
})

/** The members of a rich-text type; `details: false` for the text inside a fold-out. */
export function richTextMembers(type: RichTextType, options: {details?: boolean} = {}) {
  const blocks = RICH_TEXT_PARTS[type].blocks
  return [
    textBlock(type),
    ...(blocks
      ? [
          defineArrayMember({type: 'code', title: 'Code block', options: {withFilename: true}}),
          imageMember,
          defineArrayMember({type: 'table'}),
          defineArrayMember({type: 'mathBlock'}),
          ...(options.details === false ? [] : [defineArrayMember({type: 'details'})]),
          defineArrayMember({type: 'htmlEmbed'}),
        ]
      : []),
  ]
}

/** Rich text for the archetype's prose slots, with sub-headings under the section's heading. */
export const blockContentType = defineType({
  name: 'blockContent',
  title: 'Rich text',
  type: 'array',
  of: richTextMembers('blockContent'),
})
