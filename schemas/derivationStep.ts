import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const derivationStepType = defineType({
  name: 'derivationStep',
  title: 'Derivation step',
  type: 'object',
  fields: [
    defineField({
      name: 'description',
      title: 'What the step does',
      type: 'inlineText',
      description:
        'Shown as “**Step N**: <description>”, for example “Take the log of both sides”.',
    }),
    defineField({
      name: 'equation',
      title: 'Equation',
      type: 'mathBlock',
      description: 'The formula this step arrives at, in LaTeX without the $$.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'mathematics.derivation[].more')),
  ],
  preview: {
    select: {title: 'description'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled derivation step',
    }),
  },
})
