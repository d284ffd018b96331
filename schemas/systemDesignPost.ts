import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {slugify, slugProblem} from '../converter/slug.ts'
import {ARCHETYPE_DEFAULTS, GROUPS, PAPERMOD_SWITCHES} from './constants.ts'
import {warnWhenEmpty} from './validation.ts'

export const SYSTEM_DESIGN_POST = 'systemDesignPost'

const TITLE_REQUIRED = 'A post needs a title: it is the page heading and the name in every list.'

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
    options: {layout: 'tags'},
    description,
    ...(initialValue ? {initialValue: [...initialValue]} : {}),
  })

export const systemDesignPostType = defineType({
  name: SYSTEM_DESIGN_POST,
  title: 'System design post',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [...GROUPS],
  fieldsets: [
    {
      name: 'display',
      title: 'Display settings',
      description: 'How PaperMod shows the post. The defaults suit almost every post.',
      options: {collapsible: true, collapsed: true},
    },
  ],
  fields: [
    // Front matter
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
      type: 'datetime',
      group: 'post',
      description:
        'Shown on the post and used to order posts. Defaults to when you created the post.',
      initialValue: () => new Date().toISOString(),
      validation: (rule) =>
        rule.required().error('A post needs a date: Hugo orders and shows posts by it.'),
    }),
    defineField({
      name: 'hugoDraft',
      title: 'Keep as Hugo draft',
      type: 'boolean',
      group: 'post',
      initialValue: false,
      description:
        'Publishing here sends the post to the blog. Turn this on to send it as a Hugo draft instead: the file is written, but the live site does not show it.',
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      group: 'post',
      description: 'One or two sentences for search results and link previews (50–160 characters).',
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
      ARCHETYPE_DEFAULTS.tags,
    ),
    stringList(
      'categories',
      'Categories',
      'Broad sections of the blog, for example “System Design”.',
      ARCHETYPE_DEFAULTS.categories,
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
      initialValue: {...ARCHETYPE_DEFAULTS.editPost},
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

    // Body, in the archetype's order
    defineField({
      name: 'systemName',
      title: 'System or concept name',
      type: 'string',
      group: 'intro',
      description:
        'Starts the main heading and the opening sentence, for example “Distributed Cache”.',
      validation: (rule) =>
        rule.required().warning('Without a name the main heading falls back to the post title.'),
    }),
    defineField({
      name: 'tagline',
      title: 'Brief description',
      type: 'string',
      group: 'intro',
      description:
        'Completes the main heading “<Name>: <brief description>”, for example “Serving Hot Data at Scale”.',
    }),
    defineField({
      name: 'introduction',
      title: 'Introduction',
      type: 'introductionSection',
      group: 'intro',
      validation: (rule) => rule.custom(warnWhenEmpty('Introduction')).warning(),
    }),
    defineField({
      name: 'problemStatement',
      title: 'Problem statement',
      type: 'problemStatementSection',
      group: 'problem',
      validation: (rule) => rule.custom(warnWhenEmpty('Problem Statement')).warning(),
    }),
    defineField({
      name: 'requirements',
      title: 'Requirements',
      type: 'requirementsSection',
      group: 'problem',
      validation: (rule) => rule.custom(warnWhenEmpty('Requirements')).warning(),
    }),
    defineField({
      name: 'architecture',
      title: 'High-level architecture',
      type: 'architectureSection',
      group: 'architecture',
      validation: (rule) => rule.custom(warnWhenEmpty('High-Level Architecture')).warning(),
    }),
    defineField({
      name: 'components',
      title: 'Core components',
      type: 'array',
      group: 'architecture',
      of: [defineArrayMember({type: 'systemComponent'})],
      description:
        'The main building blocks, in the order you want to present them. They are numbered automatically.',
      validation: (rule) => rule.custom(warnWhenEmpty('Core Components')).warning(),
    }),
    defineField({
      name: 'designDecisions',
      title: 'Design decisions',
      type: 'array',
      group: 'design',
      of: [defineArrayMember({type: 'designDecision'})],
      description: 'The important choices you made and why. They are numbered automatically.',
      validation: (rule) => rule.custom(warnWhenEmpty('Design Decisions')).warning(),
    }),
    defineField({
      name: 'dataFlow',
      title: 'Data flow',
      type: 'dataFlowSection',
      group: 'flow',
      validation: (rule) => rule.custom(warnWhenEmpty('Data Flow')).warning(),
    }),
    defineField({
      name: 'scalability',
      title: 'Scalability considerations',
      type: 'scalabilitySection',
      group: 'flow',
      validation: (rule) => rule.custom(warnWhenEmpty('Scalability Considerations')).warning(),
    }),
    defineField({
      name: 'implementation',
      title: 'Implementation details',
      type: 'implementationSection',
      group: 'implementation',
      validation: (rule) => rule.custom(warnWhenEmpty('Implementation Details')).warning(),
    }),
    defineField({
      name: 'tradeOffs',
      title: 'Trade-offs',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'tradeOff'})],
      description: 'What you gave up for what you gained. They are numbered automatically.',
      validation: (rule) => rule.custom(warnWhenEmpty('Trade-offs')).warning(),
    }),
    defineField({
      name: 'bestPractices',
      title: 'Best practices',
      type: 'bestPracticesSection',
      group: 'practice',
      validation: (rule) => rule.custom(warnWhenEmpty('Best Practices')).warning(),
    }),
    defineField({
      name: 'realWorldExamples',
      title: 'Real-world examples',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'realWorldExample'})],
      description: 'Companies or services that run this design in production.',
      validation: (rule) => rule.custom(warnWhenEmpty('Real-World Examples')).warning(),
    }),
    defineField({
      name: 'pitfalls',
      title: 'Common pitfalls',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'pitfall'})],
      description: 'Mistakes people make with this design, and how to avoid them.',
      validation: (rule) => rule.custom(warnWhenEmpty('Common Pitfalls')).warning(),
    }),
    defineField({
      name: 'showLikeButtons',
      title: 'Show like buttons',
      type: 'boolean',
      group: 'closing',
      initialValue: true,
      description:
        'Adds the “Interactive Elements” section with like and dislike buttons near the end of the post.',
    }),
    defineField({
      name: 'conclusion',
      title: 'Conclusion',
      type: 'conclusionSection',
      group: 'closing',
      validation: (rule) => rule.custom(warnWhenEmpty('Conclusion')).warning(),
    }),
    defineField({
      name: 'references',
      title: 'References',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'citation'})],
      description: 'Books, papers, articles and docs you drew on. Shown as a numbered list.',
      validation: (rule) => rule.custom(warnWhenEmpty('References')).warning(),
    }),
    defineField({
      name: 'furtherReading',
      title: 'Further reading',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'readingLink'})],
      description: 'Optional. Where readers can go next.',
    }),
  ],
  orderings: [
    {
      title: 'Publication date, newest first',
      name: 'dateDesc',
      by: [{field: 'date', direction: 'desc'}],
    },
  ],
  preview: {
    select: {
      title: 'title',
      slug: 'slug.current',
      date: 'date',
      media: 'cover.image',
      hugoDraft: 'hugoDraft',
    },
    prepare: ({
      title,
      slug,
      date,
      media,
      hugoDraft,
    }: {
      title?: string
      slug?: string
      date?: string
      media?: unknown
      hugoDraft?: boolean
    }) => ({
      title: title || 'Untitled post',
      subtitle: [
        date?.slice(0, 10),
        slug ? `/${slug}` : 'no slug yet',
        hugoDraft ? 'Hugo draft' : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      media: media as never,
    }),
  },
})
