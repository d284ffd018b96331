import {DocumentIcon} from '@sanity/icons/Document'
import {defineField, defineType} from 'sanity'
import {hasContent} from '../converter/content.ts'
import {
  DISPLAY_FIELDSET,
  FRONT_MATTER_GROUPS,
  frontMatterFields,
  POST_ORDERINGS,
  POST_PREVIEW,
} from './frontMatterFields.ts'

export const POST = 'post'

/**
 * A post that follows no archetype: the blog's front matter and one rich-text
 * body, published exactly as written. Hand-written posts and imports that are
 * not system designs live here.
 */
export const postType = defineType({
  name: POST,
  title: 'Post',
  type: 'document',
  icon: DocumentIcon,
  description: 'A post written freely, with its own headings. Nothing is added around the text.',
  groups: [
    ...FRONT_MATTER_GROUPS.slice(0, 1),
    {name: 'body', title: 'Text'},
    ...FRONT_MATTER_GROUPS.slice(1),
  ],
  fieldsets: [DISPLAY_FIELDSET],
  fields: [
    ...frontMatterFields(),
    defineField({
      name: 'body',
      title: 'Text',
      type: 'postBody',
      group: 'body',
      description:
        'The whole post as readers see it: headings, paragraphs, lists, code, formulas, images and lines. It is published as written, with no heading, table of contents or closing line added.',
      validation: (rule) =>
        rule
          .custom((value: unknown) =>
            hasContent(value)
              ? true
              : 'The post has no text yet: only its title would be published.',
          )
          .warning(),
    }),
  ],
  orderings: POST_ORDERINGS,
  preview: POST_PREVIEW,
})
