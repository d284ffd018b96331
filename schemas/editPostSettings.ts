import {defineField, defineType} from 'sanity'
import {editUrlProblem} from '../converter/editLink.ts'

export const editPostSettingsType = defineType({
  name: 'editPostSettings',
  title: 'Suggest-changes link',
  type: 'object',
  description:
    'The link under the post that lets readers propose a fix on GitHub. The defaults are right for this blog.',
  options: {collapsible: true, collapsed: true},
  fields: [
    defineField({
      name: 'URL',
      title: 'Repository address',
      type: 'url',
      validation: (rule) => [
        rule.uri({scheme: ['https']}).error('The address must start with https://.'),
        rule.custom((url: string | undefined) => editUrlProblem(url) ?? true).warning(),
      ],
    }),
    defineField({name: 'Text', title: 'Link text', type: 'string'}),
    defineField({
      name: 'appendFilePath',
      title: 'Add the file path to the address',
      type: 'boolean',
      description: 'Leave on, so the link opens this post’s file.',
    }),
  ],
})
