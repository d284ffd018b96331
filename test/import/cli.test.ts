import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {runImport} from '../../scripts/import/cli.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'

const REAL = new URL('../fixtures/import/real/', import.meta.url)

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await runImport(argv, {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    cwd,
  })
  return {code, stdout, stderr}
}

const GOOD_YAML = `---
title: "Good Post"
date: 2025-03-01T10:00:00+02:00
---

# Good Post

Some text.
`

const GOOD_TOML = `+++
title = 'Tidy TOML'
date = 2025-03-02
draft = true
tags = ['toml']
+++

Text after TOML front matter.
`

/** Bytes that are no text at all: a fixed pseudo-random sequence with NULs in it. */
function garbage(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let state = 0x2545f491
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    bytes[i] = state >>> 24
  }
  return bytes
}

describe('bad input: each bad file fails on its own, the others are imported', () => {
  let dir: string
  let result: Run

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-bad-'))
    const posts = join(dir, 'posts')
    mkdirSync(posts)
    writeFileSync(join(posts, 'a-good.md'), GOOD_YAML)
    writeFileSync(join(posts, 'b-no-front-matter.md'), '# Just a heading\n\nAnd text.\n')
    writeFileSync(
      join(posts, 'c-broken-yaml.md'),
      '---\ntitle: "Fine"\ntags: [one, two\ndate: 2025-01-01\n---\n\nBody.\n',
    )
    writeFileSync(join(posts, 'd-garbage.md'), garbage(4096))
    // 10 MB with valid front matter: refused for its size, before being read.
    writeFileSync(join(posts, 'e-huge.md'), `${GOOD_YAML}${'x'.repeat(10 * 1024 * 1024)}\n`)
    writeFileSync(join(posts, 'f-tidy.md'), GOOD_TOML)
    result = await run(['posts', '--out', 'out/posts.ndjson', '--report', 'out/report.json'], dir)
  })

  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('exits with 1', () => {
    expect(result.code).toBe(1)
  })

  it('names each bad file, with the line where there is one', () => {
    expect(result.stderr.split('\n').filter((line) => line !== '')).toEqual([
      'import: posts/b-no-front-matter.md:1: no front matter: a Hugo post must start with a "---" (YAML) or "+++" (TOML) line',
      'import: posts/c-broken-yaml.md:4:1: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'import: posts/d-garbage.md:3: not a text file: it contains a NUL byte at offset 354',
      'import: posts/e-huge.md: file is 10.0 MiB, larger than the 2 MiB a post may be; is it really a markdown post?',
    ])
  })

  it('writes the good posts, and only them', () => {
    const lines = readFileSync(join(dir, 'out/posts.ndjson'), 'utf8').trimEnd().split('\n')
    const documents = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(
      documents.map((doc) => [doc['_id'], doc['title'], doc['date'], doc['hugoDraft']]),
    ).toEqual([
      ['post-a-good', 'Good Post', '2025-03-01T10:00:00+02:00', false],
      ['post-f-tidy', 'Tidy TOML', '2025-03-02T00:00:00.000Z', true],
    ])
  })

  it('records every file in the JSON report', () => {
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as {
      files: {file: string; status: string}[]
    }
    expect(report.files.map(({file, status}) => [file, status])).toEqual([
      ['posts/a-good.md', 'imported'],
      ['posts/b-no-front-matter.md', 'failed'],
      ['posts/c-broken-yaml.md', 'failed'],
      ['posts/d-garbage.md', 'failed'],
      ['posts/e-huge.md', 'failed'],
      ['posts/f-tidy.md', 'imported'],
    ])
  })

  it('ends the printed report with the totals', () => {
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      '2 imported, 4 failed (written to out/posts.ndjson)',
    )
  })
})

describe('usage errors exit with 2 and write nothing', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-usage-'))
    writeFileSync(join(dir, 'post.md'), GOOD_YAML)
  })
  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it.each([
    [[], 'import: give at least one post file or folder'],
    [['post.md'], 'import: --out <file.ndjson> is required (or use --dry-run)'],
    [['post.md', '--out', 'x.json'], 'import: --out must name an .ndjson file, got "x.json"'],
    [
      ['post.md', '--out', 'x.ndjson', '--fast'],
      "import: Unknown option '--fast'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--fast\"",
    ],
  ])('%j', async (argv, message) => {
    const result = await run(argv, dir)
    expect(result.code).toBe(2)
    expect(result.stderr.split('\n')[0]).toBe(message)
    expect(existsSync(join(dir, 'x.ndjson'))).toBe(false)
  })

  it('--dry-run reads and reports but writes nothing', async () => {
    const result = await run(['post.md', '--out', 'x.ndjson', '--dry-run'], dir)
    expect(result.code).toBe(0)
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      '1 imported, 0 failed (dry run, nothing written)',
    )
    expect(existsSync(join(dir, 'x.ndjson'))).toBe(false)
  })
})

describe('deterministic output', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-determinism-'))
    mkdirSync(join(dir, 'posts'))
    for (const name of ['welcome.md', 'transformer-architecture.md'])
      copyFileSync(new URL(name, REAL), join(dir, 'posts', name))
    writeFileSync(
      join(dir, 'posts/distributed-rate-limiter.md'),
      renderPost(fullPost, DEFAULT_SITE).markdown,
    )
    writeFileSync(join(dir, 'posts/tidy.md'), GOOD_TOML)
  })
  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  it('importing twice gives byte-identical NDJSON', async () => {
    expect((await run(['posts', '--out', 'one.ndjson'], dir)).code).toBe(0)
    expect((await run(['posts', '--out', 'two.ndjson'], dir)).code).toBe(0)
    const one = readFileSync(join(dir, 'one.ndjson'), 'utf8')
    expect(one.split('\n').length).toBe(5)
    expect(readFileSync(join(dir, 'two.ndjson'), 'utf8')).toBe(one)
  })

  it('gives ids made from the slug and a unique key to every array item', async () => {
    await run(['posts', '--out', 'keys.ndjson'], dir)
    const documents = readFileSync(join(dir, 'keys.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(documents.map((doc) => doc['_id'])).toEqual([
      'post-distributed-rate-limiter',
      'post-tidy',
      'post-transformer-architecture',
      'post-welcome',
    ])
    const problems: string[] = []
    const visit = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        const keys = value
          .filter((item) => typeof item === 'object' && item !== null)
          .map((item) => item._key)
        if (keys.some((key) => typeof key !== 'string' || !/^[0-9a-f]{12}$/.test(key)))
          problems.push(`${path}: an item without a key`)
        if (new Set(keys).size !== keys.length) problems.push(`${path}: duplicate keys`)
        value.forEach((item, i) => {
          visit(item, `${path}[${i}]`)
        })
      } else if (typeof value === 'object' && value !== null)
        for (const [name, child] of Object.entries(value)) visit(child, `${path}.${name}`)
    }
    for (const doc of documents) visit(doc, String(doc['_id']))
    // The note of a footnote (an inline object inside a text block) keeps the
    // markdown library's keys: an importer bug, marked as an expected failure in
    // units.test.ts ("keys … inside a footnote"). Drop this filter with the fix.
    const inFootnote = (problem: string) => /\.children\[\d+\]\.text[[.:]/.test(problem)
    expect(problems.filter((problem) => !inFootnote(problem))).toEqual([])
  })

  it('refuses a second post with the same slug', async () => {
    mkdirSync(join(dir, 'more'), {recursive: true})
    writeFileSync(join(dir, 'more/tidy.md'), GOOD_TOML)
    const result = await run(['posts/tidy.md', 'more/tidy.md', '--out', 'dup.ndjson'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'import: more/tidy.md: has the same slug "tidy" as posts/tidy.md; each post needs its own slug\n',
    )
    expect(readFileSync(join(dir, 'dup.ndjson'), 'utf8').trimEnd().split('\n').length).toBe(1)
  })
})
