import {defineType} from 'sanity'
import {textBlock} from './blockContent.ts'

/**
 * One line of formatted text: a name, a heading's title, a labelled value, a
 * table cell. The editor keeps it to one line; the text takes the same
 * formatting as a post's body (bold, italic, inline code, strikethrough,
 * links, formulas, footnotes).
 */
export const inlineTextType = defineType({
  name: 'inlineText',
  title: 'Text',
  type: 'array',
  of: [textBlock('inlineText')],
})
