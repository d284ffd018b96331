import {at, defineMigration, patch, set} from 'sanity/migrate'
import {systemDesignArchetype} from '../../converter/archetypes/systemDesign.ts'
import {planDocument} from './plan.ts'

/**
 * `npx sanity migration run rich-slots` (a dry run; add `--no-dry-run` to
 * write): the plain-text slots of system-design posts become rich text with
 * the same words, so writers can format them and the posts read as before.
 * One patch per document, listing every field it changes.
 */
export default defineMigration({
  title: 'Plain-text slots of system-design posts become rich text',
  documentTypes: [systemDesignArchetype.type],
  migrate: {
    document(document) {
      const changes = planDocument(document, systemDesignArchetype)
      if (changes.length === 0) return undefined
      return patch(
        document._id,
        changes.map((change) => at(change.path, set(change.value))),
      )
    },
  },
})
