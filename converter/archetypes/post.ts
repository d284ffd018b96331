import {type Archetype, postBody} from './spec.ts'

/**
 * The generic post: the blog's front matter, then the text exactly as the
 * writer laid it out. No headline, opening sentence, table of contents,
 * sections or closing lines are generated, so a hand-written post exports as
 * it was written.
 */
export const postArchetype: Archetype = {
  type: 'post',
  opening: [],
  lead: [postBody('body')],
  sections: [],
  footer: [],
}
