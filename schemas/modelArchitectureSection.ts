import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const modelArchitectureSectionType = defineType({
  name: 'modelArchitectureSection',
  title: 'Architecture overview',
  type: 'object',
  fields: [
    defineField({
      name: 'overview',
      title: 'Overview',
      type: 'blockContent',
      description: 'A high-level description of the architecture; a diagram helps.',
    }),
    defineField({
      name: 'structure',
      title: 'Model structure',
      type: 'blockContent',
      description: 'The overall structure: layers, blocks and how they connect.',
    }),
    defineField({
      name: 'input',
      title: 'Input',
      type: 'inlineText',
      description: 'Shown as “**Input**: …”: the input’s format and dimensions.',
    }),
    defineField({
      name: 'output',
      title: 'Output',
      type: 'inlineText',
      description: 'Shown as “**Output**: …”: the output’s format and dimensions.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'architecture.more')),
  ],
  preview: sectionPreview('Architecture overview', ['overview', 'structure', 'input']),
})
