import {PAPERMOD_SWITCHES} from '../../schemas/constants.ts'

/**
 * The PaperMod front matter every archetype of this blog starts with, in the
 * archetypes' key order. Pure data, interpreted by converter/render/frontMatter.ts
 * and listed by the mapping table.
 */
export type FrontMatterKey =
  | {
      readonly key: string
      readonly kind: 'string' | 'draft' | 'list'
      readonly field: string
    }
  /**
   * A date, written with the offset it was stored with. `required` dates stop the
   * post when missing; the others are left out. `label` names the field in errors.
   */
  | {
      readonly key: string
      readonly kind: 'date'
      readonly field: string
      readonly required: boolean
      readonly label: string
    }
  /** The post's value, else the site default. */
  | {readonly key: 'author'; readonly kind: 'author'; readonly field: string}
  | {
      readonly key: string
      readonly kind: 'switch'
      readonly field: string
      readonly default: boolean
    }
  /** The post's override, else `<baseURL>/<section>/<slug>/`. */
  | {readonly key: 'canonicalURL'; readonly kind: 'canonical'; readonly field: string}
  | {
      readonly key: 'cover' | 'editPost'
      readonly kind: 'cover' | 'editPost'
      readonly field: string
      readonly children: readonly {readonly key: string; readonly field: string}[]
    }
  /** From the render options (old slugs), not from the document. */
  | {readonly key: 'aliases'; readonly kind: 'aliases'}

const switchKey = (s: (typeof PAPERMOD_SWITCHES)[number]): FrontMatterKey => ({
  key: s.key,
  kind: 'switch',
  field: s.key,
  default: s.default,
})

// The archetype puts the first four switches before description and the rest after canonicalURL.
const [showToc, tocOpen, hidemeta, comments, ...laterSwitches] = PAPERMOD_SWITCHES

export const PAPERMOD_FRONT_MATTER: readonly FrontMatterKey[] = [
  {key: 'title', kind: 'string', field: 'title'},
  {key: 'date', kind: 'date', field: 'date', required: true, label: 'publication date and time'},
  // Not in the archetype. Right after `date`, where Hugo's documentation and most
  // Hugo sites put them, so the three dates that decide when a post shows are read together.
  {
    key: 'publishDate',
    kind: 'date',
    field: 'publishDate',
    required: false,
    label: 'time to appear on the blog',
  },
  {
    key: 'expiryDate',
    kind: 'date',
    field: 'expiryDate',
    required: false,
    label: 'time to be removed from the blog',
  },
  {key: 'draft', kind: 'draft', field: 'hugoDraft'},
  {key: 'tags', kind: 'list', field: 'tags'},
  {key: 'categories', kind: 'list', field: 'categories'},
  {key: 'author', kind: 'author', field: 'author'},
  ...[showToc, tocOpen, hidemeta, comments].flatMap((s) => (s ? [switchKey(s)] : [])),
  {key: 'description', kind: 'string', field: 'description'},
  {key: 'canonicalURL', kind: 'canonical', field: 'canonicalURL'},
  ...laterSwitches.map(switchKey),
  {
    key: 'cover',
    kind: 'cover',
    field: 'cover',
    // The archetype's keys in its order, then the ones PaperMod added later.
    // `image` is the uploaded picture, else `cover.address`; `relative` is set
    // from the layout for an uploaded one. The three switches are written from
    // the two choices (converter/cover.ts).
    children: [
      {key: 'image', field: 'cover.image'},
      {key: 'alt', field: 'cover.alt'},
      {key: 'caption', field: 'cover.caption'},
      {key: 'title', field: 'cover.title'},
      {key: 'relative', field: 'cover.relative'},
      {key: 'hidden', field: 'cover.showOnPostPage'},
      {key: 'hiddenInList', field: 'cover.showInLists'},
      {key: 'hiddenInSingle', field: 'cover.showOnPostPage'},
    ],
  },
  {
    key: 'editPost',
    kind: 'editPost',
    field: 'editPost',
    children: ['URL', 'Text', 'appendFilePath'].map((key) => ({key, field: `editPost.${key}`})),
  },
  {key: 'aliases', kind: 'aliases'},
]
