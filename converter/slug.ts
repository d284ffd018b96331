/**
 * Slugs become file names in the blog repo and path segments in post URLs, so
 * they are held to the narrowest safe form: lowercase ASCII kebab-case.
 * This module is imported by the schema (validation) and the converter (paths),
 * so it must stay free of heavy dependencies.
 */

export const SLUG_MAX_LENGTH = 96

/** Device names that Windows refuses as file names, whatever the extension. */
const RESERVED = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  ...Array.from({length: 9}, (_, i) => `com${i + 1}`),
  ...Array.from({length: 9}, (_, i) => `lpt${i + 1}`),
])

/**
 * Names Hugo gives a meaning of their own in a content folder: `content/posts/index.md`
 * makes the whole folder one page (a leaf bundle), hiding every other post while the
 * build still succeeds, and `_index.md` is the section's own page.
 */
const HUGO_RESERVED = new Set(['index', '_index'])

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Why a slug is unsafe, in words a writer understands, or undefined when it is fine. */
export function slugProblem(slug: string | undefined | null): string | undefined {
  if (!slug)
    return 'The post needs a URL slug: it becomes the file name and the address of the post.'
  if (slug.length > SLUG_MAX_LENGTH)
    return `The slug is ${slug.length} characters long; keep it to ${SLUG_MAX_LENGTH} or fewer.`
  if (HUGO_RESERVED.has(slug))
    return `"${slug}" is a name Hugo reserves: a post named so would hide every other post; choose another slug.`
  if (!KEBAB.test(slug))
    return 'Use only lowercase letters a–z, digits and single hyphens between words (for example "consistent-hashing").'
  if (RESERVED.has(slug))
    return `"${slug}" is a reserved file name on some systems; choose another slug.`
  return undefined
}

/**
 * Turns a title into a slug candidate. Accents are folded to ASCII; anything
 * else outside [a-z0-9] becomes a hyphen.
 */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '')
}
