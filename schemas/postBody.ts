import {defineArrayMember, defineType} from 'sanity'
import {richTextMembers} from './blockContent.ts'

/**
 * The rich text of a generic post: the archetype's rich text with every
 * heading level, since nothing is generated around it, and horizontal rules.
 */
export const postBodyType = defineType({
  name: 'postBody',
  title: 'Post text',
  type: 'array',
  of: [...richTextMembers('postBody'), defineArrayMember({type: 'horizontalRule'})],
})
