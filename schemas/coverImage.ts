import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'
import {isArchetypePlaceholder} from '../converter/cover.ts'

interface CoverValue {
  image?: {asset?: unknown}
  address?: string
}

const isUploaded = (cover: CoverValue | undefined) => Boolean(cover?.image?.asset)
const hasPicture = (cover: CoverValue | undefined) =>
  isUploaded(cover) || Boolean(cover?.address?.trim())

const placeholderWarning = (text: string | undefined) =>
  text !== undefined && isArchetypePlaceholder(text)
    ? `“${text.trim()}” is the archetype’s placeholder, not real text: it is published as it stands.`
    : true

/**
 * The picture is an upload, or, when there is none, an address: a post
 * imported with a cover whose file was not found keeps it that way, and a
 * writer can point at a picture hosted elsewhere. The switches say where it is
 * shown; the converter turns them into PaperMod's keys.
 */
export const coverImageType = defineType({
  name: 'coverImage',
  title: 'Cover image',
  type: 'object',
  icon: ImageIcon,
  description:
    'Optional. The picture PaperMod can show at the top of the post and in lists, and that link previews use.',
  fields: [
    defineField({name: 'image', title: 'Image', type: 'image', options: {hotspot: true}}),
    defineField({
      name: 'address',
      title: 'Image address (not uploaded)',
      type: 'string',
      description:
        'Only for a picture that is not uploaded here: its web address, or its path on the blog such as /images/cover.png. An uploaded image above is used instead. An imported post whose cover file was not found keeps its address here.',
      hidden: ({parent, value}) => isUploaded(parent as CoverValue | undefined) && !value,
      validation: (rule) =>
        rule
          .custom((address: string | undefined, context) => {
            if (address === undefined || address.trim() === '') return true
            if (isArchetypePlaceholder(address))
              return `“${address.trim()}” is the archetype’s placeholder, not a picture: link previews point at an image that does not exist. Upload a picture, or remove the cover.`
            if (isUploaded(context.parent as CoverValue | undefined))
              return 'The uploaded image is used; this address is ignored. Clear it to avoid confusion.'
            return 'This picture is not uploaded: the blog shows it only if it exists at this address. Upload it above to be sure it is published with the post.'
          })
          .warning(),
    }),
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description: 'Describe the picture for readers who cannot see it.',
      validation: (rule) => [
        rule
          .custom((alt: string | undefined, context) => {
            if (hasPicture(context.parent as CoverValue | undefined) && !alt?.trim())
              return 'A cover image needs alternative text: screen readers and search engines rely on it.'
            return true
          })
          .error(),
        rule.custom(placeholderWarning).warning(),
      ],
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Optional. Shown under the image on the post page.',
      validation: (rule) => rule.custom(placeholderWarning).warning(),
    }),
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description:
        'Kept from the imported post’s front matter. PaperMod does not show it; clear it if it is not needed.',
      hidden: ({value}) => value === undefined,
    }),
    defineField({
      name: 'showOnPostPage',
      title: 'Show on the post page',
      type: 'boolean',
      initialValue: false,
      description:
        'Shows the picture above the post. Off: the blog keeps it for link previews only.',
    }),
    defineField({
      name: 'showInLists',
      title: 'Show in lists',
      type: 'boolean',
      initialValue: false,
      description: 'Shows the picture with the post on the home page and in lists of posts.',
    }),
    defineField({
      name: 'relative',
      title: 'Address relative to the post',
      type: 'boolean',
      description:
        'PaperMod’s “relative” switch for an address, as the imported post had it. For an uploaded image the exporter sets it from where it stores the file.',
      hidden: true,
      readOnly: true,
    }),
  ],
})
