import {defineField, defineType} from 'sanity'
import {previewText} from './previewText.ts'

export const mathBlockType = defineType({
  name: 'mathBlock',
  title: 'Formula (display)',
  type: 'object',
  description: 'A formula on its own line, written in LaTeX without the surrounding $$.',
  fields: [
    defineField({
      name: 'tex',
      title: 'LaTeX',
      type: 'text',
      rows: 3,
      description:
        'For example: \\text{Attention}(Q, K, V) = \\text{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V',
      validation: (rule) =>
        rule.required().error('An empty formula would leave a blank gap in the post.'),
    }),
  ],
  preview: {
    select: {tex: 'tex'},
    // The LaTeX goes in the subtitle: breadcrumbs capitalise titles, turning `\text` into `\Text`.
    prepare: ({tex}: {tex?: string}) => {
      const formula = previewText(tex)
      return formula === ''
        ? {title: 'Empty formula'}
        : {title: 'Formula', subtitle: `$$ ${formula} $$`}
    },
  },
})
