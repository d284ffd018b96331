import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicSourcesSectionType = defineType({
  name: 'topicSourcesSection',
  title: 'References',
  type: 'object',
  fields: [
    defineField({
      name: 'papers',
      title: 'Papers',
      type: 'array',
      of: [defineArrayMember({type: 'citation'})],
      description: 'Shown as a numbered list under “Papers”.',
    }),
    defineField({
      name: 'books',
      title: 'Books',
      type: 'array',
      of: [defineArrayMember({type: 'citation'})],
      description: 'Shown as a numbered list under “Books”.',
    }),
    defineField({
      name: 'online',
      title: 'Online resources',
      type: 'array',
      of: [defineArrayMember({type: 'citation'})],
      description: 'Tutorials, documentation and posts, under “Online Resources”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'sources.more')),
  ],
  preview: sectionPreview('References', ['papers', 'books', 'online']),
})
