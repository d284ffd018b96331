import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicMathSectionType = defineType({
  name: 'topicMathSection',
  title: 'Mathematical foundations',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'Overview',
      type: 'blockContent',
      description: 'The formal treatment of the topic, in brief.',
    }),
    defineField({
      name: 'introduction',
      title: 'Basic formulation: introduction',
      type: 'blockContent',
      description:
        'The sentence before the fundamental equation, for example “The fundamental equation for KL divergence is:”.',
    }),
    defineField({
      name: 'equation',
      title: 'Fundamental equation',
      type: 'mathBlock',
      description: 'In LaTeX without the $$.',
    }),
    defineField({
      name: 'variables',
      title: 'Where',
      type: 'slotText',
      description: 'What each symbol stands for, one per line. Shown under “Where:”.',
    }),
    defineField({
      name: 'derivation',
      title: 'Derivation',
      type: 'array',
      of: [defineArrayMember({type: 'derivationStep'})],
      description:
        'The steps from the starting point to the final form, each “**Step N**: …” with its formula.',
    }),
    defineField({
      name: 'properties',
      title: 'Properties and theorems',
      type: 'array',
      of: [defineArrayMember({type: 'topicProperty'})],
      description: 'Each under “Property N: <name>”.',
    }),
    defineField({
      name: 'timeComplexity',
      title: 'Time complexity',
      type: 'inlineText',
      description: 'Shown as “**Time Complexity**: …”, for example $O(n)$.',
    }),
    defineField({
      name: 'spaceComplexity',
      title: 'Space complexity',
      type: 'inlineText',
      description: 'Shown as “**Space Complexity**: …”.',
    }),
    defineField({
      name: 'convergenceRate',
      title: 'Convergence rate',
      type: 'inlineText',
      description: 'Optional. Shown as “**Convergence Rate**: …”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'mathematics.more')),
  ],
  preview: sectionPreview('Mathematical foundations', ['overview', 'introduction', 'variables']),
})
