import type {FieldGroupDefinition} from 'sanity'

/**
 * Field groups follow the archetype's areas, in its order, so a writer can work
 * through the post tab by tab the way they would read it.
 */
export const GROUPS = [
  {name: 'post', title: 'Post details', default: true},
  {name: 'intro', title: 'Introduction'},
  {name: 'problem', title: 'Problem & requirements'},
  {name: 'architecture', title: 'Architecture'},
  {name: 'design', title: 'Design decisions'},
  {name: 'flow', title: 'Data flow & scale'},
  {name: 'implementation', title: 'Implementation'},
  {name: 'practice', title: 'Trade-offs & practice'},
  {name: 'closing', title: 'Conclusion & sources'},
  {name: 'settings', title: 'Display settings'},
] as const satisfies readonly FieldGroupDefinition[]

/** Values the archetype's front matter starts every new post with. */
export const ARCHETYPE_DEFAULTS = {
  tags: ['system design', 'architecture', 'distributed systems', 'scalability'],
  categories: ['System Design', 'Engineering'],
  author: 'ArionDas',
} as const

/**
 * The model-family archetype's front matter: its tags and categories, and
 * how its description reads (an example for the writer, never a value: a
 * placeholder left in would be published).
 */
export const MODEL_FAMILY_DEFAULTS = {
  tags: ['model', 'architecture', 'deep learning', 'machine learning'],
  categories: ['Model Family', 'Deep Learning'],
  description:
    'A comprehensive guide to the Transformer architecture, exploring its key features, implementation, and applications.',
} as const

/** The topic-knowledge archetype's front matter, read the same way. */
export const TOPIC_KNOWLEDGE_DEFAULTS = {
  tags: ['machine learning', 'deep learning', 'tutorial', 'concepts'],
  categories: ['Knowledge', 'Tutorial'],
  description:
    'A comprehensive guide to understanding KL divergence, covering fundamental concepts, mathematical foundations, and practical applications.',
} as const

/**
 * PaperMod's per-post switches, in the archetype's front-matter order, with its
 * defaults. The converter writes them in this order; the schema declares one
 * boolean field for each.
 */
export const PAPERMOD_SWITCHES = [
  {
    key: 'showToc',
    default: true,
    title: 'Show table of contents',
    description: 'PaperMod adds its own table of contents at the top of the post.',
  },
  {
    key: 'TocOpen',
    default: false,
    title: 'Open the table of contents',
    description: 'When on, the table of contents starts expanded.',
  },
  {
    key: 'hidemeta',
    default: false,
    title: 'Hide date and author line',
    description: 'Hides the line with the date, reading time and author under the title.',
  },
  {
    key: 'comments',
    default: false,
    title: 'Comments',
    description: 'Shows the comments box, if the blog has comments set up.',
  },
  {
    key: 'disableHLJS',
    default: false,
    title: 'Turn off code highlighting script',
    description: 'Leave off unless code blocks look wrong.',
  },
  {
    key: 'disableShare',
    default: false,
    title: 'Hide share buttons',
    description: 'Hides the buttons for sharing the post on social media.',
  },
  {
    key: 'hideSummary',
    default: false,
    title: 'Hide summary in lists',
    description: 'Hides the short summary shown for this post on list pages.',
  },
  {
    key: 'searchHidden',
    default: false,
    title: 'Hide from site search',
    description: 'The post will not appear in the blog’s search results.',
  },
  {
    key: 'ShowReadingTime',
    default: true,
    title: 'Show reading time',
    description: 'Shows “5 min read” next to the date.',
  },
  {
    key: 'ShowBreadCrumbs',
    default: true,
    title: 'Show breadcrumbs',
    description: 'Shows “Home » Posts” above the title.',
  },
  {
    key: 'ShowPostNavLinks',
    default: true,
    title: 'Show previous/next links',
    description: 'Links to the previous and next posts at the bottom.',
  },
  {
    key: 'ShowWordCount',
    default: true,
    title: 'Show word count',
    description: 'Shows the number of words next to the date.',
  },
  {
    key: 'ShowRssButtonInSectionTermList',
    default: true,
    title: 'Show RSS button',
    description: 'Shows the RSS feed button on section and tag pages.',
  },
  {
    key: 'UseHugoToc',
    default: true,
    title: 'Use Hugo’s table of contents',
    description: 'Builds the table of contents with Hugo. Leave on.',
  },
] as const

export type PaperModSwitch = (typeof PAPERMOD_SWITCHES)[number]['key']

/**
 * The text styles each rich-text type offers, in the editor's order. The
 * schema builds its block types from these and the converter writes exactly
 * these, reporting any other style it finds.
 */
export const TEXT_STYLES = {
  /**
   * A section's prose sits under the section's own `##` heading: sub-headings,
   * and a new `##` section of the writer's own where the archetype has none.
   */
  blockContent: [
    {title: 'Paragraph', value: 'normal'},
    {title: 'Sub-heading', value: 'h3'},
    {title: 'Minor heading', value: 'h4'},
    {title: 'Quote', value: 'blockquote'},
    {title: 'Section heading (new section)', value: 'h2'},
  ],
  /** A whole post written freely has every heading level, from its own main heading down. */
  postBody: [
    {title: 'Paragraph', value: 'normal'},
    {title: 'Main heading', value: 'h1'},
    {title: 'Section heading', value: 'h2'},
    {title: 'Sub-heading', value: 'h3'},
    {title: 'Minor heading', value: 'h4'},
    {title: 'Quote', value: 'blockquote'},
  ],
  /** A slot's list or short paragraphs: no headings, nothing but text. */
  slotText: [{title: 'Paragraph', value: 'normal'}],
  /** One line of a slot: a name, a value, a table cell. */
  inlineText: [{title: 'Paragraph', value: 'normal'}],
} as const

/** The schema's rich-text types. */
export type RichTextType = keyof typeof TEXT_STYLES

/**
 * What else each rich-text type holds beyond formatted text: lists, and
 * blocks such as code, images, tables, formulas, HTML and foldable details.
 */
export const RICH_TEXT_PARTS: Readonly<
  Record<RichTextType, {readonly lists: boolean; readonly blocks: boolean; readonly rule: boolean}>
> = {
  blockContent: {lists: true, blocks: true, rule: false},
  postBody: {lists: true, blocks: true, rule: true},
  slotText: {lists: true, blocks: false, rule: false},
  inlineText: {lists: false, blocks: false, rule: false},
}
