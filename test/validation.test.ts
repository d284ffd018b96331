import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {SanityDocument} from 'sanity'
import {describe, expect, it} from 'vitest'
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
