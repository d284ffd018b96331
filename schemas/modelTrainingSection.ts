import {defineArrayMember, defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelTrainingSectionType = defineType({
  name: 'modelTrainingSection',
  title: 'Training details',
  type: 'object',
  fields: [
    defineField({
      name: 'hyperparameters',
      title: 'Hyperparameters',
      type: 'array',
      of: [defineArrayMember({type: 'hyperparameterRow'})],
      description: 'One row per hyperparameter: its value and what it controls. Shown as a table.',
    }),
    defineField({
      name: 'procedure',
      title: 'Training procedure',
      type: 'slotText',
      description: 'The steps of training, as a numbered list.',
    }),
    defineField({
      name: 'bestPractices',
      title: 'Best practices',
      type: 'slotText',
      description: 'Tips for training this model well. One line each.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'training.more')),
  ],
  preview: sectionPreview('Training details', ['procedure', 'bestPractices']),
})
