import {defineField, defineType} from 'sanity'

export const mathInlineType = defineType({
  name: 'mathInline',
  title: 'Formula (inline)',
  type: 'object',
  description: 'A short formula inside a sentence, in LaTeX without the surrounding $.',
  fields: [
    defineField({
      name: 'tex',
      title: 'LaTeX',
      type: 'string',
      description: 'For example: O(\\log n) or d_k',
      validation: (rule) =>
        rule.required().error('An empty formula would leave a gap in the sentence.'),
    }),
  ],
  preview: {
    select: {tex: 'tex'},
    prepare: ({tex}: {tex?: string}) => ({
      title: tex ? `$${tex}$` : 'Empty formula',
      subtitle: 'Inline formula',
    }),
  },
})
