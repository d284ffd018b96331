import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicExplanationSectionType = defineType({
  name: 'topicExplanationSection',
  title: 'Detailed explanation',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'How it works',
      type: 'blockContent',
      description: 'A step-by-step walkthrough, before the phases.',
    }),
    defineField({
      name: 'phases',
      title: 'Phases',
      type: 'array',
      of: [defineArrayMember({type: 'explanationPhase'})],
      description: 'Each under “Phase N: <description>”.',
    }),
    defineField({
      name: 'intuition',
      title: 'Intuitive understanding',
      type: 'blockContent',
      description: 'A non-mathematical explanation, with analogies.',
    }),
    defineField({
      name: 'example',
      title: 'Example',
      type: 'inlineText',
      description: 'The scenario of the worked example. Shown as “**Example**: …”.',
    }),
    defineField({
      name: 'input',
      title: 'Input',
      type: 'inlineText',
      description: 'Shown as “**Input**: …”.',
    }),
    defineField({
      name: 'process',
      title: 'Process',
      type: 'slotText',
      description: 'The steps, as a numbered list. Shown under “**Process**:”.',
    }),
    defineField({
      name: 'output',
      title: 'Output',
      type: 'inlineText',
      description: 'Shown as “**Output**: …”.',
    }),
    defineField({
      name: 'explanation',
      title: 'Explanation',
      type: 'inlineText',
      description: 'Why the result makes sense. Shown as “**Explanation**: …”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'explanation.more')),
  ],
  preview: sectionPreview('Detailed explanation', ['overview', 'intuition', 'example']),
})
