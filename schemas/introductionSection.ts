import {defineField, defineType} from 'sanity'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {systemDesignArchetype} from '../converter/archetypes/systemDesign.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

/**
 * The archetype's opening sentence, "[Name] is a [type] that [purpose]. It is
 * essential for [use case] and enables [benefits].", is built from these four
 * fields, so each one is described as the words that complete that sentence.
 */
export const introductionSectionType = defineType({
  name: 'introductionSection',
  title: 'Introduction',
  type: 'object',
  fields: [
    defineField({
      name: 'systemType',
      title: 'What kind of system it is',
      type: 'inlineText',
      description:
        'Completes “<Name> is …”, article included. For example “a distributed in-memory cache”.',
    }),
    defineField({
      name: 'mainPurpose',
      title: 'Main purpose',
      type: 'inlineText',
      description:
        'Completes “… that …”. For example “keeps hot data close to the application servers”.',
    }),
    defineField({
      name: 'useCase',
      title: 'Use case or domain',
      type: 'inlineText',
      description: 'Completes “It is essential for …”. For example “read-heavy web applications”.',
    }),
    defineField({
      name: 'keyBenefits',
      title: 'Key benefits',
      type: 'inlineText',
      description:
        'Completes “… and enables …”. For example “sub-millisecond reads at millions of requests per second”.',
    }),
    defineField({
      name: 'body',
      title: 'Context and overview',
      type: 'blockContent',
      description:
        'Why is this system or concept important? What problems does it solve? Shown under the “Introduction” heading.',
    }),
    moreField(positionsAt(systemDesignArchetype, 'introduction.more')),
  ],
  preview: sectionPreview('Introduction', ['body', 'systemType', 'mainPurpose']),
})
