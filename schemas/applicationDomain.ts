import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {previewText} from './previewText.ts'

export const applicationDomainType = defineType({
  name: 'applicationDomain',
  title: 'Application domain',
  type: 'object',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'inlineText',
      description: 'Shown as the heading “Application Domain 1: <name>”.',
    }),
    defineField({
      name: 'useCase',
      title: 'Use case',
      type: 'inlineText',
      description: 'A specific scenario.',
    }),
    defineField({
      name: 'benefits',
      title: "Why it's useful",
      type: 'inlineText',
      description: 'The benefits there.',
    }),
    defineField({
      name: 'considerations',
      title: 'Implementation considerations',
      type: 'slotText',
      description: 'One line each.',
    }),
    defineField({
      name: 'examples',
      title: 'Real-world examples',
      type: 'slotText',
      description: 'Companies or projects. One line each.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'applications[].more')),
  ],
  preview: {
    select: {title: 'name'},
    prepare: ({title}: {title?: unknown}) => ({
      title: previewText(title) || 'Untitled application domain',
    }),
  },
})
