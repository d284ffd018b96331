import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {
  type Doc,
  exportRun,
  findDoc,
  HAND_WRITTEN_BLOG,
  removeTempDirs,
  sampleDocs,
  tempDir,
  writeDataset,
} from '../export/helpers.ts'
import {handWrittenBlog, manifestProblems, readManifestFile} from './helpers.ts'

/**
 * What the exporter did wrong when attacked as a hostile user and a hostile
 * environment would attack it, each pinned by the smallest run that shows it. The
 * runs are in-process unless the process itself matters (exit codes of crashes,
 * kills, left-over files).
 */

afterAll(removeTempDirs)

interface DocLine {
  id: string
  slug: string | null
  path: string | null
  previousPath?: string
  reason?: string
  field?: string
}

const LISTS = ['created', 'updated', 'deleted', 'failed', 'conflicts'] as const

type Summary = {exitCode: number; commit: unknown; gitError: string | null} & Record<
  (typeof LISTS)[number],
  DocLine[]
>

/** The sample dataset with `change` applied to copies of its documents. */
function dataset(change: (docs: Doc[]) => Doc[] = (docs) => docs): string {
  return writeDataset(tempDir('dataset'), change(structuredClone(sampleDocs())))
}

function renamed(docs: Doc[], id: string, slug: string): Doc[] {
  const doc = findDoc(docs, id)
  doc['slug'] = {_type: 'slug', current: slug}
  doc._rev = `${doc._rev}-renamed`
  return docs
}

async function exportJson(args: readonly string[]): Promise<Summary> {
  const run = await exportRun([...args, '--json'])
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as Summary
}

/** Each document the run changed or could not, by id: what happened to it. */
const statuses = (summary: Summary) =>
  Object.fromEntries(LISTS.flatMap((list) => summary[list].map((doc) => [doc.id, list])))

describe('--only after a rename', () => {
  it('finds the post by its old slug and moves it, keeping the old address as an alias', async () => {
    const blog = handWrittenBlog('only-old-slug')
    expect((await exportRun(['--source', dataset(), '--blog', blog])).exitCode).toBe(0)
    const source = dataset((docs) => renamed(docs, 'post-url-shortener', 'short-links'))

    const summary = await exportJson([
      '--source',
      source,
      '--blog',
      blog,
      '--only',
      'url-shortener',
    ])
    expect({exitCode: summary.exitCode, statuses: statuses(summary)}).toEqual({
      exitCode: 0,
      statuses: {'post-url-shortener': 'updated'},
    })
    expect(existsSync(join(blog, 'content/posts/url-shortener.md'))).toBe(false)
    const moved = readFileSync(join(blog, 'content/posts/short-links.md'), 'utf8')
    expect(moved).toContain('aliases: ["/posts/url-shortener/"]\n')
    expect(readManifestFile(blog).documents['post-url-shortener']).toMatchObject({
      path: 'content/posts/short-links.md',
      previousSlugs: ['url-shortener'],
    })
    expect(manifestProblems(blog)).toEqual([])
  })
})
