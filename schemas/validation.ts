import type {CustomValidator} from 'sanity'
import {hasContent} from '../converter/content.ts'

/**
 * Use as `rule.custom(warnWhenEmpty('Heading')).warning()`. A warning, not an
 * error, because an empty section is a legitimate choice: the post is still
 * exported, without that heading. The `.warning()` is what sets the level:
 * validation ignores a level returned by the validator itself, so without it
 * the Studio would show an error and block publishing.
 */
export function warnWhenEmpty(sectionHeading: string): CustomValidator<unknown> {
  return (value) =>
    hasContent(value)
      ? true
      : `Empty: the “${sectionHeading}” section will be left out of the post.`
}
