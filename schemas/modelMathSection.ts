import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelMathSectionType = defineType({
  name: 'modelMathSection',
  title: 'Mathematical foundations',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'Overview',
      type: 'blockContent',
      description: 'A deep dive into the mathematics behind the model.',
    }),
    defineField({
      name: 'lossFunction',
      title: 'Loss function',
      type: 'mathBlock',
      description:
        'The training objective, shown under “Loss Function” as a display formula. Add an explanation below it with “More text”.',
    }),
    defineField({
      name: 'optimization',
      title: 'Optimization',
      type: 'blockContent',
      description: 'The optimizer, schedule and tricks used to minimise the loss.',
    }),
    defineField({
      name: 'timeComplexity',
      title: 'Time complexity',
      type: 'inlineText',
      description: 'Shown as “**Time Complexity**: …”, for example $O(n^2 \\cdot d)$.',
    }),
    defineField({
      name: 'spaceComplexity',
      title: 'Space complexity',
      type: 'inlineText',
      description: 'Shown as “**Space Complexity**: …”, for example $O(n^2)$.',
    }),
    defineField({
      name: 'parameters',
      title: 'Parameters',
      type: 'inlineText',
      description: 'Shown as “**Parameters**: …”, for example “65M (base), 213M (big)”.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'mathematics.more')),
  ],
  preview: sectionPreview('Mathematical foundations', [
    'overview',
    'optimization',
    'timeComplexity',
  ]),
})
