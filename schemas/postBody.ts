import {defineArrayMember, defineType} from 'sanity'
import {richTextMembers, type TextStyle} from './blockContent.ts'

/**
 * A whole post written freely: every heading level the post needs, from its
 * own main heading down, since nothing is generated around it.
 */
export const POST_BODY_TEXT_STYLES: readonly TextStyle[] = [
  {title: 'Paragraph', value: 'normal'},
  {title: 'Main heading', value: 'h1'},
  {title: 'Section heading', value: 'h2'},
  {title: 'Sub-heading', value: 'h3'},
  {title: 'Minor heading', value: 'h4'},
  {title: 'Quote', value: 'blockquote'},
]

/** The rich text of a generic post: the archetype's rich text plus h1/h2 headings and rules. */
export const postBodyType = defineType({
  name: 'postBody',
  title: 'Post text',
  type: 'array',
  of: [...richTextMembers(POST_BODY_TEXT_STYLES), defineArrayMember({type: 'horizontalRule'})],
})
