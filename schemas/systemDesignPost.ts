import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {ARCHETYPE_DEFAULTS, GROUPS} from './constants.ts'
import {
  DISPLAY_FIELDSET,
  frontMatterFields,
  POST_ORDERINGS,
  POST_PREVIEW,
} from './frontMatterFields.ts'
import {moreField} from './more.ts'

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
      type: 'inlineText',
      group: 'intro',
      description:
        'Starts the main heading and the opening sentence, for example “Distributed Cache”.',
      validation: (rule) =>
        rule.required().warning('Without a name the main heading falls back to the post title.'),
    }),
    defineField({
      name: 'tagline',
      title: 'Brief description',
      type: 'inlineText',
      group: 'intro',
      description:
        'Completes the main heading “<Name>: <brief description>”, for example “Serving Hot Data at Scale”.',
    }),
    defineField({
      name: 'lead',
      title: 'Opening in your own words',
      type: 'blockContent',
      group: 'intro',
      description:
        'Optional. Written under the main heading, before the table of contents, in place of the opening sentence made from the Introduction’s first four fields.',
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
    moreField(positionsAt(systemDesignArchetype, 'coreComponentsMore'), {
      name: 'coreComponentsMore',
      group: 'architecture',
    }),
    defineField({
      name: 'designDecisions',
      title: 'Design decisions',
      type: 'array',
      group: 'design',
      of: [defineArrayMember({type: 'designDecision'})],
      description: 'The important choices you made and why. They are numbered automatically.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'designDecisionsMore'), {
      name: 'designDecisionsMore',
      group: 'design',
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
    moreField(positionsAt(systemDesignArchetype, 'tradeOffsMore'), {
      name: 'tradeOffsMore',
      group: 'practice',
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
    moreField(positionsAt(systemDesignArchetype, 'realWorldExamplesMore'), {
      name: 'realWorldExamplesMore',
      group: 'practice',
    }),
    defineField({
      name: 'pitfalls',
      title: 'Common pitfalls',
      type: 'array',
      group: 'practice',
      of: [defineArrayMember({type: 'pitfall'})],
      description: 'Mistakes people make with this design, and how to avoid them.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'pitfallsMore'), {
      name: 'pitfallsMore',
      group: 'practice',
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
    moreField(positionsAt(systemDesignArchetype, 'likeButtonsMore'), {
      name: 'likeButtonsMore',
      group: 'closing',
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
    moreField(positionsAt(systemDesignArchetype, 'referencesMore'), {
      name: 'referencesMore',
      group: 'closing',
    }),
    defineField({
      name: 'furtherReading',
      title: 'Further reading',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'readingLink'})],
      description: 'Optional. Where readers can go next.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'furtherReadingMore'), {
      name: 'furtherReadingMore',
      group: 'closing',
    }),
  ],
  orderings: POST_ORDERINGS,
  preview: POST_PREVIEW,
})
