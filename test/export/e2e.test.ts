import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {renderPost} from '../../converter/index.ts'
import config from '../../hugo-export.config.ts'
import {MANIFEST_FILE} from '../../scripts/export/manifest.ts'
import {optionsFingerprint} from '../../scripts/export/render.ts'
import {
  blogRepo,
  type Doc,
  exportCli,
  exportRun,
  findDoc,
  git,
  HAND_WRITTEN_BLOG,
  mtimes,
  removeTempDirs,
  SAMPLE_IMAGES,
  sampleDocs,
  sha256,
  tempDir,
  tree,
  writeDataset,
} from './helpers.ts'

/**
 * The whole life of a blog repo under the exporter, with real git: a bare remote,
 * a clone holding a hand-written post, and a dataset that changes between runs.
 * The steps share the repo and run in order.
 */

const site = config.site
const PUBLISHED = [
  'post-distributed-cache',
  'post-distributed-rate-limiter',
  'post-notification-fanout',
  'post-url-shortener',
]
const WELCOME = 'content/posts/welcome.md'
const welcomeBytes = readFileSync(join(HAND_WRITTEN_BLOG, WELCOME))

let remote: string
let clone: string
let docs: Doc[]
let datasetDir: string
let dataset: string
let fingerprint: string

const slugOf = (doc: Doc) => (doc['slug'] as {current: string}).current
const read = (path: string) => readFileSync(join(clone, path), 'utf8')
const manifest = () =>
  JSON.parse(read(MANIFEST_FILE)) as {
    dataset: string
    revision: string
    since: string
    documents: Record<string, Record<string, unknown>>
  }
const head = () => git(clone, 'rev-parse', 'HEAD').trim()
const remoteHead = () => git(remote, 'rev-parse', 'main').trim()
const imagesOf = (markdown: string) =>
  [...new Set([...markdown.matchAll(/[0-9a-f]{40}-\d+x\d+\.png/g)].map((match) => match[0]))].sort()

/** What the converter makes of a document: the oracle for every exported file. */
function expected(doc: Doc, aliases: string[] = []) {
  return renderPost(doc, aliases.length === 0 ? site : {...site, aliases})
}

function saveDataset(next: readonly Doc[]) {
  docs = next.map((doc) => structuredClone(doc))
  dataset = writeDataset(datasetDir, docs)
}

function edit(id: string, change: (doc: Doc) => void) {
  const next = docs.map((doc) => structuredClone(doc))
  const doc = findDoc(next, id)
  change(doc)
  doc._rev = `${doc._rev}-next`
  doc['_updatedAt'] = '2025-10-05T10:00:00Z'
  saveDataset(next)
}

beforeAll(async () => {
  ;({remote, clone} = blogRepo())
  datasetDir = tempDir('dataset')
  saveDataset(sampleDocs())
  fingerprint = await optionsFingerprint(site)
})

afterAll(removeTempDirs)

describe('export into a blog repo with real git', () => {
  it('exports the sample dataset, commits and pushes it (CLI)', () => {
    const before = head()
    const run = exportCli(['--source', dataset, '--blog', clone, '--commit', '--push'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)

    const files = tree(clone)
    const expectedFiles: Record<string, string> = {[WELCOME]: sha256(welcomeBytes)}
    for (const id of PUBLISHED) {
      const result = expected(findDoc(docs, id))
      expectedFiles[result.path] = sha256(result.markdown)
      for (const asset of result.assets)
        expectedFiles[asset.path] = sha256(readFileSync(join(SAMPLE_IMAGES, asset.fileName)))
    }
    expectedFiles[MANIFEST_FILE] = sha256(read(MANIFEST_FILE))
    expect(files).toEqual(Object.fromEntries(Object.entries(expectedFiles).sort()))

    const recorded = manifest()
    expect(Object.keys(recorded.documents)).toEqual(PUBLISHED)
    for (const id of PUBLISHED) {
      const doc = findDoc(docs, id)
      const result = expected(doc)
      expect(recorded.documents[id]).toEqual({
        type: 'systemDesignPost',
        updatedAt: doc['_updatedAt'],
        slug: slugOf(doc),
        // The converter's paths: the Hugo draft's are a bundle's.
        path: result.path,
        rev: doc._rev,
        options: fingerprint,
        sha256: sha256(result.markdown),
        assets: result.assets.map(({path, fileName}) => ({
          path,
          sha256: sha256(readFileSync(join(SAMPLE_IMAGES, fileName))),
          size: readFileSync(join(SAMPLE_IMAGES, fileName)).length,
        })),
        previousSlugs: [],
        // Hugo shows a post without its own publishDate from its date on, and never a draft.
        publishDate:
          doc['hugoDraft'] === true ? undefined : /\ndate: (\S+)\n/.exec(result.markdown)?.[1],
      })
    }
    expect(recorded.dataset).toBe('production')
    expect(recorded.since).toBe('2025-10-01T08:45:12Z')

    expect(git(clone, 'rev-list', '--count', `${before}..HEAD`).trim()).toBe('1')
    expect(remoteHead()).toBe(head())
    expect(git(clone, 'log', '-1', '--format=%an <%ae>%n%cn <%ce>').trim()).toBe(
      `${config.commitAuthor.name} <${config.commitAuthor.email}>\n${config.commitAuthor.name} <${config.commitAuthor.email}>`,
    )
    expect(git(clone, 'log', '-1', '--format=%B')).toBe(
      [
        'Export posts from Sanity: 4 created',
        '',
        'Created:',
        '- distributed-cache: content/posts/distributed-cache.md',
        '- distributed-rate-limiter: content/posts/distributed-rate-limiter.md',
        '- notification-fanout: content/posts/notification-fanout/index.md',
        '- url-shortener: content/posts/url-shortener.md',
        '',
        'Sanity-Dataset: production',
        `Sanity-Revision: ${recorded.revision}`,
        'Sanity-Source: file',
        '',
        '',
      ].join('\n'),
    )
    const committed = git(clone, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')
    expect(committed.sort()).toEqual(
      Object.keys(expectedFiles)
        .filter((path) => path !== WELCOME)
        .sort(),
    )
    expect(git(clone, 'status', '--porcelain')).toBe('')
  })

  it('writes nothing and commits nothing when run again', async () => {
    const before = {head: head(), times: mtimes(clone)}
    const run = await exportRun(['--source', dataset, '--blog', clone, '--commit', '--push'])
    expect(run.exitCode).toBe(0)
    expect(run.summary?.counts).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 4,
      failed: 0,
      conflicts: 0,
      warnings: 0,
    })
    expect(run.summary?.commit).toBe(null)
    expect(head()).toBe(before.head)
    expect(mtimes(clone)).toEqual(before.times)
  })

  it('--check passes on a clean export and --dry-run prints the diff of a change without writing', async () => {
    const clean = await exportRun(['--source', dataset, '--blog', clone, '--check'])
    expect(clean.exitCode).toBe(0)

    edit('post-url-shortener', (doc) => {
      doc['title'] = 'Designing a URL Shortener, Revised'
    })
    const before = mtimes(clone)
    const check = await exportRun(['--source', dataset, '--blog', clone, '--check'])
    expect(check.exitCode).toBe(1)
    expect(check.summary?.updated.map((doc) => doc.id)).toEqual(['post-url-shortener'])

    const dry = await exportRun(['--source', dataset, '--blog', clone, '--dry-run'])
    expect(dry.exitCode).toBe(0)
    expect(mtimes(clone)).toEqual(before)
    expect(existsSync(join(clone, '.sanity-export.lock'))).toBe(false)
    expect(dry.stdout).toContain(
      [
        '--- a/content/posts/url-shortener.md',
        '+++ b/content/posts/url-shortener.md',
        '@@ -1,5 +1,5 @@',
        ' ---',
        '-title: "Designing a URL Shortener"',
        '+title: "Designing a URL Shortener, Revised"',
      ].join('\n'),
    )
    expect(dry.stdout).toContain(
      `-      "rev": "Qm3bX8vT2nKc5LpR7sYw4d",\n+      "rev": "Qm3bX8vT2nKc5LpR7sYw4d-next",`,
    )
  })

  it('updates a changed post, deletes an unpublished one and moves a renamed one with an alias', async () => {
    edit('post-distributed-cache', (doc) => {
      doc['slug'] = {_type: 'slug', current: 'caching-at-scale'}
    })
    saveDataset(docs.filter((doc) => doc._id !== 'post-notification-fanout'))
    const before = head()
    const run = await exportRun(['--source', dataset, '--blog', clone, '--commit', '--push'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)

    const renamed = expected(findDoc(docs, 'post-distributed-cache'), ['/posts/distributed-cache/'])
    expect(renamed.markdown).toContain('aliases: ["/posts/distributed-cache/"]\n')
    expect(read('content/posts/caching-at-scale.md')).toBe(renamed.markdown)
    expect(read('content/posts/url-shortener.md')).toBe(
      expected(findDoc(docs, 'post-url-shortener')).markdown,
    )
    for (const gone of [
      'content/posts/distributed-cache.md',
      'static/images/distributed-cache',
      'content/posts/notification-fanout',
    ])
      expect(existsSync(join(clone, gone))).toBe(false)
    expect(
      imagesOf(renamed.markdown).map((name) =>
        existsSync(join(clone, 'static/images/caching-at-scale', name)),
      ),
    ).toEqual([true])

    const recorded = manifest().documents
    expect(Object.keys(recorded)).toEqual([
      'post-distributed-cache',
      'post-distributed-rate-limiter',
      'post-url-shortener',
    ])
    expect(recorded['post-distributed-cache']?.['previousSlugs']).toEqual(['distributed-cache'])
    expect(recorded['post-distributed-cache']?.['path']).toBe('content/posts/caching-at-scale.md')

    expect(git(clone, 'rev-list', '--count', `${before}..HEAD`).trim()).toBe('1')
    expect(remoteHead()).toBe(head())
    const message = git(clone, 'log', '-1', '--format=%B')
    expect(message.split('\n').slice(0, 9)).toEqual([
      'Export posts from Sanity: 2 updated, 1 deleted',
      '',
      'Updated:',
      '- caching-at-scale: content/posts/caching-at-scale.md (moved from content/posts/distributed-cache.md)',
      '- url-shortener: content/posts/url-shortener.md',
      '',
      'Deleted:',
      '- notification-fanout: content/posts/notification-fanout/index.md',
      '',
    ])
    expect(readFileSync(join(clone, WELCOME))).toEqual(welcomeBytes)
  })

  it('leaves a hand-edited post alone (exit 1) until --force', async () => {
    const path = 'content/posts/url-shortener.md'
    const handEdited = `${read(path)}\nA note added by hand.\n`
    writeFileSync(join(clone, path), handEdited)
    git(clone, 'commit', '-q', '-am', 'Hand edit')
    edit('post-url-shortener', (doc) => {
      doc['description'] =
        'A new description written in the Studio, long enough to be a proper one.'
    })
    const before = head()
    const beforeManifest = read(MANIFEST_FILE)

    const run = await exportRun(['--source', dataset, '--blog', clone, '--commit'])
    expect(run.exitCode).toBe(1)
    expect(run.summary?.conflicts).toEqual([
      {
        id: 'post-url-shortener',
        slug: 'url-shortener',
        path,
        reason: `${path} was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document)`,
      },
    ])
    expect(run.stdout).toContain(
      `conflict: post-url-shortener (url-shortener): ${path} was edited by hand`,
    )
    expect(read(path)).toBe(handEdited)
    expect(read(MANIFEST_FILE)).toBe(beforeManifest)
    expect(head()).toBe(before)

    const forced = await exportRun(['--source', dataset, '--blog', clone, '--commit', '--force'])
    expect(forced.exitCode).toBe(0)
    expect(read(path)).toBe(expected(findDoc(docs, 'post-url-shortener')).markdown)
    expect(git(clone, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      MANIFEST_FILE,
      path,
    ])
  })

  it('refuses to overwrite the hand-written post and reports only that document', async () => {
    const welcome = structuredClone(findDoc(docs, 'post-url-shortener'))
    welcome._id = 'post-welcome'
    welcome._rev = 'welcome-rev'
    welcome['slug'] = {_type: 'slug', current: 'welcome'}
    const withoutWelcome = docs
    saveDataset([...docs, welcome])
    const run = await exportRun(['--source', dataset, '--blog', clone, '--commit'])
    saveDataset(withoutWelcome)
    expect(run.exitCode).toBe(1)
    expect(run.summary?.failed).toEqual([
      {
        id: 'post-welcome',
        slug: 'welcome',
        path: null,
        field: 'slug.current',
        reason: `${WELCOME} already exists and was not written by the exporter (a hand-written post?); it was left as it is`,
      },
    ])
    expect(run.summary?.counts).toEqual({
      created: 0,
      updated: 0,
      deleted: 0,
      unchanged: 3,
      failed: 1,
      conflicts: 0,
      warnings: 0,
    })
    expect(readFileSync(join(clone, WELCOME))).toEqual(welcomeBytes)
    expect(manifest().documents['post-welcome']).toBe(undefined)
  })

  it('reports two documents with one slug and writes neither', async () => {
    const twin = structuredClone(findDoc(docs, 'post-url-shortener'))
    twin._id = 'post-twin'
    twin['slug'] = {_type: 'slug', current: 'caching-at-scale'}
    const withoutTwin = docs
    saveDataset([...docs, twin])
    const before = read('content/posts/caching-at-scale.md')
    const run = await exportRun(['--source', dataset, '--blog', clone])
    saveDataset(withoutTwin)
    expect(run.exitCode).toBe(1)
    expect(run.summary?.failed.map((doc) => [doc.id, doc.reason])).toEqual([
      [
        'post-distributed-cache',
        'slug "caching-at-scale" is also used by post-twin; neither is written until one changes',
      ],
      [
        'post-twin',
        'slug "caching-at-scale" is also used by post-distributed-cache; neither is written until one changes',
      ],
    ])
    expect(read('content/posts/caching-at-scale.md')).toBe(before)
    expect(manifest().documents['post-distributed-cache']?.['path']).toBe(
      'content/posts/caching-at-scale.md',
    )
  })

  it('commits only exported paths, never the person’s other changes', async () => {
    writeFileSync(join(clone, 'notes.txt'), 'untracked notes\n')
    writeFileSync(join(clone, WELCOME), `${welcomeBytes.toString('utf8')}\nstaged edit\n`)
    git(clone, 'add', WELCOME)
    edit('post-distributed-rate-limiter', (doc) => {
      doc['tagline'] = 'Fair Limits for Every Client'
    })
    const run = await exportRun(['--source', dataset, '--blog', clone, '--commit'])
    expect(run.exitCode).toBe(0)
    expect(git(clone, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n')).toEqual([
      MANIFEST_FILE,
      'content/posts/distributed-rate-limiter.md',
    ])
    expect(git(clone, 'status', '--porcelain')).toBe(`M  ${WELCOME}\n?? notes.txt\n`)
    git(clone, 'reset', '-q', '--hard', 'HEAD')
    git(clone, 'clean', '-q', '-f')
  })

  it('recovers a push rejected by a concurrent push by rebasing', async () => {
    const other = join(tempDir('other'), 'blog')
    git(remote, 'clone', '-q', remote, other)
    writeFileSync(
      join(other, 'content/posts/second-hand-post.md'),
      '---\ntitle: "By hand"\n---\n\nHello.\n',
    )
    git(other, 'add', '.')
    git(other, 'commit', '-q', '-m', 'Another hand-written post')
    git(other, 'push', '-q', 'origin', 'main')
    const theirs = git(other, 'rev-parse', 'HEAD').trim()

    edit('post-url-shortener', (doc) => {
      doc['tagline'] = 'Short Links, Long Life'
    })
    const unpushed = git(clone, 'log', '--format=%s', 'origin/main..HEAD').trim().split('\n')
    const token = 'ghp_pushTokenThatMustNotBeStored'
    const run = await exportRun(
      ['--source', dataset, '--blog', clone, '--commit', '--push', '--json'],
      {
        GITHUB_TOKEN: token,
      },
    )
    expect(`${run.stdout}${run.stderr}`).not.toContain(token)
    expect(readFileSync(join(clone, '.git', 'config'), 'utf8')).not.toContain(token)
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.summary?.push).toEqual({remote: 'origin', branch: 'main', rebases: 1})
    expect(remoteHead()).toBe(head())
    // Rebased, not merged: their commit, then the local commits not pushed before, then this run's.
    expect(git(clone, 'log', '--format=%s', `${theirs}~1..HEAD`).trim().split('\n')).toEqual([
      'Export posts from Sanity: 1 updated',
      ...unpushed,
      'Another hand-written post',
    ])
    expect(git(clone, 'rev-list', '--merges', 'HEAD').trim()).toBe('')
    expect(existsSync(join(clone, 'content/posts/second-hand-post.md'))).toBe(true)
    expect(read('content/posts/url-shortener.md')).toBe(
      expected(findDoc(docs, 'post-url-shortener')).markdown,
    )
  })

  it('reports a failed commit with the summary (exit 4)', async () => {
    const plain = tempDir('not-a-repo')
    const run = await exportRun(['--source', dataset, '--blog', plain, '--commit', '--json'])
    expect(run.exitCode).toBe(4)
    const summary = JSON.parse(run.stdout) as {
      counts: {created: number}
      gitError: string
      exitCode: number
    }
    expect(summary.counts.created).toBe(3)
    expect(summary.exitCode).toBe(4)
    expect(summary.gitError).toBe(
      `git rev-parse --show-toplevel failed (exit 128): ${plain} is not inside a git repository; --commit needs one`,
    )
    expect(run.stderr).toBe(`export: ${summary.gitError}\n`)
  })

  it('--only exports one document and leaves the others for the next run', async () => {
    edit('post-url-shortener', (doc) => {
      doc['tagline'] = 'Only This One'
    })
    edit('post-distributed-rate-limiter', (doc) => {
      doc['tagline'] = 'Not Yet'
    })
    const run = await exportRun(['--source', dataset, '--blog', clone, '--only', 'url-shortener'])
    expect(run.exitCode).toBe(0)
    expect(run.summary?.updated.map((doc) => doc.id)).toEqual(['post-url-shortener'])
    expect(run.summary?.counts.unchanged).toBe(0)
    expect(read('content/posts/distributed-rate-limiter.md')).not.toContain('Not Yet')
    const full = await exportRun(['--source', dataset, '--blog', clone])
    expect(full.summary?.updated.map((doc) => doc.id)).toEqual(['post-distributed-rate-limiter'])

    const missing = await exportRun([
      '--source',
      dataset,
      '--blog',
      clone,
      '--only',
      'no-such-post',
    ])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toBe(
      'export: --only no-such-post: no document has this id or slug, in the source or in the manifest\nRun with --help for the options.\n',
    )
  })
})
