import {readFileSync, writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {comparable, importMarkdown} from './support.ts'

/**
 * A post written by hand from the archetype (guidance comments left in, one
 * paragraph holding two labels, a placeholder item, a section the archetype
 * does not have, stray text in a component) against its golden import: the
 * whole document and the whole report. After an intended change, rewrite it
 * with `UPDATE_GOLDEN=1 npx vitest run test/import/handwritten.test.ts` and
 * read the diff before committing.
 */

const FIXTURE = new URL('../fixtures/import/consistent-hashing.md', import.meta.url)
const GOLDEN = new URL('../golden/import/consistent-hashing.json', import.meta.url)
const FILE = 'content/posts/consistent-hashing.md'

describe('a hand-written archetype post', () => {
  const imported = importMarkdown(readFileSync(FIXTURE, 'utf8'), FILE)
  const actual = {document: imported.document, report: imported.report}
  if (process.env['UPDATE_GOLDEN'] === '1')
    writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`)

  it('imports as the golden document with the golden report', () => {
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')))
  })
})

describe.each([
  ['hand-written archetype post', FIXTURE, FILE],
  [
    'welcome.md',
    new URL('../fixtures/import/real/welcome.md', import.meta.url),
    'content/posts/welcome.md',
  ],
  [
    'transformer-architecture.md',
    new URL('../fixtures/import/real/transformer-architecture.md', import.meta.url),
    'content/posts/transformer-architecture.md',
  ],
])('%s: once imported, export and import agree', (_name, fixture, file) => {
  const first = importMarkdown(readFileSync(fixture, 'utf8'), file)
  const exported = renderPost(first.document, DEFAULT_SITE)
  const second = importMarkdown(exported.markdown, file)

  it('importing its export gives the same document', () => {
    expect(comparable(second.document)).toEqual(comparable(first.document))
  })

  it('exporting that again gives the same bytes', () => {
    expect(renderPost(second.document, DEFAULT_SITE).markdown).toBe(exported.markdown)
  })

  it('the export has no warnings', () => {
    expect(exported.warnings).toEqual([])
  })
})
