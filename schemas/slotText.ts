import {defineType} from 'sanity'
import {richTextMembers} from './blockContent.ts'

/**
 * A slot the archetype writes as a list (key challenges, responsibilities,
 * takeaways…) or as a few paragraphs, typed in one editor: each bullet is a
 * line of the list. Formatted like a post's body, without headings or blocks.
 */
export const slotTextType = defineType({
  name: 'slotText',
  title: 'List or paragraphs',
  type: 'array',
  of: richTextMembers('slotText'),
})
