import {cpSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {LONE_SURROGATE_REPLACED, NUL_FOUND} from '../../converter/render/sanitize.ts'
import {readCache} from '../../scripts/export/cache.ts'
import {parseStatCache} from '../../scripts/export/disk.ts'
import {emptyManifest} from '../../scripts/export/manifest.ts'
import {ScanRenderer} from '../../scripts/export/render-phase.ts'
import {POOL_THRESHOLD} from '../../scripts/export/render-pool.ts'
import {TEMP_MARKER} from '../../scripts/lib/atomic.ts'
import {
  cacheDir,
  type Doc,
  entries,
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

/** More posts than the threshold for render threads: copies of a sample post. */
function manyPosts(slugOf: (i: number) => string = (i) => `post-${i}`): Doc[] {
  const template = findDoc(sampleDocs(), 'post-url-shortener')
  return Array.from({length: POOL_THRESHOLD + 10}, (_, i) => ({
    ...structuredClone(template),
    _id: `post-${i}`,
    _rev: `rev-${i}`,
    slug: {_type: 'slug', current: slugOf(i)},
    title: `Post ${i}`,
  }))
}

/** Exports `dataset` into `pooled` with two render threads and into `single` with none. */
async function exportBothWays(dataset: string, pooled: string, single: string) {
  const withWorkers = await exportRun(['--source', dataset, '--blog', pooled], {
    SANITY_EXPORT_WORKERS: '2',
  })
  const withoutWorkers = await exportRun(['--source', dataset, '--blog', single], {
    SANITY_EXPORT_WORKERS: '0',
  })
  return {withWorkers, withoutWorkers}
}

describe('rendering on worker threads', () => {
  it('copies later lines into the buffers the threads give back', async () => {
    const doc = findDoc(sampleDocs(), 'post-url-shortener')
    const line = (padding: number) =>
      new TextEncoder().encode(JSON.stringify({...doc, note: 'x'.repeat(padding)}))
    const scan = new ScanRenderer(2, DEFAULT_SITE, emptyManifest('production'))
    try {
      const big = line(200_000)
      const first = scan.copy(big)
      expect(Buffer.from(first).equals(Buffer.from(big))).toBe(true)
      // A new buffer has room to spare: a quarter more than the line.
      expect(first.buffer.byteLength).toBe(Math.ceil(big.byteLength * 1.25))
      const [outcome] = await scan.parse([{bytes: first, where: 'data.ndjson:1'}])
      expect(outcome).toEqual({header: expect.objectContaining({_id: doc._id})})
      // The next, smaller line goes into the big line's buffer, moved back from the thread.
      const small = line(0)
      const second = scan.copy(small)
      expect(second.buffer.byteLength).toBe(Math.ceil(big.byteLength * 1.25))
      expect(Buffer.from(second).equals(Buffer.from(small))).toBe(true)
      // With no buffer left, a small line gets a new one of the smallest size.
      expect(scan.copy(small).buffer.byteLength).toBe(64 * 1024)
    } finally {
      await scan.close()
    }
  })

  it('writes the same files and reports the same failures as rendering in one thread', async () => {
    const docs = manyPosts()
    const broken = docs[7] as Doc
    delete broken['slug']
    const dataset = writeDataset(tempDir('many'), docs)

    const pooled = tempDir('pooled')
    const single = tempDir('single')
    const {withWorkers, withoutWorkers} = await exportBothWays(dataset, pooled, single)
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
    // The next run's hand-edit check hashes posts only: the cache keeps their stats alone.
    const cached = parseStatCache(await readCache(cacheDir(), 'blogs', pooled))
    expect([...cached.keys()].sort()).toEqual(
      Object.keys(tree(pooled)).filter((path) => path.startsWith('content/posts/')),
    )
  })

  it('finds text that cannot be written where a line has escapes, as one thread does', async () => {
    const docs = manyPosts()
    // The dataset holds these as the escapes \u0000 and \ud83d.
    ;(docs[3] as Doc)['title'] = 'Null\u0000byte'
    ;(docs[4] as Doc)['description'] = 'High \uD83D alone'
    // A backslash before a "u" that is no escape: the line is searched, and nothing found.
    ;(docs[5] as Doc)['description'] = 'C:\\users'
    const dataset = writeDataset(tempDir('unwritable'), docs)
    expect(readFileSync(dataset, 'utf8')).toContain('High \\ud83d alone')

    const pooled = tempDir('unwritable-pooled')
    const single = tempDir('unwritable-single')
    const {withWorkers, withoutWorkers} = await exportBothWays(dataset, pooled, single)
    expect(withWorkers.exitCode).toBe(0)
    expect(withWorkers.summary?.warnings).toEqual([
      {id: 'post-3', field: 'title', message: NUL_FOUND},
      {id: 'post-4', field: 'description', message: LONE_SURROGATE_REPLACED},
    ])
    expect({...withWorkers.summary, blog: ''}).toEqual({...withoutWorkers.summary, blog: ''})
    expect(tree(pooled)).toEqual(tree(single))
    const post4 = readFileSync(join(pooled, 'content/posts/post-4.md'), 'utf8')
    expect(post4).toContain('description: "High \uFFFD alone"\n')
    const post5 = readFileSync(join(pooled, 'content/posts/post-5.md'), 'utf8')
    expect(post5).toContain('description: "C:\\\\users"\n')
  })

  it('renders changed lines while the dataset is read, with the aliases of renamed posts', async () => {
    const template = findDoc(sampleDocs(), 'post-url-shortener')
    const post = (i: number, rev: string, slug: string): Doc => ({
      ...structuredClone(template),
      _id: `post-${i}`,
      _rev: rev,
      slug: {_type: 'slug', current: slug},
      title: `Post ${i}`,
    })
    const count = POOL_THRESHOLD + 10
    const before = writeDataset(
      tempDir('before'),
      Array.from({length: count}, (_, i) => post(i, `a${i}`, `post-${i}`)),
    )
    // Every line changes, so the scan hands them all to the render threads; a few
    // posts move to a new slug, and one moves back to the slug it had before.
    const after = writeDataset(
      tempDir('after'),
      Array.from({length: count}, (_, i) =>
        post(i, `b${i}`, i % 50 === 3 ? `renamed-${i}` : `post-${i}`),
      ),
    )
    const back = writeDataset(
      tempDir('back'),
      Array.from({length: count}, (_, i) => post(i, `c${i}`, `post-${i}`)),
    )
    const base = tempDir('base')
    expect((await exportRun(['--source', before, '--blog', base])).exitCode).toBe(0)
    const pooled = tempDir('pooled-update')
    const single = tempDir('single-update')
    cpSync(base, pooled, {recursive: true})
    cpSync(base, single, {recursive: true})
    for (const dataset of [after, back]) {
      const {withWorkers, withoutWorkers} = await exportBothWays(dataset, pooled, single)
      expect(withWorkers.exitCode).toBe(0)
      // Only the moved posts' files change: the others render to the same bytes.
      expect(withWorkers.summary?.counts).toEqual({
        created: 0,
        updated: 5,
        deleted: 0,
        unchanged: count - 5,
        failed: 0,
        conflicts: 0,
        warnings: 0,
      })
      expect({...withWorkers.summary, blog: ''}).toEqual({...withoutWorkers.summary, blog: ''})
      expect(tree(pooled)).toEqual(tree(single))
    }
    const moved = readFileSync(join(pooled, 'content/posts/post-3.md'), 'utf8')
    expect(moved).toContain('aliases: ["/posts/renamed-3/"]\n')
  })

  it('writes ahead only under temp names, and leaves nothing of what the plan refused', async () => {
    const docs = manyPosts((i) => (i === 9 ? 'post-8' : `post-${i}`))
    const dataset = writeDataset(tempDir('refused'), docs)
    // A person's post and a folder where two posts would go.
    const person = '---\ntitle: "Mine"\n---\nWritten by hand.\n'
    const prepare = (dir: string) => {
      mkdirSync(join(dir, 'content', 'posts', 'post-6.md'), {recursive: true})
      writeFileSync(join(dir, 'content', 'posts', 'post-5.md'), person)
      return dir
    }
    const pooled = prepare(tempDir('refused-pooled'))
    const single = prepare(tempDir('refused-single'))
    const {withWorkers, withoutWorkers} = await exportBothWays(dataset, pooled, single)
    expect(withWorkers.exitCode).toBe(1)
    expect(withWorkers.summary?.failed.map((failure) => failure.id)).toEqual([
      'post-5',
      'post-6',
      'post-8',
      'post-9',
    ])
    expect({...withWorkers.summary, blog: ''}).toEqual({...withoutWorkers.summary, blog: ''})
    expect(readFileSync(join(pooled, 'content/posts/post-5.md'), 'utf8')).toBe(person)
    // Folders too: no temp file, and no image folder made for a refused post.
    expect(entries(pooled)).toEqual(entries(single))
    expect(entries(pooled).filter((path) => path.includes(TEMP_MARKER))).toEqual([])
    expect(existsSync(join(pooled, 'static/images/post-8'))).toBe(false)
    expect(existsSync(join(pooled, 'static/images/post-7'))).toBe(true)
    expect(tree(pooled)).toEqual(tree(single))
  })
})
