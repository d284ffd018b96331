import {collectMigrationMutations, type MigrationContext} from 'sanity/migrate'
import {describe, expect, it} from 'vitest'
import coverVisibility from '../migrations/cover-visibility/index.ts'

/** The content migrations, run offline over documents: the mutations they would send. */

async function* documents(...docs: {_id: string; _type: string; [key: string]: unknown}[]) {
  for (const doc of docs)
    yield {
      _rev: 'r1',
      _createdAt: '2025-10-01T00:00:00Z',
      _updatedAt: '2025-10-01T00:00:00Z',
      ...doc,
    }
}

interface Patch {
  id: string
  patches: {path: (string | number)[]; op: {type: string; value?: unknown}}[]
}

/** Each planned patch as `id path op value`. */
async function planned(docs: Parameters<typeof documents>): Promise<string[]> {
  // Node migrations read nothing from the context; no client is reached.
  const context = {} as MigrationContext
  const out: string[] = []
  const run = collectMigrationMutations(coverVisibility, () => documents(...docs), context)
  for await (const batch of run)
    for (const mutation of [batch].flat() as Patch[])
      for (const {path, op} of mutation.patches)
        out.push(
          `${mutation.id} ${path.join('.')} ${op.type}${'value' in op ? ` ${op.value}` : ''}`,
        )
  return out
}

describe('cover-visibility', () => {
  it('turns the old "Hide on the post page" into the two switches, lists as the blog showed them', async () => {
    expect(
      await planned([
        {
          _id: 'a',
          _type: 'systemDesignPost',
          cover: {_type: 'coverImage', hidden: false, alt: 'A'},
        },
        {_id: 'b', _type: 'post', cover: {_type: 'coverImage', hidden: true}},
        {_id: 'c', _type: 'post', cover: {_type: 'coverImage', showOnPostPage: true}},
      ]),
    ).toEqual([
      'a cover.showOnPostPage setIfMissing true',
      'a cover.showInLists setIfMissing false',
      'a cover.hidden unset',
      'b cover.showOnPostPage setIfMissing false',
      'b cover.showInLists setIfMissing false',
      'b cover.hidden unset',
    ])
  })
})
