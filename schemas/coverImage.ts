import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'

export const coverImageType = defineType({
  name: 'coverImage',
  title: 'Cover image',
  type: 'object',
  icon: ImageIcon,
  description:
    'Optional. The picture PaperMod can show at the top of the post and in link previews.',
  fields: [
    defineField({name: 'image', title: 'Image', type: 'image', options: {hotspot: true}}),
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description: 'Describe the picture for readers who cannot see it.',
      validation: (rule) =>
        rule.custom((alt, context) => {
          const parent = context.parent as {image?: {asset?: unknown}} | undefined
          if (parent?.image?.asset && !alt?.trim())
            return 'A cover image needs alternative text: screen readers and search engines rely on it.'
          return true
        }),
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Optional. Shown under the image.',
    }),
    defineField({
      name: 'relative',
      title: 'Image stored next to the post',
      type: 'boolean',
      initialValue: false,
      description:
        'Leave off. The exporter turns this on by itself when it stores the image beside the post file.',
    }),
    defineField({
      name: 'hidden',
      title: 'Hide on the post page',
      type: 'boolean',
      initialValue: true,
      description:
        'When on, the image is only used for link previews and not shown above the post.',
    }),
  ],
})
