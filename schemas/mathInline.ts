import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

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
    // A formula block cannot sit inside a numbered list item without
    // restarting the list's numbering; this keeps such a formula in its item.
    defineField({
      name: 'display',
      title: 'Show large, on its own line',
      type: 'boolean',
      description:
        'Shows the formula centred on a line of its own (written $$…$$) while it stays part of this sentence or list item. Use it inside lists; elsewhere, add a “Formula (display)” block instead.',
    }),
  ],
  preview: {
    select: {tex: 'tex', display: 'display'},
    // The LaTeX goes in the subtitle: breadcrumbs capitalise titles, turning `\text` into `\Text`.
    prepare: ({tex, display}: {tex?: string; display?: boolean}) => {
      const formula = previewText(tex)
      const title = display ? 'Formula on its own line' : 'Inline formula'
      return formula === ''
        ? {title: 'Empty formula'}
        : {title, subtitle: display ? `$$${formula}$$` : `$${formula}$`}
    },
  },
})
