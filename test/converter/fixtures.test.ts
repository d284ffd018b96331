import {readdirSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {RenderError, renderPost} from '../../converter/index.ts'
import {type ConverterFixture, site} from '../fixtures/converter/fixture.ts'

const FIXTURE_DIR = new URL('../fixtures/converter/', import.meta.url)
const files = readdirSync(FIXTURE_DIR)
  .filter((name) => /^\d{3}-[a-z0-9-]+\.ts$/.test(name))
  .sort()
const fixtures = await Promise.all(
  files.map(async (name) => {
    const module: {fixture: ConverterFixture} = await import(new URL(name, FIXTURE_DIR).href)
    return [name.replace(/\.ts$/, ''), module.fixture] as const
  }),
)

/** Splits a rendered file into its front matter and body ('' for front matter alone). */
function split(markdown: string): {frontMatter: string; body: string} {
  const match = /^---\n([\s\S]*?\n)---\n(?:\n([\s\S]*))?$/.exec(markdown)
  if (!match) throw new Error(`Not a front matter + body file:\n${markdown}`)
  return {frontMatter: match[1] ?? '', body: match[2] ?? ''}
}

/** The `## Heading` chunk of a body, or null when the section is absent. */
function section(body: string, heading: string): string | null {
  const chunks = body.split(/\n(?=## )/)
  const chunk = chunks.find((c) => c.startsWith(`## ${heading}\n`))
  return chunk === undefined ? null : `${chunk.trimEnd()}\n`
}

describe('converter fixtures', () => {
  it('has no stray fixture files that the numbered pattern would skip', () => {
    const other = readdirSync(FIXTURE_DIR).filter((name) => !files.includes(name))
    expect(other).toEqual(['fixture.ts'])
  })

  for (const [name, fixture] of fixtures) {
    it(name, () => {
      const {input, output} = fixture
      const options = {...site(input.site), ...(input.aliases ? {aliases: input.aliases} : {})}
      if (output.error) {
        let thrown: unknown
        try {
          renderPost(input.doc, options)
        } catch (error) {
          thrown = error
        }
        expect(thrown).toBeInstanceOf(RenderError)
        const error = thrown as RenderError
        expect({
          documentId: error.documentId,
          pathString: error.pathString,
          message: error.message,
        }).toEqual(output.error)
        return
      }
      const result = renderPost(input.doc, options)
      const {frontMatter, body} = split(result.markdown)
      if (output.frontMatter !== undefined) expect(frontMatter).toBe(output.frontMatter)
      if (output.body !== undefined) expect(body).toBe(output.body)
      for (const [heading, expected] of Object.entries(output.sections ?? {}))
        expect(section(body, heading), `section "${heading}"`).toBe(expected)
      expect(
        result.warnings.map(({pathString, message}) => ({pathString, message})),
        'warnings',
      ).toEqual(output.warnings ?? [])
      if (output.assets !== undefined) expect(result.assets).toEqual(output.assets)
      if (output.path !== undefined) expect(result.path).toBe(output.path)
      if (output.schedule !== undefined) expect(result.schedule ?? null).toEqual(output.schedule)
    })
  }
})
