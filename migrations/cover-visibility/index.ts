import {at, defineMigration, setIfMissing, unset} from 'sanity/migrate'
import {paperModHides} from '../../converter/cover.ts'
import exportConfig from '../../hugo-export.config.ts'

/**
 * Covers stored before the two visibility switches had one, `hidden`, titled
 * "Hide on the post page". The writer's answer becomes "Show on the post
 * page"; lists get what the blog's PaperMod showed for that post, since the
 * old switch never spoke for them. Run with
 * `npx sanity migration run cover-visibility` (a dry run until `--no-dry-run`).
 */
export default defineMigration({
  title: 'Cover: "Hide on the post page" becomes "Show on the post page" and "Show in lists"',
  documentTypes: ['systemDesignPost', 'post'],
  migrate: {
    object(node) {
      if (node['_type'] !== 'coverImage' || typeof node['hidden'] !== 'boolean') return undefined
      const hidden = node['hidden']
      const inLists = !paperModHides({hidden}, exportConfig.site.cover, 'hiddenInList')
      return [
        at('showOnPostPage', setIfMissing(!hidden)),
        at('showInLists', setIfMissing(inLists)),
        at('hidden', unset()),
      ]
    },
  },
})
