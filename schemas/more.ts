import {AddIcon} from '@sanity/icons/Add'
import {defineArrayMember, defineField} from 'sanity'
import type {Position} from '../converter/archetypes/positions.ts'
import {textPreview} from './previewText.ts'

/**
 * A section's or an item's own text beyond the archetype's slots: paragraphs,
 * headings, quotes, fold-outs, formulas, images… Each piece says where it
 * goes (right under the heading, or after one of the slots), and the post
 * shows it exactly there.
 */
export function moreField(
  positions: readonly Position[],
  options: {name?: string; group?: string} = {},
) {
  const last = positions.at(-1)
  return defineField({
    name: options.name ?? 'more',
    title: 'More text',
    type: 'array',
    ...(options.group === undefined ? {} : {group: options.group}),
    description:
      'Anything the slots above have no place for: extra paragraphs, a sub-heading, a quote, a fold-out, a formula. Choose where each piece goes.',
    of: [
      defineArrayMember({
        name: 'moreText',
        title: 'Text',
        type: 'object',
        icon: AddIcon,
        fields: [
          defineField({
            name: 'at',
            title: 'Where',
            type: 'string',
            description:
              'Where the text appears: right under the heading, or after one of the parts above.',
            options: {list: positions.map((p) => ({title: p.title, value: p.id}))},
            ...(last === undefined ? {} : {initialValue: last.id}),
          }),
          defineField({
            name: 'body',
            title: 'Text',
            type: 'blockContent',
            description: 'Written into the post as it is, at the place chosen above.',
          }),
        ],
        preview: {
          select: {at: 'at', body: 'body'},
          prepare: ({at, body}: {at?: string; body?: unknown}) =>
            textPreview(
              body,
              positions.find((p) => p.id === at)?.title ?? 'At the end',
              'Empty text',
            ),
        },
      }),
    ],
  })
}
