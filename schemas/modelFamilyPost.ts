import {ActivityIcon} from '@sanity/icons/Activity'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {MODEL_FAMILY_DEFAULTS} from './constants.ts'
import {
  DISPLAY_FIELDSET,
  FRONT_MATTER_GROUPS,
  frontMatterFields,
  POST_ORDERINGS,
  POST_PREVIEW,
} from './frontMatterFields.ts'
import {moreField} from './more.ts'

export const MODEL_FAMILY_POST = 'modelFamilyPost'

const more = (name: string, group: string) =>
  moreField(positionsAt(modelFamilyArchetype, name), {name, group})

/** Tabs in the archetype's order, so a writer works through the post as it reads. */
const GROUPS = [
  ...FRONT_MATTER_GROUPS.slice(0, 1),
  {name: 'intro', title: 'Introduction & background'},
  {name: 'architecture', title: 'Architecture & components'},
  {name: 'math', title: 'Mathematics'},
  {name: 'implementation', title: 'Implementation & training'},
  {name: 'results', title: 'Applications & comparison'},
  {name: 'closing', title: 'Limits, conclusion & sources'},
  ...FRONT_MATTER_GROUPS.slice(1),
]

/**
 * A post about one model or family of models (archetypes/model-family.md):
 * its architecture, components and their formulas, the loss, a PyTorch
 * implementation, training, results and comparisons.
 */
export const modelFamilyPostType = defineType({
  name: MODEL_FAMILY_POST,
  title: 'Model family post',
  type: 'document',
  icon: ActivityIcon,
  description:
    'A deep dive into one model or family of models: architecture, formulas, PyTorch code, training and results.',
  groups: GROUPS,
  fieldsets: [DISPLAY_FIELDSET],
  fields: [
    ...frontMatterFields({
      tags: MODEL_FAMILY_DEFAULTS.tags,
      categories: MODEL_FAMILY_DEFAULTS.categories,
      descriptionExample: MODEL_FAMILY_DEFAULTS.description,
    }),
    defineField({
      name: 'modelName',
      title: 'Model name',
      type: 'inlineText',
      group: 'intro',
      description: 'Starts the main heading and the opening sentence, for example “Transformer”.',
      validation: (rule) =>
        rule.required().warning('Without a name the main heading falls back to the post title.'),
    }),
    defineField({
      name: 'tagline',
      title: 'Brief tagline',
      type: 'inlineText',
      group: 'intro',
      description:
        'Completes the main heading “<Model name>: <tagline>”, for example “Attention Is All You Need”.',
    }),
    defineField({
      name: 'lead',
      title: 'Opening in your own words',
      type: 'blockContent',
      group: 'intro',
      description:
        'Optional. Written under the main heading, before the table of contents, after the opening sentence made from the Introduction’s first five fields.',
    }),
    defineField({
      name: 'introduction',
      title: 'Introduction',
      type: 'modelIntroductionSection',
      group: 'intro',
    }),
    defineField({
      name: 'background',
      title: 'Background and motivation',
      type: 'modelBackgroundSection',
      group: 'intro',
    }),
    defineField({
      name: 'architecture',
      title: 'Architecture overview',
      type: 'modelArchitectureSection',
      group: 'architecture',
    }),
    defineField({
      name: 'components',
      title: 'Key components',
      type: 'array',
      group: 'architecture',
      of: [defineArrayMember({type: 'modelComponent'})],
      description:
        'The building blocks of the model, each with its formula if it has one. They are numbered automatically.',
    }),
    more('keyComponentsMore', 'architecture'),
    defineField({
      name: 'mathematics',
      title: 'Mathematical foundations',
      type: 'modelMathSection',
      group: 'math',
    }),
    defineField({
      name: 'implementation',
      title: 'Implementation',
      type: 'modelImplementationSection',
      group: 'implementation',
    }),
    defineField({
      name: 'training',
      title: 'Training details',
      type: 'modelTrainingSection',
      group: 'implementation',
    }),
    defineField({
      name: 'applications',
      title: 'Applications',
      type: 'modelApplicationsSection',
      group: 'results',
    }),
    defineField({
      name: 'comparison',
      title: 'Comparison with other models',
      type: 'modelComparisonSection',
      group: 'results',
    }),
    defineField({
      name: 'limitations',
      title: 'Limitations and future work',
      type: 'modelLimitationsSection',
      group: 'closing',
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
      type: 'blockContent',
      group: 'closing',
      description: 'Sum up the key points, with your final thoughts and recommendations.',
    }),
    more('conclusionMore', 'closing'),
    defineField({
      name: 'references',
      title: 'References',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'citation'})],
      description:
        'The original paper first, then related papers, implementations and tutorials. Shown as a numbered list.',
    }),
    more('referencesMore', 'closing'),
    defineField({
      name: 'furtherReading',
      title: 'Further reading',
      type: 'array',
      group: 'closing',
      of: [defineArrayMember({type: 'readingLink'})],
      description: 'Optional. Where readers can go next.',
    }),
    more('furtherReadingMore', 'closing'),
  ],
  orderings: POST_ORDERINGS,
  preview: POST_PREVIEW,
})
