import {defineArrayMember, defineField, type ValidationContext} from 'sanity'
import {dateInZone, parseDateTime} from '../converter/render/date.ts'
import {describeTime, postStatus, scheduleOfFields, statusLabel} from '../converter/schedule.ts'
import {slugify, slugProblem} from '../converter/slug.ts'
import {ARCHETYPE_DEFAULTS, GROUPS, PAPERMOD_SWITCHES} from './constants.ts'
import {isDateTime, ZONED_DATETIME} from './zonedDatetime.ts'

/**
 * The Hugo front matter every post type writes, defined once so that the post
 * types cannot drift apart: the converter writes the same keys for all of them
 * (converter/archetypes/frontMatter.ts). The fields sit in the `post` and
 * `settings` groups and the `display` fieldset, so a type using them declares
 * FRONT_MATTER_GROUPS and DISPLAY_FIELDSET.
 */

const TITLE_REQUIRED = 'A post needs a title: it is the page heading and the name in every list.'

/** The groups the front-matter fields are placed in, as every post type titles them. */
export const FRONT_MATTER_GROUPS = GROUPS.filter(
  (group) => group.name === 'post' || group.name === 'settings',
)

export const DISPLAY_FIELDSET = {
  name: 'display',
  title: 'Display settings',
  description: 'How PaperMod shows the post. The defaults suit almost every post.',
  options: {collapsible: true, collapsed: true},
}

const stringList = (
  name: string,
  title: string,
  description: string,
  initialValue?: readonly string[],
) =>
  defineField({
    name,
    title,
    type: 'array',
    of: [defineArrayMember({type: 'string'})],
    // In the Post details tab, so a writer who follows the tabs sees the
    // archetype's generic tags and categories before publishing them.
    group: 'post',
    options: {layout: 'tags'},
    description,
    ...(initialValue ? {initialValue: [...initialValue]} : {}),
  })

/** The writer's zone, as their browser reports it. */
export function writerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

const fieldText = (context: ValidationContext, name: string) => {
  const value = context.document?.[name]
  return typeof value === 'string' && parseDateTime(value) !== undefined ? value : undefined
}

/** When the post appears: its own time to appear, else its date, as Hugo reads them. */
const appearsAt = (context: ValidationContext) =>
  fieldText(context, 'publishDate') ?? fieldText(context, 'date')

const hasPassed = (value: string | undefined) => {
  const at = value === undefined ? undefined : parseDateTime(value)
  return at !== undefined && at <= Date.now()
}

const futureDateNote = (value: string | undefined, context: ValidationContext) =>
  value === undefined || hasPassed(value) || fieldText(context, 'publishDate') !== undefined
    ? true
    : `A date in the future keeps the post off the blog until then: it appears at ${describeTime(value)}.`

const removedBeforeAppearing = (value: string | undefined, context: ValidationContext) => {
  const appears = appearsAt(context)
  const at = value === undefined ? undefined : parseDateTime(value)
  const appearsEpoch = appears === undefined ? undefined : parseDateTime(appears)
  return at === undefined ||
    appears === undefined ||
    appearsEpoch === undefined ||
    at > appearsEpoch
    ? true
    : `The post would be removed before it appears (${describeTime(appears)}), so it would never be shown: pick a later time, or clear this one.`
}

export interface FrontMatterDefaults {
  /** What a new post's tags and categories start as; absent, they start empty. */
  readonly tags?: readonly string[]
  readonly categories?: readonly string[]
  /** How the archetype's description reads, shown to the writer as an example. */
  readonly descriptionExample?: string
}

/** The front-matter fields, in the order the archetypes write their keys. */
export function frontMatterFields(defaults: FrontMatterDefaults = {}) {
  return [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'post',
      description: 'The post title, shown on the page, in lists and in search results.',
      validation: (rule) => [
        rule.required().error(TITLE_REQUIRED),
        // `required` accepts a title of spaces, which the exporter rejects as missing.
        rule
          .custom((value: string | undefined) =>
            value === undefined || value.trim() !== '' ? true : TITLE_REQUIRED,
          )
          .error(),
        rule.max(70).warning('Longer titles may be truncated by search engines.'),
      ],
    }),
    defineField({
      name: 'slug',
      title: 'URL slug',
      type: 'slug',
      group: 'post',
      description:
        'The last part of the post’s address and its file name, for example “consistent-hashing”. Click Generate to make it from the title. Changing it later moves the post; the old address keeps working.',
      options: {source: 'title', maxLength: 96, slugify: (input: string) => slugify(input)},
      validation: (rule) =>
        rule
          .custom((value: {current?: string} | undefined) => slugProblem(value?.current) ?? true)
          .error(),
    }),
    defineField({
      name: 'date',
      title: 'Publication date',
      type: ZONED_DATETIME,
      group: 'post',
      description:
        'Shown on the post and used to order posts, in the time zone next to it. Defaults to when you created the post.',
      initialValue: () => dateInZone(Date.now(), writerTimeZone()),
      validation: (rule) => [
        rule.required().error('A post needs a date: Hugo orders and shows posts by it.'),
        rule.custom(isDateTime).error(),
        rule.custom(futureDateNote).info(),
      ],
    }),
    defineField({
      name: 'publishDate',
      title: 'Appear on the blog at',
      type: ZONED_DATETIME,
      group: 'post',
      description:
        'Leave empty to show the post as soon as you publish it. Set a time to publish now and have the post appear then, within 15 minutes.',
      validation: (rule) => [
        rule.custom(isDateTime).error(),
        rule
          .custom((value: string | undefined) =>
            hasPassed(value)
              ? 'This time has passed: the post appears as soon as it is published.'
              : true,
          )
          .info(),
      ],
    }),
    defineField({
      name: 'expiryDate',
      title: 'Remove from the blog at',
      type: ZONED_DATETIME,
      group: 'post',
      description:
        'Leave empty to keep the post. Set a time to take it off the blog then, within 15 minutes; it stays here and in the blog’s repository.',
      validation: (rule) => [
        rule.custom(isDateTime).error(),
        rule.custom(removedBeforeAppearing).error(),
        rule
          .custom((value: string | undefined) =>
            hasPassed(value) ? 'This time has passed: the post is removed from the blog.' : true,
          )
          .info(),
      ],
    }),
    defineField({
      name: 'hugoDraft',
      title: 'Hidden on the blog (Hugo draft)',
      type: 'boolean',
      group: 'post',
      initialValue: false,
      description:
        'Publishing sends the post to the blog, where readers see it. Turn this on to keep it hidden there: the file is written to the blog as a Hugo draft, but the site does not show it. This is not the same as a draft here, which is only your unpublished changes.',
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      group: 'post',
      description: `One or two sentences for search results and link previews (50–160 characters).${
        defaults.descriptionExample ? ` For example “${defaults.descriptionExample}”` : ''
      }`,
      validation: (rule) =>
        rule
          .custom((value: string | undefined) => {
            const length = value?.trim().length ?? 0
            if (length === 0)
              return 'Without a description, search engines show the first paragraph instead.'
            if (length < 50)
              return `At ${length} characters the description is short; search engines may replace it (aim for 50–160).`
            if (length > 160)
              return `At ${length} characters the description will be cut off in search results (aim for 50–160).`
            return true
          })
          .warning(),
    }),
    stringList(
      'tags',
      'Tags',
      'Topics readers can browse by. Lowercase, for example “caching”.',
      defaults.tags,
    ),
    stringList(
      'categories',
      'Categories',
      'Broad sections of the blog, for example “System Design”.',
      defaults.categories,
    ),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'string',
      group: 'post',
      initialValue: ARCHETYPE_DEFAULTS.author,
      description: 'The name shown under the title.',
    }),
    defineField({name: 'cover', title: 'Cover image', type: 'coverImage', group: 'post'}),
    defineField({
      name: 'canonicalURL',
      title: 'Canonical address (override)',
      type: 'url',
      group: 'settings',
      description:
        'Leave empty: it is made from the blog address and the slug. Fill it in only when this post first appeared elsewhere, so search engines credit the original.',
      validation: (rule) =>
        rule.uri({scheme: ['https', 'http']}).error('The address must start with https://.'),
    }),
    defineField({
      name: 'editPost',
      title: 'Suggest-changes link',
      type: 'editPostSettings',
      group: 'settings',
      // No value of its own: left empty, the post takes the blog's setting
      // (the plugin's new-post templates fill it in from there).
    }),
    ...PAPERMOD_SWITCHES.map((s) =>
      defineField({
        name: s.key,
        title: s.title,
        type: 'boolean',
        group: 'settings',
        fieldset: 'display',
        initialValue: s.default,
        description: s.description,
      }),
    ),
  ]
}

/**
 * Newest first. Dates keep their writers' offsets, so they are compared as
 * instants (`dateTime()`), not as text.
 */
export const POST_ORDERINGS = [
  {
    title: 'Publication date, newest first',
    name: 'dateDesc',
    by: [{field: 'date', direction: 'desc' as const, mapWith: 'dateTime'}],
  },
]

interface PreviewFields {
  title?: string
  slug?: string
  date?: string
  publishDate?: string
  expiryDate?: string
  media?: unknown
  hugoDraft?: boolean
}

/** The line under a post's title: its day, address, and whether the blog shows it at `now`. */
export function postSubtitle(fields: PreviewFields, now: number): string {
  const {slug, date, hugoDraft} = fields
  return [
    date?.slice(0, 10),
    slug ? `/${slug}` : 'no slug yet',
    hugoDraft ? 'hidden on the blog' : statusLabel(postStatus(scheduleOfFields(fields), now)),
  ]
    .filter(Boolean)
    .join(' · ')
}

/** A post in lists: its title, with date, address, and Hugo-draft or schedule state underneath. */
export const POST_PREVIEW = {
  select: {
    title: 'title',
    slug: 'slug.current',
    date: 'date',
    publishDate: 'publishDate',
    expiryDate: 'expiryDate',
    media: 'cover.image',
    hugoDraft: 'hugoDraft',
  },
  prepare: (fields: PreviewFields) => ({
    title: fields.title || 'Untitled post',
    subtitle: postSubtitle(fields, Date.now()),
    media: fields.media as never,
  }),
}
