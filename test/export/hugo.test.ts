import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import config from '../../hugo-export.config.ts'
import {
  type Doc,
  exportRun,
  findDoc,
  removeTempDirs,
  SAMPLE_NDJSON,
  sampleDocs,
  tempDir,
  writeDataset,
} from './helpers.ts'

/**
 * The exported sample dataset must build with the real `hugo`, in both layouts, and
 * a renamed post's old address must redirect to the new one.
 */

const hugo = spawnSync('hugo', ['version'], {encoding: 'utf8'})
const hugoAvailable = hugo.status === 0
if (!hugoAvailable && process.env['CI'] !== 'true')
  console.warn('Skipping the exporter Hugo build tests: `hugo` is not installed and CI is not set.')

const SLUGS = [
  'distributed-cache',
  'distributed-rate-limiter',
  'notification-fanout',
  'url-shortener',
]
/** The sample's Hugo draft: written as a bundle in either layout (this site builds drafts). */
const DRAFT = 'notification-fanout'

/** The images a built page shows that are not in the built site. */
function missingImages(dir: string, slug: string, bundled: boolean): string[] {
  const page = readFileSync(join(dir, 'public/posts', slug, 'index.html'), 'utf8')
  const [pattern, root] = bundled
    ? [/src="([0-9a-f]{40}-\d+x\d+\.png)"/g, join(dir, 'public/posts', slug)]
    : [/src="https:\/\/ariondas\.github\.io\/blogs\/(images\/[^"]+)"/g, join(dir, 'public')]
  const images = [...page.matchAll(pattern)].map(([, path]) => path ?? '')
  expect(images.length, slug).toBeGreaterThan(0)
  return images.filter((path) => !existsSync(join(root, path)))
}

/** A throwaway site: the blog's base URL and Goldmark setting, minimal layouts, no theme. */
function site(): string {
  const dir = tempDir('hugo-site')
  const files: Record<string, string> = {
    'hugo.yaml': `baseURL: '${config.site.baseURL}'\nlanguageCode: en-us\ntitle: Export test\nbuildDrafts: true\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n`,
    'layouts/_default/baseof.html':
      '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
    'layouts/_default/single.html':
      '{{ define "main" }}<article>{{ with .Params.cover.image }}<img src="{{ . }}">{{ end }}{{ .Content }}</article>{{ end }}\n',
    'layouts/_default/list.html':
      '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), {recursive: true})
    writeFileSync(join(dir, path), content)
  }
  return dir
}

function build(dir: string): {status: number | null; output: string} {
  const result = spawnSync('hugo', ['--quiet', '--panicOnWarning'], {cwd: dir, encoding: 'utf8'})
  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

afterAll(removeTempDirs)

describe.skipIf(!hugoAvailable && process.env['CI'] !== 'true')(
  'exported posts build with hugo',
  () => {
    it('builds the file layout, with images under static/ and a redirect for a renamed post', async () => {
      const dir = site()
      expect((await exportRun(['--source', SAMPLE_NDJSON, '--blog', dir])).exitCode).toBe(0)
      const first = build(dir)
      expect(first.output).toBe('')
      expect(first.status).toBe(0)
      for (const slug of SLUGS) expect(missingImages(dir, slug, slug === DRAFT)).toEqual([])

      const docs: Doc[] = sampleDocs().map((doc) => structuredClone(doc))
      const renamed = findDoc(docs, 'post-url-shortener')
      renamed['slug'] = {_type: 'slug', current: 'short-links'}
      renamed._rev = 'renamed'
      const dataset = writeDataset(tempDir('renamed'), docs)
      expect((await exportRun(['--source', dataset, '--blog', dir])).exitCode).toBe(0)
      const second = build(dir)
      expect(second.output).toBe('')
      expect(second.status).toBe(0)
      const redirect = readFileSync(join(dir, 'public/posts/url-shortener/index.html'), 'utf8')
      expect(redirect).toContain(
        '<meta http-equiv="refresh" content="0; url=https://ariondas.github.io/blogs/posts/short-links/">',
      )
      expect(existsSync(join(dir, 'public/posts/short-links/index.html'))).toBe(true)
    })

    it('moves an export to the bundle layout, with each image beside its post', async () => {
      const dir = site()
      expect((await exportRun(['--source', SAMPLE_NDJSON, '--blog', dir])).exitCode).toBe(0)
      const run = await exportRun(['--source', SAMPLE_NDJSON, '--blog', dir, '--layout', 'bundle'])
      expect(run.exitCode).toBe(0)
      // The Hugo draft was a bundle already.
      expect(run.summary?.counts.updated).toBe(3)
      expect(readdirSync(join(dir, 'content/posts')).sort()).toEqual(SLUGS)
      expect(readdirSync(join(dir, 'static/images'))).toEqual([])
      const result = build(dir)
      expect(result.output).toBe('')
      expect(result.status).toBe(0)
      for (const slug of SLUGS) expect(missingImages(dir, slug, true)).toEqual([])
    })
  },
)
