import {defineArrayMember, defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {topicKnowledgeArchetype} from '../converter/archetypes/topicKnowledge.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

export const topicConclusionSectionType = defineType({
  name: 'topicConclusionSection',
  title: 'Conclusion',
  type: 'object',
  fields: [
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'blockContent',
      description: 'The key learnings and practical takeaways.',
    }),
    defineField({
      name: 'keyTakeaways',
      title: 'Key takeaways',
      type: 'slotText',
      description: 'One line each.',
    }),
    defineField({
      name: 'nextSteps',
      title: 'Next steps',
      type: 'slotText',
      description: 'A numbered list, shown after “To deepen your understanding:”.',
    }),
    defineField({
      name: 'problems',
      title: 'Practice problems',
      type: 'array',
      of: [defineArrayMember({type: 'practiceProblem'})],
      description: 'Each shown as “**Problem N**: …”.',
    }),
    moreField(positionsAt(topicKnowledgeArchetype, 'conclusion.more')),
  ],
  preview: sectionPreview('Conclusion', ['summary', 'keyTakeaways', 'nextSteps']),
})
