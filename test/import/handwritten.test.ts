import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {comparable, importMarkdown} from './support.ts'

/**
 * A post written by hand from the archetype (guidance comments left in, one
 * paragraph holding two labels, a key–value list with a placeholder and an
 * item the archetype has no slot for, a section the archetype does not have,
 * stray text in a component, formulas in slots) against its golden import:
 * the whole document and the whole report. After an intended change, rewrite
 * it with `UPDATE_GOLDEN=1 npx vitest run test/import/handwritten.test.ts` and
 * read the diff before committing.
 */

const FIXTURE = new URL('../fixtures/import/consistent-hashing.md', import.meta.url)
const GOLDEN = new URL('../golden/import/consistent-hashing.json', import.meta.url)
const FILE = 'content/posts/consistent-hashing.md'
const ARCHETYPE_POSTS = new URL('../fixtures/import/archetype/', import.meta.url)

describe('a hand-written archetype post', () => {
  const imported = importMarkdown(readFileSync(FIXTURE, 'utf8'), FILE)
  const actual = {document: imported.document, report: imported.report}
  if (process.env['UPDATE_GOLDEN'] === '1')
    writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`)

  it('imports as the golden document with the golden report', () => {
    expect(actual).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')))
  })

  it('keeps what the archetype has no slot for where it was written, never in another section', () => {
    const more = (path: string) => {
      const entries = path
        .split('.')
        .reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], actual.document)
      return (entries as {at: string; body: {_type: string; style?: string}[]}[]).map(
        ({at, body}) => [at, body.map((node) => node.style ?? node._type)],
      )
    }
    expect({
      // The guidance comment above the opening sentence: the writer's own lead.
      lead: (actual.document['lead'] as {_type: string}[]).map((node) => node._type),
      // A list mixing a known label, a bare placeholder and an unknown label stays one list.
      reliability: more('requirements.reliability.more'),
      // "Note: …" after the component's last slot.
      component: more('components.0.more'),
      // "## Glossary" between Design Decisions and Implementation Details.
      decisions: more('designDecisionsMore'),
      // The guidance comment above the like buttons.
      likeButtons: more('likeButtonsMore'),
    }).toEqual({
      lead: ['htmlEmbed'],
      reliability: [['start', ['normal', 'normal', 'normal']]],
      component: [['responsibilities', ['normal']]],
      decisions: [['designDecisions', ['h2', 'normal']]],
      likeButtons: [['start', ['htmlEmbed']]],
    })
  })

  // A prose slot's blocks are converted together, so the line above the fence names it.
  it('reads the line above the code example as its file name', () => {
    const implementation = actual.document['implementation'] as {codeExamples: unknown[]}
    expect(comparable(implementation.codeExamples)).toEqual([
      {
        _type: 'code',
        language: 'go',
        filename: 'ring.go',
        code: 'func (r *Ring) Get(key string) string {\n\th := hash(key)\n\ti := sort.Search(len(r.points), func(i int) bool { return r.points[i] >= h })\n\treturn r.owner[r.points[i%len(r.points)]]\n}',
      },
    ])
  })
})

describe.each<readonly [string, URL, string]>([
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
  // The archetype posts of test/fixtures/import/archetype/ (see its README).
  ...readdirSync(ARCHETYPE_POSTS)
    .filter((name) => /^\d{2}-[a-z0-9-]+\.md$/.test(name))
    .sort()
    .map((name) => [name, new URL(name, ARCHETYPE_POSTS), `content/posts/${name}`] as const),
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
