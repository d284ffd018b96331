import type {SanityDocument} from 'sanity'
import {describe, expect, it} from 'vitest'
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
