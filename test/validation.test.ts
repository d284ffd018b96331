import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {SanityDocument} from 'sanity'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {DEFAULT_SITE} from '../converter/config.ts'
import {renderPost} from '../converter/index.ts'
import {
  ARCHIVE_FOLDER,
  buildSampleData,
  DEFAULT_ARCHIVE,
  IMAGES_DIR,
  NDJSON_FILE,
  RAW_ARCHIVE,
  readArchive,
  SAMPLE_DOCUMENTS,
} from '../scripts/build-sample-data.ts'
import {fullGenericPost} from './fixtures/post.full.ts'
import {VALIDATION_FIXTURES} from './fixtures/schema/index.ts'
import {postWith} from './fixtures/schema/post.ts'
import {cliValidation, SAMPLE_IMAGE_ASSET_IDS, studioMarkers} from './fixtures/schema/validate.ts'
import {fullPost} from './fixtures/system-design-post.full.ts'

describe('the full post', () => {
  it('gives no errors and no warnings in the Studio', async () => {
    expect(await studioMarkers(fullPost)).toEqual([])
  })

  it('passes outside the Studio too, with no field the schema does not know', async () => {
    expect(await cliValidation(fullPost)).toEqual({status: 'passed', markers: []})
  })

  it('references only images that exist among the sample images', () => {
    // Otherwise the reference check would report them, and the passes above
    // would depend on which images happen to be bundled.
    const refs = JSON.stringify(fullPost).match(/image-[0-9a-f]{40}-\d+x\d+-\w+/g) ?? []
    expect(refs.length).toBe(2)
    expect(refs.filter((ref) => !SAMPLE_IMAGE_ASSET_IDS.has(ref))).toEqual([])
  })
})

describe('the full generic post', () => {
  it('gives no errors and no warnings, in the Studio or outside it', async () => {
    expect(await studioMarkers(fullGenericPost)).toEqual([])
    expect(await cliValidation(fullGenericPost)).toEqual({status: 'passed', markers: []})
  })

  it('warns, without blocking publishing, when it has no text yet', async () => {
    const {body: _body, ...empty} = fullGenericPost
    expect(await studioMarkers({...empty, body: [{_type: 'horizontalRule', _key: 'r'}]})).toEqual([
      {
        path: ['body'],
        level: 'warning',
        message: 'The post has no text yet: only its title would be published.',
      },
    ])
  })
})

describe('targeted broken documents give exactly these markers', () => {
  it.each(VALIDATION_FIXTURES.map((fixture) => [fixture.name, fixture] as const))(
    '%s',
    async (_name, fixture) => {
      expect(await studioMarkers(fixture.document, fixture.dataset)).toEqual(fixture.markers)
    },
  )

  it('validation leaves the documents it checks untouched', async () => {
    const documents = VALIDATION_FIXTURES.map((fixture) => fixture.document)
    const before = structuredClone(documents)
    for (const document of documents) await studioMarkers(document)
    expect(documents).toEqual(before)
  })
})

describe('an empty section is no validation problem, whatever it holds', () => {
  // The Sections tab and the badge say which sections the export leaves out,
  // read from the export itself; validation no longer judges the fields a second time.
  const exported = (document: SanityDocument, heading: string) =>
    renderPost(document, DEFAULT_SITE).markdown.includes(`\n## ${heading}\n`)

  it('a section holding only an empty free-text entry is left out, without a marker', async () => {
    const document = postWith({
      problemStatement: {
        _type: 'problemStatementSection',
        more: [{_type: 'moreText', _key: 'empty', at: 'start', body: []}],
      },
    })
    expect({
      exported: exported(document, 'Problem Statement'),
      markers: await studioMarkers(document),
    }).toEqual({exported: false, markers: []})
  })

  it('a section holding only an image kept as its address is exported, without a marker', async () => {
    const document = postWith({
      introduction: {
        _type: 'introductionSection',
        body: [{_type: 'image', _key: 'remote', url: 'https://example.com/a.png', alt: 'A'}],
      },
    })
    expect({
      exported: exported(document, 'Introduction'),
      markers: await studioMarkers(document),
    }).toEqual({exported: true, markers: []})
  })
})

describe('validation outside the Studio', () => {
  it('reports a field the schema does not know, which the Studio form would hide', async () => {
    const result = await cliValidation(postWith({subtitle: 'A typo for tagline'}))
    expect(result.markers.map(({path, level, message}) => ({path, level, message}))).toEqual([
      {
        path: ['subtitle'],
        level: 'warning',
        message: "Field 'subtitle' does not exist on type 'systemDesignPost'",
      },
    ])
  })

  it('downgrades slug errors to warnings, so scripts must not gate on its levels alone', async () => {
    // validateDocument adds an unknown-field check with .warning() to the rule
    // of every object-typed field, which lowers that rule's own level. The slug
    // is an object, so a broken slug reads as a warning here while the Studio
    // shows an error; the exporter must rely on its own slug check.
    const document: SanityDocument = postWith({slug: {_type: 'slug', current: '../x'}})
    const result = await cliValidation(document)
    expect(result.markers.map(({path, level, message}) => ({path, level, message}))).toEqual([
      {
        path: ['slug'],
        level: 'warning',
        message:
          'Use only lowercase letters a–z, digits and single hyphens between words (for example "consistent-hashing").',
      },
    ])
  })
})

describe('scheduling a post, on a fake clock at 2026-03-15 12:00 UTC', () => {
  beforeEach(() => {
    // Only Date: validation itself runs on real timers.
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-03-15T12:00:00Z')})
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const at = (changes: Record<string, unknown>) =>
    studioMarkers(postWith({date: '2026-03-14T09:30:00+05:30', ...changes}))

  it('takes a time to appear and a later time to be removed, in any offset, without a word', async () => {
    expect(
      await at({publishDate: '2026-03-16T09:00:00+05:30', expiryDate: '2026-04-01T00:00:00-07:00'}),
    ).toEqual([])
  })

  it('refuses a time that is not one, before any note about it', async () => {
    expect(await at({publishDate: 'next Monday'})).toEqual([
      {
        path: ['publishDate'],
        level: 'error',
        message: 'Not a date and time: "next Monday". Pick one, e.g. 2026-03-14T09:30:00+05:30.',
      },
    ])
  })

  it('notes that a time to appear that has passed means at once', async () => {
    expect(await at({publishDate: '2026-03-15T17:29:00+05:30'})).toEqual([
      {
        path: ['publishDate'],
        level: 'info',
        message: 'This time has passed: the post appears as soon as it is published.',
      },
    ])
  })

  it('refuses a removal before the post appears, at its own time or else at its date', async () => {
    expect(
      await at({publishDate: '2026-03-16T09:00:00+05:30', expiryDate: '2026-03-16T03:30:00Z'}),
    ).toEqual([
      {
        path: ['expiryDate'],
        level: 'error',
        message:
          'The post would be removed before it appears (2026-03-16 09:00 UTC+05:30), so it would never be shown: pick a later time, or clear this one.',
      },
    ])
    expect(await at({expiryDate: '2026-03-13T12:00:00-08:00'})).toEqual([
      {
        path: ['expiryDate'],
        level: 'error',
        message:
          'The post would be removed before it appears (2026-03-14 09:30 UTC+05:30), so it would never be shown: pick a later time, or clear this one.',
      },
      {
        path: ['expiryDate'],
        level: 'info',
        message: 'This time has passed: the post is removed from the blog.',
      },
    ])
  })

  it('notes that a date in the future holds the post back, unless it has its own time', async () => {
    expect(await at({date: '2026-03-20T08:00:00-08:00'})).toEqual([
      {
        path: ['date'],
        level: 'info',
        message:
          'A date in the future keeps the post off the blog until then: it appears at 2026-03-20 08:00 UTC-08:00.',
      },
    ])
    expect(
      await at({date: '2026-03-20T08:00:00-08:00', publishDate: '2026-03-16T09:00:00+05:30'}),
    ).toEqual([])
  })
})

describe('the bundled sample dataset', () => {
  const built = buildSampleData()

  it('sample-data/production.ndjson is what the builder makes from the TypeScript posts', () => {
    expect(readFileSync(NDJSON_FILE, 'utf8')).toBe(built.ndjson)
  })

  it('the archive fixtures hold what the builder makes, in export order', async () => {
    expect(await readArchive(DEFAULT_ARCHIVE)).toEqual(built.archives.default)
    expect(await readArchive(RAW_ARCHIVE)).toEqual(built.archives.raw)
    expect(
      built.archives.default.map((entry) => entry.path.replace(`${ARCHIVE_FOLDER}/`, '')),
    ).toEqual([
      'data.ndjson',
      'assets.json',
      'files/',
      'images/',
      ...[...built.images.values()].map((image) => `images/${image.fileName}`),
    ])
  })

  it('is in the default export form: no asset documents, every image a local file', () => {
    const docs = built.ndjson
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as {_id: string; _type: string})
    expect(docs.map((doc) => doc._id)).toEqual([
      '_.releases.rAutumnRefresh',
      'drafts.post-url-shortener',
      'post-distributed-cache',
      'post-distributed-rate-limiter',
      'post-notification-fanout',
      'post-url-shortener',
      'versions.rAutumnRefresh.post-distributed-cache',
    ])
    expect(built.ndjson).not.toContain('"_ref":"image-')
    const files = [...built.ndjson.matchAll(/"image@file:\/\/\.\/images\/([^"]+)"/g)].map(
      ([, file]) => file ?? '',
    )
    expect(files.length).toBe(7)
    expect(files.filter((file) => !existsSync(join(IMAGES_DIR, file)))).toEqual([])
  })

  it('every published sample post validates without a marker, even with sections left out', async () => {
    const published = SAMPLE_DOCUMENTS.filter(
      (doc) => doc._type === 'systemDesignPost' && !doc._id.includes('.'),
    )
    const dataset = SAMPLE_DOCUMENTS.map((doc) => doc as SanityDocument)
    const studio = await Promise.all(
      published.map(async (doc) => [doc._id, await studioMarkers(doc as SanityDocument, dataset)]),
    )
    // Outside the Studio the same markers come out, and no field the schema does not know.
    const cli = await Promise.all(
      published.map(async (doc) => {
        const {markers} = await cliValidation(doc as SanityDocument, dataset)
        return [doc._id, markers.map(({path, level, message}) => ({path, level, message}))]
      }),
    )
    // Left-out sections are not validation problems: the badge and the Sections tab show them,
    // so nothing stands between a writer and the errors that block publishing.
    const expected = {
      'post-distributed-rate-limiter': [],
      'post-url-shortener': [],
      'post-distributed-cache': [],
      'post-notification-fanout': [],
    }
    expect(Object.fromEntries(studio)).toEqual(expected)
    expect(Object.fromEntries(cli)).toEqual(expected)
  })
})
