import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {importMarkdown} from './support.ts'

/**
 * A cover whose file is not at hand is kept as an address, with everything
 * written about it, and exported back as it was; PaperMod's hiding keys
 * become the two switches, read as the blog's PaperMod reads them.
 */

const post = (cover: string) => `---
title: "Lost Cover"
date: 2025-10-02T10:00:00Z
cover:
${cover}---

Text.
`

/** The `cover:` block of a post's front matter. */
const coverBlock = (markdown: string) => /\ncover:\n((?: {4}.*\n)*)/.exec(markdown)?.[1]

describe('a cover whose file is not found', () => {
  const cover = `    image: "/images/lost/cover.png"
    alt: "A lost cover"
    caption: "Its caption"
    title: "Its title"
    relative: true
    hidden: false
    hiddenInSingle: false
`
  const imported = importMarkdown(post(cover), 'content/posts/lost-cover.md')

  it('is kept as an address with its texts, its relative and its visibility', () => {
    expect(imported.document['cover']).toEqual({
      _type: 'coverImage',
      address: '/images/lost/cover.png',
      alt: 'A lost cover',
      caption: 'Its caption',
      title: 'Its title',
      relative: true,
      showOnPostPage: true,
      showInLists: false,
    })
  })

  it('is flagged in the report', () => {
    expect(imported.report.images).toEqual([
      {line: 4, src: '/images/lost/cover.png', resolution: 'missing', asset: 'no such file'},
    ])
    expect(
      imported.report.entries.find((entry) => entry.source === 'front matter: cover.image'),
    ).toEqual({
      line: 4,
      source: 'front matter: cover.image',
      target: 'cover.address',
      note: 'the cover image "/images/lost/cover.png" was not found: kept as its address, written back as it was; upload the picture in the Studio',
    })
  })

  it('is exported back as it was written', () => {
    const exported = renderPost(imported.document, DEFAULT_SITE)
    expect(coverBlock(exported.markdown)).toBe(cover)
    expect(exported.assets).toEqual([])
  })
})

describe('a cover that says only `hidden: false`', () => {
  const imported = importMarkdown(
    post(`    image: "/images/lost/cover.png"
    alt: "A lost cover"
    hidden: false
`),
    'content/posts/lost-cover.md',
  )

  it('is imported as the blog shows it: the site’s hiddenInSingle hides it, and the report says how it is written back', () => {
    expect(imported.document['cover']).toMatchObject({showOnPostPage: false, showInLists: false})
    expect(
      imported.report.entries.find((entry) => entry.source === 'front matter: cover.hidden'),
    ).toEqual({
      line: 4,
      source: 'front matter: cover.hidden',
      target: 'cover.showOnPostPage, cover.showInLists',
      note: "with the site's params.cover, PaperMod shows it: post page hidden, lists hidden; the export writes hidden: true, which the blog's PaperMod reads the same way",
    })
    expect(coverBlock(renderPost(imported.document, DEFAULT_SITE).markdown)).toBe(
      `    image: "/images/lost/cover.png"
    alt: "A lost cover"
    relative: false
    hidden: true
`,
    )
  })
})
