import type {CustomValidator} from 'sanity'
import {hasContent} from '../converter/content.ts'

/**
 * A warning, not an error, because an empty section is a legitimate choice:
 * the post is still exported, without that heading.
 */
export function warnWhenEmpty(sectionHeading: string): CustomValidator<unknown> {
  return (value) =>
    hasContent(value)
      ? true
      : {
          message: `Empty: the “${sectionHeading}” section will be left out of the post.`,
          level: 'warning',
        }
}
