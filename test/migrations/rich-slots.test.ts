import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {x as extract} from 'tar'
import {describe, expect, it} from 'vitest'
import {systemDesignArchetype} from '../../converter/archetypes/systemDesign.ts'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {LEGACY_TEXT} from '../../converter/render/body.ts'
import {pathToString} from '../../converter/types.ts'
import migration from '../../migrations/rich-slots/index.ts'
import {type Change, type PathSegment, planDocument} from '../../migrations/rich-slots/plan.ts'

/**
 * The rich-slots content migration, on the bundled sample dataset as it was
 * before slots took formatting (test/fixtures/datasets/production-before-rich-slots.tar.gz).
 */

const ROOT = new URL('../../', import.meta.url).pathname
const ARCHIVE = join(ROOT, 'test/fixtures/datasets/production-before-rich-slots.tar.gz')

type Doc = Record<string, unknown> & {_id: string; _type: string}

function oldDataset(): Doc[] {
  const dir = mkdtempSync(join(tmpdir(), 'rich-slots-'))
  extract({file: ARCHIVE, cwd: dir, sync: true})
  const [folder] = readdirSync(dir)
  const lines = readFileSync(join(dir, folder ?? '', 'data.ndjson'), 'utf8').split('\n')
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Doc)
}

const describePath = (path: readonly PathSegment[]) => pathToString([...path])

/** A copy of the document with the changes applied, as the Content Lake would apply the patch. */
function applied(document: Doc, changes: readonly Change[]): Doc {
  const copy = structuredClone(document)
  for (const {path, value} of changes) {
    let record: Record<string, unknown> = copy
    for (const [i, segment] of path.entries()) {
      const last = i === path.length - 1
      if (typeof segment === 'string') {
        if (last) record[segment] = value
        else record = record[segment] as Record<string, unknown>
      } else {
        const list = record as unknown as Record<string, unknown>[]
        record = list.find((item) => item['_key'] === segment._key) as Record<string, unknown>
      }
    }
  }
  return copy
}

const posts = oldDataset().filter((doc) => doc._type === systemDesignArchetype.type)

describe('the rich-slots migration', () => {
  it('finds the system-design posts, drafts and release versions included, and nothing else', () => {
    expect(posts.map((doc) => doc._id).sort()).toEqual([
      'drafts.post-url-shortener',
      'post-distributed-cache',
      'post-distributed-rate-limiter',
      'post-notification-fanout',
      'post-url-shortener',
      'versions.rAutumnRefresh.post-distributed-cache',
    ])
  })

  it('changes exactly the plain values the converter warns about, in every post', () => {
    for (const doc of posts) {
      const warned = renderPost(doc, DEFAULT_SITE)
        .warnings.filter((w) => w.message === LEGACY_TEXT)
        .map((w) => w.pathString)
        .sort()
      const planned = planDocument(doc, systemDesignArchetype)
        .map((change) => describePath(change.path))
        .sort()
      expect([doc._id, planned]).toEqual([doc._id, warned])
      expect(planned.length).toBeGreaterThan(40)
    }
  })

  it('leaves every post reading exactly as before, and finds nothing to change a second time', () => {
    for (const doc of posts) {
      const migrated = applied(doc, planDocument(doc, systemDesignArchetype))
      const before = renderPost(doc, DEFAULT_SITE)
      const after = renderPost(migrated, DEFAULT_SITE)
      expect(after.markdown).toBe(before.markdown)
      expect(after.warnings).toEqual([])
      expect(planDocument(migrated, systemDesignArchetype)).toEqual([])
    }
  })

  it('turns each kind of plain value into rich text with the same words', () => {
    const doc = posts.find((candidate) => candidate._id === 'post-url-shortener') as Doc
    const changes = new Map(
      planDocument(doc, systemDesignArchetype).map((c) => [describePath(c.path), c.value]),
    )
    const words = (path: string) =>
      changes.get(path)?.map((block) => [block.listItem ?? 'line', block.children[0]?.text])
    expect(words('systemName')).toEqual([['line', 'URL Shortener']])
    expect(words('problemStatement.successCriteria')).toEqual([
      ['bullet', 'Redirects answer in under 10 ms at p99 at the edge'],
      ['bullet', 'No two links ever share a code'],
      ['bullet', 'A lost cache node costs latency, never correctness'],
    ])
    expect(words('requirements.functional[_key=="us-fr-create"].name')).toEqual([
      ['line', 'Shorten'],
    ])
  })

  it('makes one patch per document, with a set for every field it changes', async () => {
    const doc = posts.find((candidate) => candidate._id === 'post-distributed-cache') as Doc
    const document = migration.migrate as {document: (d: Doc, c: unknown) => unknown}
    const result = (await document.document(doc, {})) as {
      type: string
      id: string
      patches: {path: PathSegment[]; op: {type: string}}[]
    }
    expect(result.type).toBe('patch')
    expect(result.id).toBe('post-distributed-cache')
    expect(result.patches.map((p) => [describePath(p.path), p.op.type])).toEqual(
      planDocument(doc, systemDesignArchetype).map((c) => [describePath(c.path), 'set']),
    )
  })

  it('lists, in its dry run from the dataset file, exactly the documents and fields it would change', () => {
    const output = execFileSync(
      'npx',
      ['sanity', 'migration', 'run', 'rich-slots', '--from-export', ARCHIVE],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // A dry run from a file reads no Content Lake, but the CLI still asks for a login.
        env: {...process.env, SANITY_AUTH_TOKEN: 'dry-run-needs-no-real-token', NO_COLOR: '1'},
        timeout: 120_000,
      },
    )
    const patched = [...output.matchAll(/^\[patch\] \[systemDesignPost\] (\S+)/gm)].map((m) => m[1])
    expect(patched.sort()).toEqual(posts.map((doc) => doc._id).sort())
    const sets = [...output.matchAll(/─ ([A-Za-z]+) \.+ set\(/g)].map((m) => m[1])
    const planned = posts.flatMap((doc) =>
      planDocument(doc, systemDesignArchetype).map((c) => c.path.at(-1) as string),
    )
    expect(sets.sort()).toEqual(planned.sort())
  })
})
