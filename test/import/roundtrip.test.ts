import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {type ConverterFixture, site} from '../fixtures/converter/fixture.ts'
import {fullGenericPost} from '../fixtures/post.full.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'
import {comparable, importMarkdown, type Json} from './support.ts'

/**
 * The whole chain: a document rendered by the converter, imported back and
 * rendered again must give the same bytes, and the same document: slots as
 * rich text, free text in the section or item it belongs to, at its position.
 * When this fails, compare the imported document with the original to see
 * whether the importer read the markdown wrongly or the converter wrote two
 * documents the same way.
 */

/** The value at a path of object keys and array indexes, or null. */
function at(value: Json | undefined, ...keys: string[]): Json {
  let current: Json | undefined = value
  for (const key of keys)
    current =
      current !== null && typeof current === 'object'
        ? (current as Record<string, Json>)[key]
        : undefined
  return current ?? null
}

describe('golden sample post: export → import → export', () => {
  const first = renderPost(fullPost, DEFAULT_SITE)
  const imported = importMarkdown(first.markdown, 'content/posts/distributed-rate-limiter.md')
  const second = renderPost(imported.document, DEFAULT_SITE)

  it('gives byte-identical markdown', () => {
    expect(second.markdown).toBe(first.markdown)
  })

  it('re-exports without warnings', () => {
    expect(second.warnings).toEqual([])
  })

  // canonicalURL equals the address made from the slug, so the importer
  // leaves the override empty; cover.relative follows the output layout.
  const {canonicalURL: _derived, cover, ...rest} = fullPost
  const {relative: _layout, ...coverRest} = cover ?? {}
  const original = comparable({...rest, cover: coverRest}) as Record<string, Json>
  const recovered = comparable(imported.document) as Record<string, Json>

  it('recovers the original document, except the two values the exporter derives', () => {
    expect(fullPost.canonicalURL).toBe(
      'https://ariondas.github.io/blogs/posts/distributed-rate-limiter/',
    )
    expect(recovered).toEqual(original)
  })

  it('compares free text placed at positions, and rich text in slots', () => {
    // A guard on the comparison above: what it covers includes the new shapes.
    const found: string[] = []
    const visit = (value: Json, path: string) => {
      if (Array.isArray(value))
        value.forEach((item, i) => {
          visit(item, `${path}[${i}]`)
        })
      else if (value !== null && typeof value === 'object') {
        if (value['_type'] === 'moreText') found.push(`${path} at ${String(value['at'])}`)
        for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`)
      }
    }
    visit(recovered, '')
    expect(found).toEqual([
      '.components[0].more[0] at start',
      '.components[0].more[1] at keyFeatures',
      '.coreComponentsMore[0] at start',
      '.designDecisions[0].more[0] at consequences',
      '.pitfalls[1].more[0] at solution',
    ])
    expect(at(recovered, 'components', '1', 'name')).toEqual([
      {
        _type: 'block',
        children: [
          {_type: 'span', marks: [], text: 'Rate Limit Service ('},
          {_type: 'span', marks: ['code'], text: 'ShouldRateLimit'},
          {_type: 'span', marks: [], text: ')'},
        ],
        markDefs: [],
        style: 'normal',
      },
    ])
  })

  it('uses the deterministic id made from the slug', () => {
    expect(imported.document['_id']).toBe('post-distributed-rate-limiter')
    expect(imported.report.documentId).toBe('post-distributed-rate-limiter')
  })

  it('finds a place for every block: nothing moved, nothing left out', () => {
    // Misplaced or dropped text has the target "(not imported)" or a note starting "error:".
    const displaced = imported.report.entries.filter(
      (entry) => entry.target === '(not imported)' || entry.note?.startsWith('error:'),
    )
    expect(displaced).toEqual([])
    // Each block of free text is reported with the entry and position it went to.
    expect(
      imported.report.entries
        .filter((entry) => /(more|More)\[/.test(entry.target))
        .map(({line, source, target}) => `${line} ${source} → ${target}`),
    ).toEqual([
      '175 paragraph → coreComponentsMore[0].body[0]',
      '179 paragraph → components[0].more[0].body[0]',
      '194 #### Choosing the client key → components[0].more[1].body[0]',
      '196 paragraph → components[0].more[1].body[1]',
      '198 blockquote → components[0].more[1].body[2..4]',
      '268 paragraph → designDecisions[0].more[0].body[0]',
      '270 HTML → designDecisions[0].more[0].body[1]',
      '317 list (2 items) → dataFlow.writePath.steps[1].more[0..1]',
      '679 fold-out (<details>) → pitfalls[1].more[0].body[0]',
    ])
  })

  it('recognises the generated parts instead of importing them as text', () => {
    const generated = imported.report.entries
      .filter((entry) => entry.target === '(generated on export)')
      .map((entry) => entry.source)
    expect(generated).toEqual(['## Table of Contents', 'closing rule', 'closing line'])
  })

  it('refers to both images by the assets they were exported from', () => {
    expect(imported.report.images).toEqual([
      {
        line: 24,
        src: 'https://ariondas.github.io/blogs/images/distributed-rate-limiter/a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png',
        resolution: 'asset',
        asset: 'image-a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630-png',
      },
      {
        line: 165,
        src: 'https://ariondas.github.io/blogs/images/distributed-rate-limiter/c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png',
        resolution: 'asset',
        asset: 'image-c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400-png',
      },
    ])
  })
})

describe('a generic post: export → import → export', () => {
  const first = renderPost(fullGenericPost, DEFAULT_SITE)
  const imported = importMarkdown(first.markdown, 'content/posts/gradient-descent.md')
  const second = renderPost(imported.document, DEFAULT_SITE)

  it('gives byte-identical markdown', () => {
    expect(second.markdown).toBe(first.markdown)
  })

  it('exports and re-exports without warnings', () => {
    expect(first.warnings).toEqual([])
    expect(second.warnings).toEqual([])
  })

  it('comes back as the same generic post, except the canonical address the exporter derives', () => {
    const {canonicalURL: _derived, ...rest} = fullGenericPost
    expect(imported.document['_type']).toBe('post')
    expect(comparable(imported.document)).toEqual(comparable(rest))
  })

  it('accounts for every block: none left out, none generated', () => {
    expect(
      imported.report.entries.filter(
        (entry) => entry.target === '(not imported)' || entry.target === '(generated on export)',
      ),
    ).toEqual([])
  })
})

const FIXTURE_DIR = new URL('../fixtures/converter/', import.meta.url)
const fixtures = await Promise.all(
  readdirSync(FIXTURE_DIR)
    .filter((name) => /^\d{3}-[a-z0-9-]+\.ts$/.test(name))
    .sort()
    .map(async (name) => {
      const module: {fixture: ConverterFixture} = await import(new URL(name, FIXTURE_DIR).href)
      return [name.replace(/\.ts$/, ''), module.fixture] as const
    }),
)

describe('every converter fixture: export → import → export', () => {
  const renderable = fixtures.filter(([, fixture]) => fixture.output.error === undefined)

  it('covers the renderable fixtures', () => {
    expect(renderable.length).toBeGreaterThanOrEqual(38)
  })

  for (const [name, fixture] of renderable) {
    it(name, () => {
      const options = {
        ...site(fixture.input.site),
        ...(fixture.input.aliases ? {aliases: fixture.input.aliases} : {}),
      }
      const first = renderPost(fixture.input.doc, options)
      const imported = importMarkdown(first.markdown, first.path, options)
      expect(renderPost(imported.document, options).markdown).toBe(first.markdown)
    })
  }
})

const DATES_DIR = new URL('../fixtures/import/dates/', import.meta.url)

describe('posts written in other time zones: import → export', () => {
  const front = (markdown: string) => /^---\n[\s\S]*?\n---\n/.exec(markdown)?.[0]

  it.each(readdirSync(DATES_DIR).sort())('%s keeps every date exactly as written', (name) => {
    const original = readFileSync(new URL(name, DATES_DIR), 'utf8')
    const imported = importMarkdown(original, `content/posts/${name}`)
    const exported = renderPost(imported.document, DEFAULT_SITE).markdown
    expect(front(exported)).toBe(front(original))
    expect(original).toMatch(/\ndate: \S+[+-]\d\d:\d\d\n/)
  })

  it('keeps the wall clock and offset in the document too, so the Studio shows them', () => {
    const original = readFileSync(new URL('late-night-release.md', DATES_DIR), 'utf8')
    const {document} = importMarkdown(original, 'content/posts/late-night-release.md')
    expect([document['date'], document['publishDate'], document['expiryDate']]).toEqual([
      '2026-03-13T23:45:00-08:00',
      '2026-03-16T09:00:00-07:00',
      '2026-06-30T23:59:00-07:00',
    ])
  })
})

describe('a system design without like buttons', () => {
  const source = `---
title: "No Buttons"
date: 2025-10-01T09:00:00Z
---

## Introduction

Some text.

## Problem Statement

More text.

---
`
  const imported = importMarkdown(source, 'content/posts/no-buttons.md')

  it('keeps its closing rule as its own: the export adds no rule without the buttons', () => {
    expect(imported.document['showLikeButtons']).toBe(false)
    expect(imported.report.entries.filter((entry) => entry.source === 'horizontal rule')).toEqual([
      {line: 14, source: 'horizontal rule', target: 'problemStatement.definition[1]'},
    ])
    expect(renderPost(imported.document, DEFAULT_SITE).markdown).toMatch(
      /\n\nMore text\.\n\n<hr>\n$/,
    )
  })
})
