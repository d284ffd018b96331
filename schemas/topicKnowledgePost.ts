import {BookIcon} from '@sanity/icons/Book'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {TOPIC_KNOWLEDGE_DEFAULTS} from './constants.ts'
import {
  DISPLAY_FIELDSET,
  FRONT_MATTER_GROUPS,
  frontMatterFields,
  POST_ORDERINGS,
  POST_PREVIEW,
} from './frontMatterFields.ts'
import {moreField} from './more.ts'

export const TOPIC_KNOWLEDGE_POST = 'topicKnowledgePost'

const more = (name: string, group: string) =>
  moreField(positionsAt(topicKnowledgeArchetype, name), {name, group})

/** Tabs in the archetype's order, so a writer works through the post as it reads. */
const GROUPS = [
  ...FRONT_MATTER_GROUPS.slice(0, 1),
  {name: 'intro', title: 'Introduction & background'},
  {name: 'concepts', title: 'Concepts & mathematics'},
  {name: 'explanation', title: 'Explanation & examples'},
  {name: 'practice', title: 'Implementation & practice'},
  {name: 'closing', title: 'Conclusion & sources'},
  ...FRONT_MATTER_GROUPS.slice(1),
]

const itemsField = (
  name: string,
  title: string,
  type: string,
  group: string,
  description: string,
) =>
  defineField({
    name,
    title,
    type: 'array',
    group,
    of: [defineArrayMember({type})],
    description,
  })

/**
 * A post that teaches one topic (archetypes/topic-knowledge.md): its
 * prerequisites, concepts, formulas and derivation, worked examples and
 * code, applications, misconceptions and practice problems.
 */
export const topicKnowledgePostType = defineType({
  name: TOPIC_KNOWLEDGE_POST,
  title: 'Topic knowledge post',
  type: 'document',
  icon: BookIcon,
  description:
    'A tutorial on one topic: concepts, formulas and derivations, worked examples, code and practice problems.',
  groups: GROUPS,
  fieldsets: [DISPLAY_FIELDSET],
  fields: [
    ...frontMatterFields({
      tags: TOPIC_KNOWLEDGE_DEFAULTS.tags,
      categories: TOPIC_KNOWLEDGE_DEFAULTS.categories,
      descriptionExample: TOPIC_KNOWLEDGE_DEFAULTS.description,
    }),
    defineField({
      name: 'topicName',
      title: 'Topic name',
      type: 'inlineText',
      group: 'intro',
      description: 'Starts the main heading and the opening sentence, for example “KL Divergence”.',
      validation: (rule) =>
        rule.required().warning('Without a name the main heading falls back to the post title.'),
    }),
    defineField({
      name: 'subtitle',
      title: 'Descriptive subtitle',
      type: 'inlineText',
      group: 'intro',
      description:
        'Completes the main heading “<Topic name>: <subtitle>”, for example “Measuring the Gap Between Distributions”.',
    }),
    defineField({
      name: 'lead',
      title: 'Opening in your own words',
      type: 'blockContent',
      group: 'intro',
      description:
        'Optional. Written under the main heading, before the table of contents, after the opening sentence made from the Introduction’s first four fields.',
    }),
    defineField({
      name: 'introduction',
      title: 'Introduction',
      type: 'topicIntroductionSection',
      group: 'intro',
    }),
    defineField({
      name: 'prerequisites',
      title: 'Prerequisites',
      type: 'topicPrerequisitesSection',
      group: 'intro',
    }),
    defineField({
      name: 'background',
      title: 'Background and context',
      type: 'topicBackgroundSection',
      group: 'intro',
    }),
    defineField({
      name: 'concepts',
      title: 'Fundamental concepts',
      type: 'topicConceptsSection',
      group: 'concepts',
    }),
    defineField({
      name: 'mathematics',
      title: 'Mathematical foundations',
      type: 'topicMathSection',
      group: 'concepts',
    }),
    defineField({
      name: 'explanation',
      title: 'Detailed explanation',
      type: 'topicExplanationSection',
      group: 'explanation',
    }),
    itemsField(
      'examples',
      'Practical examples',
      'practicalExample',
      'explanation',
      'From a simple case to a production-ready one. They are numbered automatically.',
    ),
    more('practicalExamplesMore', 'explanation'),
    defineField({
      name: 'implementation',
      title: 'Implementation',
      type: 'topicImplementationSection',
      group: 'practice',
    }),
    itemsField(
      'applications',
      'Applications and use cases',
      'applicationDomain',
      'practice',
      'One entry per domain. They are numbered automatically.',
    ),
    more('applicationsMore', 'practice'),
    defineField({
      name: 'advanced',
      title: 'Advanced topics',
      type: 'topicAdvancedSection',
      group: 'practice',
    }),
    itemsField(
      'misconceptions',
      'Common misconceptions',
      'misconception',
      'practice',
      'What people often get wrong, and the truth. They are numbered automatically.',
    ),
    more('misconceptionsMore', 'practice'),
    defineField({
      name: 'bestPractices',
      title: 'Best practices',
      type: 'topicBestPracticesSection',
      group: 'practice',
    }),
    defineField({
      name: 'comparison',
      title: 'Comparison with related techniques',
      type: 'techniqueComparisonSection',
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
    more('likeButtonsMore', 'closing'),
    defineField({
      name: 'conclusion',
      title: 'Conclusion',
      type: 'topicConclusionSection',
      group: 'closing',
    }),
    defineField({
      name: 'sources',
      title: 'References',
      type: 'topicSourcesSection',
      group: 'closing',
    }),
    defineField({
      name: 'reading',
      title: 'Further reading',
      type: 'topicReadingSection',
      group: 'closing',
      description: 'Optional. Where readers can go next, by level.',
    }),
  ],
  orderings: POST_ORDERINGS,
  preview: POST_PREVIEW,
})
