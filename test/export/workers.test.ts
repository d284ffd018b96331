import {afterAll, describe, expect, it} from 'vitest'
import {POOL_THRESHOLD} from '../../scripts/export/render-pool.ts'
import {
  type Doc,
  exportRun,
  findDoc,
  removeTempDirs,
  sampleDocs,
  tempDir,
  tree,
  writeDataset,
} from './helpers.ts'

/** Big exports render on worker threads; the output must not depend on it. */

afterAll(removeTempDirs)

describe('rendering on worker threads', () => {
  it('writes the same files and reports the same failures as rendering in one thread', async () => {
    const template = findDoc(sampleDocs(), 'post-url-shortener')
    const docs: Doc[] = Array.from({length: POOL_THRESHOLD + 10}, (_, i) => ({
      ...structuredClone(template),
      _id: `post-${i}`,
      _rev: `rev-${i}`,
      slug: {_type: 'slug', current: `post-${i}`},
      title: `Post ${i}`,
    }))
    const broken = docs[7] as Doc
    delete broken['slug']
    const dataset = writeDataset(tempDir('many'), docs)

    const pooled = tempDir('pooled')
    const single = tempDir('single')
    const withWorkers = await exportRun(['--source', dataset, '--blog', pooled], {
      SANITY_EXPORT_WORKERS: '2',
    })
    const withoutWorkers = await exportRun(['--source', dataset, '--blog', single], {
      SANITY_EXPORT_WORKERS: '0',
    })
    expect(withWorkers.exitCode).toBe(1)
    expect(withWorkers.summary?.failed).toEqual([
      {
        id: 'post-7',
        slug: null,
        path: null,
        field: 'slug.current',
        reason: 'The post needs a URL slug: it becomes the file name and the address of the post.',
      },
    ])
    expect(withWorkers.summary?.counts.created).toBe(POOL_THRESHOLD + 9)
    expect({...withWorkers.summary, blog: ''}).toEqual({...withoutWorkers.summary, blog: ''})
    expect(tree(pooled)).toEqual(tree(single))
  })
})
