import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
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
import type {RunReport} from '../../scripts/import/report.ts'
import {importMarkdown} from './support.ts'

/**
 * Images a post refers to by a local path are found in the Hugo site (static/
 * for site paths, the post's folder for bundle resources), copied next to the
 * NDJSON under the name `sanity dataset export` would give them, and
 * referenced as `image@file://./images/<name>`. An image in the text whose
 * file is not found, or that is on another site, stays an image that keeps
 * its address (`url`), which the export writes back as it was.
 */

const SAMPLE = new URL('../../sample-data/images/', import.meta.url)
const BUCKET = 'c047fafc357781f92ac6d374fe6ee3d0f14cb718-800x400.png'
const COVER = 'a6bec8fc4ecc1149bf221c396da451c7270ec463-1200x630.png'

const PICTURES = `---
title: "Pictures"
date: 2025-05-05T12:00:00Z
cover:
    image: "/images/token-bucket.png"
    alt: "A token bucket"
    hidden: false
---

![Token bucket](/images/token-bucket.png "Tokens drip in at a fixed rate")

![Gone](/images/missing.png)

![Remote](https://example.com/pic.png)
`

const BUNDLE = `---
title: "Bundle"
date: 2025-05-06T12:00:00Z
---

![Local](diagram.png)
`

describe('images referenced by a local path', () => {
  let dir: string
  let code: number
  let documents: Record<string, Record<string, unknown>>
  let report: RunReport

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-images-'))
    const site = join(dir, 'site')
    mkdirSync(join(site, 'static/images'), {recursive: true})
    mkdirSync(join(site, 'content/posts/bundle'), {recursive: true})
    writeFileSync(join(site, 'hugo.yaml'), "baseURL: 'https://ariondas.github.io/blogs'\n")
    copyFileSync(new URL(BUCKET, SAMPLE), join(site, 'static/images/token-bucket.png'))
    copyFileSync(new URL(COVER, SAMPLE), join(site, 'content/posts/bundle/diagram.png'))
    writeFileSync(join(site, 'content/posts/pictures.md'), PICTURES)
    writeFileSync(join(site, 'content/posts/bundle/index.md'), BUNDLE)
    code = await runImport(
      ['site/content/posts', '--out', 'out/data.ndjson', '--report', 'out/report.json'],
      {
        stdout: () => {},
        stderr: () => {},
        cwd: dir,
      },
    )
    documents = Object.fromEntries(
      readFileSync(join(dir, 'out/data.ndjson'), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .map((doc) => [String(doc['_id']), doc]),
    )
    report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8')) as RunReport
  })

  afterAll(() => {
    if (dir) rmSync(dir, {recursive: true, force: true})
  })

  // Posts without archetype sections import as generic posts, their text in `body`.
  const body = (id: string): Record<string, unknown>[] =>
    (documents[id]?.['body'] as Record<string, unknown>[] | undefined) ?? []

  it('imports both posts', () => {
    expect(code).toBe(0)
    expect(Object.keys(documents)).toEqual(['post-bundle', 'post-pictures'])
  })

  it('copies each found file once, under its content-hash name, byte for byte', () => {
    expect(readdirSync(join(dir, 'out/images')).sort()).toEqual([COVER, BUCKET])
    expect(readFileSync(join(dir, 'out/images', BUCKET))).toEqual(
      readFileSync(new URL(BUCKET, SAMPLE)),
    )
  })

  it('points the cover at the copied file', () => {
    // `hidden: false` alone: the blog's PaperMod still hides it, by the site's params.
    expect(documents['post-pictures']?.['cover']).toEqual({
      _type: 'coverImage',
      alt: 'A token bucket',
      showOnPostPage: false,
      showInLists: false,
      image: {_type: 'image', _sanityAsset: `image@file://./images/${BUCKET}`},
    })
  })

  it('keeps found, missing and remote images in the rich text as images, a file as an upload and the others as their address', () => {
    expect(documents['post-pictures']?.['_type']).toBe('post')
    expect(body('post-pictures').map(({_key: _ignored, ...node}) => node)).toEqual([
      {
        _type: 'image',
        _sanityAsset: `image@file://./images/${BUCKET}`,
        alt: 'Token bucket',
        title: 'Tokens drip in at a fixed rate',
      },
      {_type: 'image', url: '/images/missing.png', alt: 'Gone'},
      {_type: 'image', url: 'https://example.com/pic.png', alt: 'Remote'},
    ])
  })

  it('finds a page-bundle image next to its post', () => {
    expect(body('post-bundle').map(({_key: _ignored, ...node}) => node)).toEqual([
      {_type: 'image', _sanityAsset: `image@file://./images/${COVER}`, alt: 'Local'},
    ])
  })

  it('lists every image in the report with what became of it', () => {
    const images = Object.fromEntries(report.files.map((file) => [file.file, file.images]))
    expect(images).toEqual({
      'site/content/posts/bundle/index.md': [
        {
          line: 6,
          src: 'diagram.png',
          resolution: 'file',
          file: join(dir, 'site/content/posts/bundle/diagram.png'),
          asset: `image@file://./images/${COVER}`,
        },
      ],
      'site/content/posts/pictures.md': [
        {
          line: 4,
          src: '/images/token-bucket.png',
          resolution: 'file',
          file: join(dir, 'site/static/images/token-bucket.png'),
          asset: `image@file://./images/${BUCKET}`,
        },
        {
          line: 10,
          src: '/images/token-bucket.png',
          resolution: 'file',
          file: join(dir, 'site/static/images/token-bucket.png'),
          asset: `image@file://./images/${BUCKET}`,
        },
        {line: 12, src: '/images/missing.png', resolution: 'missing', asset: 'no such file'},
        {line: 14, src: 'https://example.com/pic.png', resolution: 'remote'},
      ],
    })
  })

  it('exports the file under the site’s image path, and the other two at the address they had', () => {
    const result = renderPost(documents['post-pictures'], DEFAULT_SITE)
    expect(result.assets.map((asset) => asset.path)).toEqual([`static/images/pictures/${BUCKET}`])
    expect(result.markdown.slice(result.markdown.indexOf('\n---\n') + 5)).toBe(
      [
        '',
        `![Token bucket](https://ariondas.github.io/blogs/images/pictures/${BUCKET} "Tokens drip in at a fixed rate")`,
        '',
        '![Gone](/images/missing.png)',
        '',
        '![Remote](https://example.com/pic.png)',
        '',
      ].join('\n'),
    )
    expect(result.warnings).toEqual([])
  })

  it('writes no file in a dry run', async () => {
    const code = await runImport(['site/content/posts', '--out', 'dry/data.ndjson', '--dry-run'], {
      stdout: () => {},
      stderr: () => {},
      cwd: dir,
    })
    expect(code).toBe(0)
    expect(existsSync(join(dir, 'dry'))).toBe(false)
  })
})

describe('a cover image on another site', () => {
  const imported = importMarkdown(
    `---
title: "Remote cover"
date: 2025-05-07T12:00:00Z
cover:
    image: "https://images.example.com/racks.jpg?w=1200"
    alt: "Server racks"
    hidden: false
---

Text.
`,
    'content/posts/remote-cover.md',
  )

  it('is listed in the report as remote', () => {
    expect(imported.report.images).toEqual([
      {line: 4, src: 'https://images.example.com/racks.jpg?w=1200', resolution: 'remote'},
    ])
  })

  it('is kept as its address, with its alt text, and written back as it was', () => {
    expect(imported.document['cover']).toEqual({
      _type: 'coverImage',
      address: 'https://images.example.com/racks.jpg?w=1200',
      alt: 'Server racks',
      showOnPostPage: false,
      showInLists: false,
    })
    expect(imported.report.entries.find((e) => e.target === 'cover.address')?.note).toBe(
      'the cover image "https://images.example.com/racks.jpg?w=1200" is on another site: kept as its address, written back as it was; upload the picture in the Studio',
    )
    expect(renderPost(imported.document, DEFAULT_SITE).markdown).toContain(
      '\ncover:\n    image: "https://images.example.com/racks.jpg?w=1200"\n',
    )
  })
})
