import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {type ConverterFixture, site} from '../fixtures/converter/fixture.ts'
import {fullGenericPost} from '../fixtures/post.full.ts'
import {fullPost} from '../fixtures/system-design-post.full.ts'
import {comparable, importMarkdown} from './support.ts'

/**
 * The whole chain: a document rendered by the converter, imported back and
 * rendered again must give the same bytes. When this fails, compare the
 * imported document with the original to see whether the importer read the
 * markdown wrongly or the converter wrote two documents the same way.
 */

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

  it('recovers the original document, except the canonical address the exporter derives', () => {
    // canonicalURL equals the address made from the slug, so the importer
    // leaves the override empty.
    const {canonicalURL: _derived, ...rest} = fullPost
    expect(fullPost.canonicalURL).toBe(
      'https://ariondas.github.io/blogs/posts/distributed-rate-limiter/',
    )
    expect(comparable(imported.document)).toEqual(comparable(rest))
  })

  it('uses the deterministic id made from the slug', () => {
    expect(imported.document['_id']).toBe('post-distributed-rate-limiter')
    expect(imported.report.documentId).toBe('post-distributed-rate-limiter')
  })

  it('finds a slot for every block: nothing moved, nothing left out', () => {
    const displaced = imported.report.entries.filter(
      (entry) => entry.target === '(not imported)' || entry.note?.startsWith('kept in the nearest'),
    )
    expect(displaced).toEqual([])
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
