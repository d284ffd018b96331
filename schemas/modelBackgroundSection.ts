import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelBackgroundSectionType = defineType({
  name: 'modelBackgroundSection',
  title: 'Background and motivation',
  type: 'object',
  fields: [
    defineField({
      name: 'body',
      title: 'Historical context',
      type: 'blockContent',
      description:
        'What came before, what its limits were, and what inspired this model. Shown under the section heading.',
    }),
    defineField({
      name: 'priorWork',
      title: 'Prior work',
      type: 'blockContent',
      description: 'Related models and techniques. Shown under “Prior Work”.',
    }),
    defineField({
      name: 'keyInnovations',
      title: 'Key innovations',
      type: 'slotText',
      description: 'What makes this model different. One line each.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'background.more')),
  ],
  preview: sectionPreview('Background and motivation', ['body', 'priorWork', 'keyInnovations']),
})
