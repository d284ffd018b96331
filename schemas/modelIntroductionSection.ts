import {defineField, defineType} from 'sanity'
import {modelFamilyArchetype} from '../converter/archetypes/modelFamily.ts'
import {positionsAt} from '../converter/archetypes/positions.ts'
import {moreField} from './more.ts'
import {sectionPreview} from './previewText.ts'

/**
 * The archetype's opening, "[Model Name] is a [type of model] introduced in
 * [paper/year] that [main contribution]. It has become [significance] and is
 * widely used for [applications].", is built from the first five fields, so
 * each is described as the words that complete that sentence.
 */
export const modelIntroductionSectionType = defineType({
  name: 'modelIntroductionSection',
  title: 'Introduction',
  type: 'object',
  fields: [
    defineField({
      name: 'modelType',
      title: 'What kind of model it is',
      type: 'inlineText',
      description:
        'Completes “<Name> is …”, article included. For example “an encoder-decoder sequence model”.',
    }),
    defineField({
      name: 'origin',
      title: 'Introduced in',
      type: 'inlineText',
      description:
        'Completes “… introduced in …”. For example ““Attention Is All You Need” (2017)”.',
    }),
    defineField({
      name: 'mainContribution',
      title: 'Main contribution',
      type: 'inlineText',
      description: 'Completes “… that …”. For example “replaced recurrence with self-attention”.',
    }),
    defineField({
      name: 'significance',
      title: 'Significance in the field',
      type: 'inlineText',
      description:
        'Completes “It has become …”. For example “the backbone of modern language models”.',
    }),
    defineField({
      name: 'applications',
      title: 'Applications',
      type: 'inlineText',
      description:
        'Completes “… and is widely used for …”. For example “translation, summarisation and code generation”.',
    }),
    defineField({
      name: 'body',
      title: 'Context and overview',
      type: 'blockContent',
      description:
        'What problem does this model solve, and why is it important? Shown under the “Introduction” heading.',
    }),
    moreField(positionsAt(modelFamilyArchetype, 'introduction.more')),
  ],
  preview: sectionPreview('Introduction', ['modelType', 'origin', 'mainContribution']),
})
