import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../converter/config.ts'
import {renderPost} from '../converter/index.ts'
import {headingAnchor} from '../converter/render/text.ts'
import {type ConverterFixture, site} from './fixtures/converter/fixture.ts'
import {fullGenericPost} from './fixtures/post.full.ts'
import {fullPost} from './fixtures/system-design-post.full.ts'

/**
 * The golden post and every renderable construct fixture, built by the real
 * `hugo` binary in a throwaway site with minimal layouts and the blog's
 * `unsafe: true` Goldmark setting.
 */

const hugoVersion = spawnSync('hugo', ['version'], {encoding: 'utf8'})
const hugoAvailable = hugoVersion.status === 0
const requireHugo = process.env['CI'] === 'true'
if (!hugoAvailable && !requireHugo)
  console.warn('Skipping the Hugo render tests: `hugo` is not installed and CI is not set.')

const FIXTURE_DIR = new URL('./fixtures/converter/', import.meta.url)
const fixtures = await Promise.all(
  readdirSync(FIXTURE_DIR)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.ts$/.test(name))
    .sort()
    .map(async (name) => {
      const module: {fixture: ConverterFixture} = await import(new URL(name, FIXTURE_DIR).href)
      return {name: name.replace(/\.ts$/, ''), fixture: module.fixture}
    }),
)

/** Each renderable fixture under its own slug, so they can share one site. */
const fixturePosts = fixtures
  .filter(({fixture}) => fixture.output.error === undefined)
  .map(({name, fixture}) => {
    const doc = structuredClone(fixture.input.doc) as Record<string, unknown>
    doc['slug'] = {current: `fixture-${name}`}
    const options = {...site(fixture.input.site), aliases: []}
    return {name, doc, result: renderPost(doc, options)}
  })
const golden = renderPost(fullPost, DEFAULT_SITE)
const genericGolden = renderPost(fullGenericPost, DEFAULT_SITE)

const CONFIG = `baseURL: ${DEFAULT_SITE.baseURL}/
languageCode: en-us
title: Render test
markup:
  goldmark:
    renderer:
      unsafe: true
  tableOfContents:
    startLevel: 2
    endLevel: 4
`
const LAYOUTS: Record<string, string> = {
  '_default/baseof.html':
    '<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
  '_default/single.html':
    '{{ define "main" }}<nav class="hugo-toc">{{ .TableOfContents }}</nav><article>{{ .Content }}</article>{{ end }}\n',
  '_default/list.html':
    '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}\n',
}

function run(siteDir: string, args: string[]) {
  const result = spawnSync('hugo', args, {cwd: siteDir, encoding: 'utf8'})
  if (result.error) throw result.error
  return {status: result.status, output: `${result.stdout}${result.stderr}`}
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#34': '"',
}
const decode = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#39|#34);/g, (_, e: string) => ENTITIES[e] ?? '')

/** LaTeX of every formula in a document, in document order. */
function formulas(
  value: unknown,
  found: {inline: string[]; display: string[]} = {inline: [], display: []},
) {
  if (Array.isArray(value)) for (const item of value) formulas(item, found)
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    if (record['_type'] === 'mathInline' && typeof record['tex'] === 'string')
      found.inline.push(record['tex'])
    else if (record['_type'] === 'mathBlock' && typeof record['tex'] === 'string')
      found.display.push(record['tex'])
    else for (const child of Object.values(record)) formulas(child, found)
  }
  return found
}

/** The formulas as they reach MathJax: the text of the HTML between the delimiters. */
function htmlFormulas(html: string) {
  const display = [...html.matchAll(/<div class="math">\n\$\$\n([\s\S]*?)\n\$\$\n<\/div>/g)].map(
    (m) => decode(m[1] ?? ''),
  )
  const rest = html.replace(/<div class="math">[\s\S]*?<\/div>/g, '')
  const inline = [...rest.matchAll(/\$([^$<>\n]+)\$/g)].map((m) => decode(m[1] ?? ''))
  return {inline, display}
}

describe.skipIf(!hugoAvailable && !requireHugo)('hugo render', () => {
  let siteDir = ''
  let build = {status: null as number | null, output: ''}
  let listing = ''
  const html = (slug: string) =>
    readFileSync(join(siteDir, 'public/posts', slug, 'index.html'), 'utf8')

  beforeAll(() => {
    siteDir = mkdtempSync(join(tmpdir(), 'hugo-render-'))
    writeFileSync(join(siteDir, 'hugo.yaml'), CONFIG)
    for (const [path, text] of Object.entries(LAYOUTS)) {
      mkdirSync(dirname(join(siteDir, 'layouts', path)), {recursive: true})
      writeFileSync(join(siteDir, 'layouts', path), text)
    }
    for (const {path, markdown} of [golden, genericGolden, ...fixturePosts.map((p) => p.result)]) {
      mkdirSync(dirname(join(siteDir, path)), {recursive: true})
      writeFileSync(join(siteDir, path), markdown)
    }
    build = run(siteDir, ['--buildDrafts', '--destination', 'public'])
    listing = run(siteDir, ['list', 'all']).output
  })

  afterAll(() => {
    if (siteDir) rmSync(siteDir, {recursive: true, force: true})
  })

  it('builds every post without errors or warnings', () => {
    expect(build.status, build.output).toBe(0)
    expect(
      build.output.split('\n').filter((line) => /\b(WARN|ERROR)\b|Error:/i.test(line)),
    ).toEqual([])
  })

  it('lists each post with its title, date and draft state', () => {
    const rows = new Map(
      listing
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => parseCsvLine(line))
        .map((cells) => [cells[0] ?? '', cells]),
    )
    for (const {path, markdown} of [golden, genericGolden, ...fixturePosts.map((p) => p.result)]) {
      const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? ''
      const title = JSON.parse(/^title: (.*)$/m.exec(frontMatter)?.[1] ?? 'null') as string
      const date = /^date: (.*)$/m.exec(frontMatter)?.[1] ?? ''
      const draft = /^draft: (.*)$/m.exec(frontMatter)?.[1] ?? ''
      const row = rows.get(path)
      expect(row, path).toBeDefined()
      // hugo list writes RFC 3339 without fractional seconds.
      expect([row?.[2], row?.[3], row?.[6]], path).toEqual([
        title,
        date.replace(/\.\d+/, ''),
        draft,
      ])
    }
    expect(rows.get(golden.path)?.slice(2, 4)).toEqual([
      'Designing a Distributed Rate Limiter',
      '2025-10-01T09:00:00Z',
    ])
  })

  it('gives every section heading the id the TOCs link to', () => {
    const page = html('distributed-rate-limiter')
    const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]))
    const headings = [...golden.markdown.matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
      headingAnchor(m[1] ?? ''),
    )
    expect(headings.filter((id) => !ids.has(id))).toEqual([])
    // 18 sections (the TOC, the 13 TOC sections and 4 others) and their sub-headings.
    expect(headings.filter((id) => ids.has(id)).length).toBe(headings.length)
    expect(golden.markdown.match(/^## /gm)?.length).toBe(18)
    const anchors = [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(anchors.filter((anchor) => !ids.has(anchor))).toEqual([])
    // Both the post's own TOC (13 archetype sections) and Hugo's nested one link in.
    expect(anchors.filter((a) => a === 'implementation-details').length).toBe(2)
  })

  it('hands the LaTeX to MathJax exactly as written', () => {
    const source = formulas(fullPost)
    const rendered = htmlFormulas(html('distributed-rate-limiter'))
    // Sorted: a footnote's formula is written where it is cited but shown at the end.
    expect([...rendered.inline].sort()).toEqual(
      source.inline.map((tex) => tex.replace(/\s*\n\s*/g, ' ')).sort(),
    )
    expect(rendered.display).toEqual(source.display)
    expect(source.inline.length + source.display.length).toBeGreaterThan(3)
  })

  it('hands the full generic post’s LaTeX to MathJax exactly as written, the list formulas in their items', () => {
    const source = formulas(fullGenericPost)
    const page = html('gradient-descent')
    expect(htmlFormulas(page)).toEqual(source)
    // Two in the opening paragraph, two in list items, one inside the fold-out.
    expect(source.inline.length).toBe(5)
    const items = [...page.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1] ?? ''))
    expect(items.filter((item) => /\$\$[^$]+\$\$/.test(item)).length).toBe(2)
  })

  it('keeps display math without blank lines and inline math with punctuation in the math fixture', () => {
    const post = fixturePosts.find((p) => p.name === '064-math')
    expect(post).toBeDefined()
    const source = formulas(post?.doc)
    const rendered = htmlFormulas(html('fixture-064-math'))
    expect(rendered.inline).toEqual(source.inline)
    expect(rendered.display).toEqual(source.display.map((tex) => tex.replace(/\n\s*\n/g, '\n')))
  })

  it('writes a generic post as written: its own headings with their ids, the rule, the like element', () => {
    const page = html('fixture-111-post-body-as-written')
    expect([...page.matchAll(/<h([1-6]) id="([^"]+)">/g)].map((m) => `h${m[1]}#${m[2]}`)).toEqual([
      'h1#welcome-to-my-blog',
      'h2#what-youll-find-here',
      'h3#1-encoder-decoder-structure',
      'h4#in-detail',
    ])
    expect(page).toContain('<div id="lyket-like-welcome"></div>\n<hr>\n')
    // Nothing generated: no like element of its own, no table of contents heading.
    expect(page).not.toContain('lyket-like-fixture-111')
    expect(page).not.toContain('id="table-of-contents"')
  })

  it('keeps a display formula inside its list item, and the list counting on', () => {
    const post = fixturePosts.find((p) => p.name === '112-post-display-formula-in-list')
    expect(post).toBeDefined()
    const source = formulas(post?.doc)
    const page = html('fixture-112-post-display-formula-in-list')
    const items = [...page.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1] ?? ''))
    expect(items.map((item) => /\$\$([^$]+)\$\$/.exec(item)?.[1])).toEqual(source.inline)
    expect(source.inline.length).toBe(2)
    expect(page.match(/<ol>/g)?.length).toBe(1)
    expect(htmlFormulas(page).display).toEqual(source.display)
  })

  it('writes the Lyket element for the post', () => {
    expect(html('distributed-rate-limiter')).toContain(
      '<div id="lyket-like-distributed-rate-limiter"></div>',
    )
  })

  it('keeps the language class on every code block', () => {
    const page = html('distributed-rate-limiter')
    const classes = [...page.matchAll(/<code class="language-([\w+-]+)"/g)].map((m) => m[1])
    expect(classes).toEqual(['lua', 'python', 'go', 'yaml'])
  })

  it('shows shortcode-like text literally instead of running it', () => {
    const page = html('fixture-070-shortcode-escaping')
    expect(decode(page)).toContain('Text {{< figure >}} and {{% note %}}.')
    expect(decode(page)).toContain('<code class="language-go-html-template">{{< unclosed')
    expect(decode(page)).toContain('<code>{{< inline code >}}</code>')
  })
})

/** One CSV record as Go's encoding/csv writes it (quotes doubled inside quoted fields). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells
}
