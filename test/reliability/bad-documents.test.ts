import {spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {runExport} from '../../scripts/export/run.ts'
import type {Doc, Expected} from '../fixtures/bad-documents/fixture.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'
import {
  cliEnv,
  HAND_WRITTEN_BLOG,
  HAND_WRITTEN_POST,
  handWrittenBlog,
  manifestProblems,
  OUTPUT_DIR,
  ROOT,
  removeTempDirs,
  runCli,
  tempDir,
  writeJson,
} from './helpers.ts'

/**
 * Every bad-document fixture goes through the real export, next to a good post, into
 * a blog dir that holds a hand-written post: each bad document gets exactly its
 * error or warnings (id, field path, message), the documents that can be written
 * are, the good post comes out as its golden file, and nothing else is touched.
 * Then all fixtures go through the CLI together, to show that a dataset full of
 * bad documents still exports every good one.
 */

const FIXTURES = join(ROOT, 'test', 'fixtures', 'bad-documents')
const GOLDEN = readFileSync(join(ROOT, 'test', 'golden', 'system-design-post.full.md'), 'utf8')
const GOOD_PATH = 'content/posts/distributed-rate-limiter.md'
const GOOD = fullPost as unknown as Doc

interface Fixture {
  name: string
  documents: Doc[]
  expected: Expected
}

interface Summary {
  exitCode: number
  created: {id: string; path: string | null}[]
  failed: Expected['failed']
  warnings: Expected['warnings']
  conflicts: unknown[]
}

const names = readdirSync(FIXTURES)
  .filter((name) => /^\d{3}-[a-z0-9-]+\.ts$/.test(name))
  .sort()
const fixtures: Fixture[] = []
let cache: string
/** The blog all fixtures were exported into together, for the Hugo build. */
let combined: string | undefined
const hugoMissing = spawnSync('hugo', ['version']).error !== undefined
if (hugoMissing && process.env['CI'] === undefined)
  console.warn('hugo is not installed: the Hugo build of the bad documents is skipped')
const handWritten = readFileSync(join(HAND_WRITTEN_BLOG, HAND_WRITTEN_POST))

function dataset(documents: readonly Doc[]): string {
  const dir = tempDir('dataset')
  cpSync(join(ROOT, 'sample-data', 'images'), join(dir, 'images'), {recursive: true})
  const file = join(dir, 'data.ndjson')
  writeFileSync(file, `${documents.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
  return file
}

async function exportInProcess(source: string, blog: string): Promise<Summary> {
  let stdout = ''
  let stderr = ''
  await runExport(['--source', source, '--blog', blog, '--json'], {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    isTTY: false,
    env: cliEnv(cache),
    cwd: ROOT,
  })
  expect(stderr).toBe('')
  return JSON.parse(stdout) as Summary
}

/** The front matter's values, read the way Hugo (YAML 1.1) and a YAML 1.2 reader would. */
function frontMatter(markdown: string, version: '1.1' | '1.2'): Record<string, unknown> {
  const yaml = /^---\n([\s\S]*?\n)---\n/.exec(markdown)?.[1]
  if (yaml === undefined) throw new Error('no front matter')
  return parse(yaml, {version}) as Record<string, unknown>
}

function checkWritten(blog: string, expected: Expected) {
  for (const written of expected.written) {
    const markdown = readFileSync(join(blog, written.path), 'utf8')
    for (const version of ['1.1', '1.2'] as const) {
      const values = frontMatter(markdown, version)
      for (const [key, value] of Object.entries(written.frontMatter ?? {}))
        expect({id: written.id, version, key, value: values[key]}).toEqual({
          id: written.id,
          version,
          key,
          value,
        })
    }
    const lines = new Set(markdown.split('\n'))
    for (const line of written.lines ?? [])
      expect({id: written.id, line, present: lines.has(line)}).toEqual({
        id: written.id,
        line,
        present: true,
      })
    for (const text of written.absent ?? [])
      expect({id: written.id, text, present: markdown.includes(text)}).toEqual({
        id: written.id,
        text,
        present: false,
      })
  }
}

/** The page Hugo built for a written post holds its expected HTML lines, and none of the absent text. */
function checkHtml(publicDir: string, written: Expected['written'][number]) {
  if (written.html === undefined && written.htmlAbsent === undefined) return
  const slug = /^content\/posts\/([a-z0-9-]+)\.md$/.exec(written.path)?.[1]
  const html = readFileSync(join(publicDir, 'posts', slug ?? written.path, 'index.html'), 'utf8')
  const lines = new Set(html.split('\n'))
  for (const line of written.html ?? [])
    expect({id: written.id, line, present: lines.has(line)}).toEqual({
      id: written.id,
      line,
      present: true,
    })
  for (const text of written.htmlAbsent ?? [])
    expect({id: written.id, text, present: html.includes(text)}).toEqual({
      id: written.id,
      text,
      present: false,
    })
}

beforeAll(async () => {
  cache = tempDir('cache')
  for (const name of names) {
    const module = (await import(join(FIXTURES, name))) as Omit<Fixture, 'name'>
    fixtures.push({name, documents: module.documents, expected: module.expected})
  }
})

afterAll(removeTempDirs)

describe('bad documents', () => {
  it('has fixtures, each with distinct ids', () => {
    expect(names.length).toBeGreaterThan(0)
    const ids = fixtures.flatMap((fixture) => fixture.documents.map((doc) => doc._id))
    expect(new Set(ids).size).toBe(ids.length)
  })

  for (const name of names) {
    it(`${name}: its exact errors and warnings, the rest still exported`, async () => {
      const fixture = fixtures.find((candidate) => candidate.name === name)
      if (fixture === undefined) throw new Error(`fixture ${name} did not load`)
      const {documents, expected} = fixture
      const blog = handWrittenBlog('blog')
      const summary = await exportInProcess(dataset([...documents, GOOD]), blog)
      const ids = new Set(documents.map((doc) => doc._id))
      expect(summary.failed).toEqual(expected.failed)
      expect(summary.warnings.filter((warning) => ids.has(warning.id))).toEqual(expected.warnings)
      expect(summary.conflicts).toEqual([])
      expect(summary.exitCode).toBe(expected.failed.length > 0 ? 1 : 0)
      expect(summary.created.map((doc) => [doc.id, doc.path])).toEqual(
        [
          [GOOD._id, GOOD_PATH],
          ...expected.written.map((written): [string, string] => [written.id, written.path]),
        ].sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1)),
      )
      expect(readFileSync(join(blog, GOOD_PATH), 'utf8')).toBe(GOLDEN)
      expect(readFileSync(join(blog, HAND_WRITTEN_POST))).toEqual(handWritten)
      expect(manifestProblems(blog)).toEqual([])
      checkWritten(blog, expected)
    })
  }

  it('all fixtures at once through the CLI: every good document is exported', () => {
    const documents = fixtures.flatMap((fixture) => fixture.documents)
    const blog = handWrittenBlog('all')
    const run = runCli(
      ['--source', dataset([...documents, GOOD]), '--blog', blog, '--json'],
      cliEnv(cache),
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const summary = JSON.parse(run.stdout) as Summary
    const byId = (a: {id: string}, b: {id: string}) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    const expectedFailed = fixtures.flatMap((fixture) => fixture.expected.failed).sort(byId)
    expect(summary.failed).toEqual(expectedFailed)
    const written = fixtures.flatMap((fixture) => fixture.expected.written)
    expect(summary.created.map((doc) => doc.id)).toEqual(
      [GOOD._id, ...written.map((doc) => doc.id)].sort(),
    )
    expect(summary.warnings).toEqual(
      fixtures.flatMap((fixture) => fixture.expected.warnings).sort((a, b) => byId(a, b)),
    )
    expect(readFileSync(join(blog, GOOD_PATH), 'utf8')).toBe(GOLDEN)
    expect(readFileSync(join(blog, HAND_WRITTEN_POST))).toEqual(handWritten)
    expect(manifestProblems(blog)).toEqual([])
    for (const fixture of fixtures) checkWritten(blog, fixture.expected)
    combined = blog
    writeJson(join(OUTPUT_DIR, 'bad-documents.json'), {
      fixtures: fixtures.map((fixture) => ({
        name: fixture.name,
        documents: fixture.documents.length,
        failed: fixture.expected.failed.length,
        warnings: fixture.expected.warnings.length,
        written: fixture.expected.written.length,
      })),
      documents: documents.length,
      failed: summary.failed.length,
      warnings: summary.warnings.length,
      written: summary.created.length,
    })
  })

  it.skipIf(hugoMissing && process.env['CI'] === undefined)(
    'Hugo builds the site and reads every front matter as written',
    () => {
      if (combined === undefined) throw new Error('the combined export did not run')
      const hugoDir = tempDir('hugo')
      const config = join(hugoDir, 'hugo.toml')
      // Raw HTML is rendered, as the blog's hugo.yaml has it.
      writeFileSync(
        config,
        'baseURL = "https://example.org/blogs/"\ntitle = "Bad documents"\n[markup.goldmark.renderer]\nunsafe = true\n',
      )
      // A post's page is its rendered markdown alone, so the checks see what Goldmark made of it.
      const layouts = join(hugoDir, 'layouts')
      mkdirSync(join(layouts, '_default'), {recursive: true})
      writeFileSync(join(layouts, '_default', 'single.html'), '{{ .Content }}\n')
      writeFileSync(join(layouts, '_default', 'list.html'), '{{ .Title }}\n')
      const publicDir = tempDir('public')
      const build = spawnSync(
        'hugo',
        [
          ...['--source', combined, '--config', config, '--layoutDir', layouts],
          ...['--destination', publicDir, '--quiet'],
        ],
        {encoding: 'utf8'},
      )
      expect({status: build.status, stderr: build.stderr}).toEqual({status: 0, stderr: ''})
      for (const written of fixtures.flatMap((fixture) => fixture.expected.written))
        checkHtml(publicDir, written)
      const list = spawnSync('hugo', ['list', 'all', '--source', combined, '--config', config], {
        encoding: 'utf8',
      })
      expect(list.status).toBe(0)
      const titles = new Map(parseCsv(list.stdout).map((row) => [row[0], row[2]]))
      for (const written of fixtures.flatMap((fixture) => fixture.expected.written)) {
        const markdown = readFileSync(join(combined, written.path), 'utf8')
        expect({path: written.path, title: titles.get(written.path)}).toEqual({
          path: written.path,
          title: frontMatter(markdown, '1.1')['title'],
        })
      }
    },
  )
})

/** RFC 4180 CSV, as `hugo list` writes it (quoted fields may hold newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}
