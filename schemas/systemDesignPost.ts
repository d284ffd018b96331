import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {ARCHETYPE_DEFAULTS, GROUPS} from './constants.ts'
import {
  DISPLAY_FIELDSET,
  frontMatterFields,
  POST_ORDERINGS,
  POST_PREVIEW,
} from './frontMatterFields.ts'

export const SYSTEM_DESIGN_POST = 'systemDesignPost'

export const systemDesignPostType = defineType({
  name: SYSTEM_DESIGN_POST,
  title: 'System design post',
  type: 'document',
  icon: DocumentTextIcon,
  groups: [...GROUPS],
  fieldsets: [DISPLAY_FIELDSET],
  fields: [
    ...frontMatterFields({
      tags: ARCHETYPE_DEFAULTS.tags,
      categories: ARCHETYPE_DEFAULTS.categories,
    }),

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
    }),
    defineField({
      name: 'problemStatement',
      title: 'Problem statement',
      type: 'problemStatementSection',
      group: 'problem',
    }),
    defineField({
      name: 'requirements',
      title: 'Requirements',
      type: 'requirementsSection',
      group: 'problem',
    }),
    defineField({
      name: 'architecture',
      title: 'High-level architecture',
      type: 'architectureSection',
      group: 'architecture',
    }),
    defineField({
      name: 'components',
      title: 'Core components',
      type: 'array',
      group: 'architecture',
      of: [defineArrayMember({type: 'systemComponent'})],
      description:
        'The main building blocks, in the order you want to present them. They are numbered automatically.',
    }),
    defineField({
      name: 'designDecisions',
      title: 'Design decisions',
      type: 'array',
      group: 'design',
      of: [defineArrayMember({type: 'designDecision'})],
      description: 'The important choices you made and why. They are numbered automatically.',
    }),
    defineField({
      name: 'dataFlow',
      title: 'Data flow',
      type: 'dataFlowSection',
      group: 'flow',
    }),
    defineField({
      name: 'scalability',
      title: 'Scalability considerations',
      type: 'scalabilitySection',
      group: 'flow',
    }),
    defineField({
      name: 'implementation',
      title: 'Implementation details',
      type: 'implementationSection',
      group: 'implementation',
    }),
    defineField({
      name: 'tradeOffs',
      title: 'Trade-offs',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'tradeOff'})],
      description: 'What you gave up for what you gained. They are numbered automatically.',
    }),
    defineField({
      name: 'bestPractices',
      title: 'Best practices',
      type: 'bestPracticesSection',
      group: 'practice',
    }),
    defineField({
      name: 'realWorldExamples',
      title: 'Real-world examples',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'realWorldExample'})],
      description: 'Companies or services that run this design in production.',
    }),
    defineField({
      name: 'pitfalls',
      title: 'Common pitfalls',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'pitfall'})],
      description: 'Mistakes people make with this design, and how to avoid them.',
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
    }),
    defineField({
      name: 'references',
      title: 'References',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'citation'})],
      description: 'Books, papers, articles and docs you drew on. Shown as a numbered list.',
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
  orderings: POST_ORDERINGS,
  preview: POST_PREVIEW,
})
