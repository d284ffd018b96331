import {cpSync, readdirSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LOCK_FILE} from '../../scripts/export/lock.ts'
import {TEMP_MARKER} from '../../scripts/lib/atomic.ts'
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

/**
 * A run killed at any point must leave a blog that the next run repairs to exactly
 * what an uninterrupted run gives. The kill is simulated after every single file
 * operation of a run that creates, updates, renames and deletes posts.
 */

let base: string
let before: string
let after: string
let expected: Record<string, string>
let steps: number

class Killed extends Error {}

/** A lock as a killed process leaves it: its pid no longer runs. */
function deadLock(blog: string) {
  writeFileSync(
    join(blog, LOCK_FILE),
    JSON.stringify({pid: 2 ** 22 + 12_345, host: hostname(), startedAt: new Date().toISOString()}),
  )
}

beforeAll(async () => {
  const docs = sampleDocs()
  before = writeDataset(tempDir('before'), docs)
  const next: Doc[] = docs
    .filter((doc) => doc._id !== 'post-notification-fanout')
    .map((doc) => structuredClone(doc))
  const renamed = findDoc(next, 'post-distributed-cache')
  renamed['slug'] = {_type: 'slug', current: 'caching-at-scale'}
  renamed._rev = 'renamed'
  const edited = findDoc(next, 'post-url-shortener')
  edited['tagline'] = 'Edited'
  edited._rev = 'edited'
  const added = structuredClone(findDoc(next, 'post-url-shortener'))
  added._id = 'post-added'
  added._rev = 'added'
  added['slug'] = {_type: 'slug', current: 'added-post'}
  after = writeDataset(tempDir('after'), [...next, added])

  base = tempDir('base')
  expect((await exportRun(['--source', before, '--blog', base])).exitCode).toBe(0)
  const clean = tempDir('clean')
  cpSync(base, clean, {recursive: true})
  let count = 0
  const run = await exportRun(
    ['--source', after, '--blog', clean],
    {},
    {onStep: () => void count++},
  )
  expect(run.exitCode).toBe(0)
  steps = count
  expected = tree(clean)
})

afterAll(removeTempDirs)

describe('crash safety', () => {
  it('repairs a run killed after any file operation', async () => {
    // 5 writes (2 posts, 1 update, 2 images), 4 deletions, the flush, the manifest.
    expect(steps).toBe(11)
    for (let killAfter = 0; killAfter < steps; killAfter++) {
      const blog = tempDir(`killed-${killAfter}`)
      cpSync(base, blog, {recursive: true})
      let done = 0
      await expect(
        exportRun(
          ['--source', after, '--blog', blog],
          {},
          {
            onStep: () => {
              if (done++ === killAfter) throw new Killed(`killed after step ${killAfter}`)
            },
          },
        ),
      ).rejects.toThrow(Killed)
      deadLock(blog)
      // What a kill inside an atomic write leaves: a temp file beside its target.
      const leftover = join(blog, 'content/posts', `.url-shortener.md${TEMP_MARKER}4242-1`)
      writeFileSync(leftover, 'half a post')

      const repair = await exportRun(['--source', after, '--blog', blog])
      expect({
        killAfter,
        exit: repair.exitCode,
        failed: repair.summary?.failed,
        conflicts: repair.summary?.conflicts,
      }).toEqual({
        killAfter,
        exit: 0,
        failed: [],
        conflicts: [],
      })
      expect(repair.summary?.cleanedUp).toEqual([leftover])
      expect(tree(blog)).toEqual(expected)
      expect(readdirSync(blog).includes(LOCK_FILE)).toBe(false)
    }
  })

  it('refuses to run while another export holds the lock', async () => {
    const blog = tempDir('locked')
    cpSync(base, blog, {recursive: true})
    const startedAt = new Date().toISOString()
    writeFileSync(
      join(blog, LOCK_FILE),
      JSON.stringify({pid: process.pid, host: hostname(), startedAt}),
    )
    const run = await exportRun(['--source', after, '--blog', blog])
    expect(run.exitCode).toBe(5)
    expect(run.stderr).toBe(
      `export: another export (pid ${process.pid} on ${hostname()}, started ${startedAt}) is running on this blog dir; if it is not, delete ${join(blog, LOCK_FILE)}\n`,
    )
    expect(tree(blog)).toEqual({...tree(base), [LOCK_FILE]: tree(blog)[LOCK_FILE] ?? ''})
  })
})
