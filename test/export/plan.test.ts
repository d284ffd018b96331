import {createHash} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {RenderError, type RenderResult} from '../../converter/types.ts'
import type {Disk} from '../../scripts/export/disk.ts'
import {emptyManifest, type Manifest, type ManifestEntry} from '../../scripts/export/manifest.ts'
import type {SanityDocument} from '../../scripts/export/ndjson.ts'
import {
  draftPlan,
  inspectEntries,
  type Plan,
  type PlanInput,
  plan,
  settlePlan,
} from '../../scripts/export/plan.ts'
import type {ListingRow} from '../../scripts/export/query.ts'
import type {RenderOptions} from '../../scripts/export/render.ts'

/**
 * The planner decides every write and deletion; here it runs against an in-memory
 * blog and a tiny stand-in renderer whose output is easy to predict.
 */

const FP = 'fingerprint-1'
const hash = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex')
const bytes = (text: string) => new TextEncoder().encode(text)

interface FakeDoc {
  id: string
  rev: string
  slug: string | null
  title?: string
  images?: string[]
}

function doc(fake: FakeDoc): SanityDocument {
  return {
    _id: fake.id,
    _type: 'systemDesignPost',
    _rev: fake.rev,
    _updatedAt: '2025-01-01T00:00:00Z',
    ...(fake.slug === null ? {} : {slug: {current: fake.slug}}),
    title: fake.title ?? fake.id,
    images: fake.images ?? [],
  }
}

const markdownOf = (title: string, aliases: readonly string[] = []) =>
  `# ${title}\n${aliases.length > 0 ? `aliases: ${aliases.join(',')}\n` : ''}`
const imageBytes = (name: string) => bytes(`image ${name}`)

/** A renderer with the converter's contract: path from slug, one placement per image. */
function render(calls: string[]) {
  return (value: unknown, options: RenderOptions): RenderResult => {
    const d = value as SanityDocument & {slug?: {current?: string}; title: string; images: string[]}
    calls.push(d._id)
    const slug = d.slug?.current
    if (slug === undefined)
      throw new RenderError(d._id, ['slug', 'current'], 'The post needs a slug.')
    return {
      documentId: d._id,
      slug,
      path: `content/posts/${slug}.md`,
      markdown: markdownOf(d.title, options.aliases),
      warnings: [],
      sections: [],
      assets: d.images.map((name) => ({
        source: {kind: 'ref', ref: `image-${name}`},
        fileName: name,
        path: `static/images/${slug}/${name}`,
        field: 'images',
      })),
    }
  }
}

function memoryDisk(files: Map<string, Uint8Array>): Disk {
  return {
    async read(path) {
      const content = files.get(path)
      return content === undefined ? undefined : Buffer.from(content)
    },
    async hash(path) {
      const content = files.get(path)
      return content === undefined ? undefined : hash(content)
    },
    async size(path) {
      return files.get(path)?.byteLength
    },
    exists: (path) => files.has(path),
  }
}

function entry(
  slug: string,
  title: string,
  rev: string,
  images: string[] = [],
  extra: Partial<ManifestEntry> = {},
): ManifestEntry {
  return {
    type: 'systemDesignPost',
    updatedAt: '2025-01-01T00:00:00Z',
    slug,
    path: `content/posts/${slug}.md`,
    rev,
    options: FP,
    sha256: hash(
      markdownOf(
        title,
        extra.previousSlugs?.map((old) => `/posts/${old}/`),
      ),
    ),
    assets: images.map((name) => ({
      path: `static/images/${slug}/${name}`,
      sha256: hash(imageBytes(name)),
      size: imageBytes(name).byteLength,
    })),
    previousSlugs: [],
    ...extra,
  }
}

/** A blog as a previous run left it: files on disk matching the manifest. */
function exported(
  entries: Record<
    string,
    {slug: string; title: string; rev: string; images?: string[]; previousSlugs?: string[]}
  >,
) {
  const manifest: Manifest = emptyManifest('production')
  const files = new Map<string, Uint8Array>()
  for (const [id, value] of Object.entries(entries)) {
    const recorded = entry(value.slug, value.title, value.rev, value.images ?? [], {
      previousSlugs: value.previousSlugs ?? [],
    })
    manifest.documents[id] = recorded
    files.set(
      recorded.path,
      bytes(
        markdownOf(
          value.title,
          value.previousSlugs?.map((old) => `/posts/${old}/`),
        ),
      ),
    )
    for (const name of value.images ?? [])
      files.set(`static/images/${value.slug}/${name}`, imageBytes(name))
  }
  return {manifest, files}
}

interface Setup {
  manifest?: Manifest
  files?: Map<string, Uint8Array>
  docs: FakeDoc[]
  force?: boolean
  fingerprint?: string
  failingImages?: string[]
}

async function planInput(
  setup: Setup,
): Promise<{input: PlanInput; calls: string[]; files: Map<string, Uint8Array>}> {
  const manifest = setup.manifest ?? emptyManifest('production')
  const files = setup.files ?? new Map<string, Uint8Array>()
  const disk = memoryDisk(files)
  const listing: ListingRow[] = setup.docs.map((fake) => ({
    _id: fake.id,
    _rev: fake.rev,
    _updatedAt: '2025-01-01T00:00:00Z',
    slug: fake.slug,
  }))
  const calls: string[] = []
  const input: PlanInput = {
    manifest,
    listing,
    deletionScope: new Set(Object.keys(manifest.documents)),
    states: await inspectEntries(manifest, Object.keys(manifest.documents), disk),
    documents: new Map(setup.docs.map((fake) => [fake.id, doc(fake)])),
    site: DEFAULT_SITE,
    fingerprint: setup.fingerprint ?? FP,
    force: setup.force ?? false,
    render: render(calls),
    asset: async (placement) => {
      if (setup.failingImages?.includes(placement.fileName))
        throw new Error(`image ${placement.fileName} not found in the dataset`)
      return imageBytes(placement.fileName)
    },
    disk,
    folders: {problem: () => undefined},
    addressesInUse: () => new Map(),
    revision: {revision: 'rev-of-listing', since: '2025-01-01T00:00:00Z'},
  }
  return {input, calls, files}
}

async function run(
  setup: Setup,
): Promise<{result: Plan; calls: string[]; files: Map<string, Uint8Array>}> {
  const {input, calls, files} = await planInput(setup)
  return {result: await plan(input), calls, files}
}

const statuses = (result: Plan) => result.reports.map((report) => [report.id, report.status])
const writes = (result: Plan) => result.writes.map((write) => write.path)
const deletes = (result: Plan) => result.deletes.map((remove) => remove.path)

describe('plan', () => {
  it('creates new posts with their images, images first', async () => {
    const {result} = await run({docs: [{id: 'a', rev: '1', slug: 'alpha', images: ['img.png']}]})
    expect(statuses(result)).toEqual([['a', 'created']])
    expect(writes(result)).toEqual(['static/images/alpha/img.png', 'content/posts/alpha.md'])
    expect(result.manifest.documents['a']).toEqual(entry('alpha', 'a', '1', ['img.png']))
    expect(result.manifest.revision).toBe('rev-of-listing')
  })

  it('neither renders nor writes a document whose revision, options and file are unchanged', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    const {result, calls} = await run({manifest, files, docs: [{id: 'a', rev: '1', slug: 'alpha'}]})
    expect(calls).toEqual([])
    expect(statuses(result)).toEqual([['a', 'unchanged']])
    expect(result.writes).toEqual([])
    expect(result.manifest.documents['a']).toBe(manifest.documents['a'])
  })

  it('renders again for a new revision or new options, but writes only a different output', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    const same = await run({manifest, files, docs: [{id: 'a', rev: '2', slug: 'alpha'}]})
    expect(same.calls).toEqual(['a'])
    expect(statuses(same.result)).toEqual([['a', 'unchanged']])
    expect(same.result.writes).toEqual([])
    expect(same.result.manifest.documents['a']?.rev).toBe('2')

    const options = await run({
      manifest,
      files,
      fingerprint: 'fingerprint-2',
      docs: [{id: 'a', rev: '1', slug: 'alpha', title: 'A'}],
    })
    expect(statuses(options.result)).toEqual([['a', 'updated']])
    expect(writes(options.result)).toEqual(['content/posts/alpha.md'])
    expect(options.result.manifest.documents['a']?.options).toBe('fingerprint-2')
  })

  it('restores an owned file that was deleted by hand', async () => {
    const {manifest, files} = exported({
      a: {slug: 'alpha', title: 'a', rev: '1', images: ['img.png']},
    })
    files.delete('content/posts/alpha.md')
    files.delete('static/images/alpha/img.png')
    const {result} = await run({
      manifest,
      files,
      docs: [{id: 'a', rev: '1', slug: 'alpha', images: ['img.png']}],
    })
    expect(statuses(result)).toEqual([['a', 'updated']])
    expect(writes(result)).toEqual(['static/images/alpha/img.png', 'content/posts/alpha.md'])
  })

  it('reports a hand-edited file as a conflict and leaves it, unless forced', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    files.set('content/posts/alpha.md', bytes('# edited by hand\n'))
    const docs = [{id: 'a', rev: '2', slug: 'alpha', title: 'new'}]
    const held = await run({manifest, files, docs})
    expect(held.result.reports).toEqual([
      {
        id: 'a',
        slug: 'alpha',
        path: 'content/posts/alpha.md',
        status: 'conflict',
        reason:
          'content/posts/alpha.md was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document)',
        warnings: [],
      },
    ])
    expect(held.result.writes).toEqual([])
    expect(held.result.manifest.documents['a']).toBe(manifest.documents['a'])
    expect(held.result.manifest.revision).toBe(null)

    const forced = await run({manifest, files, docs, force: true})
    expect(statuses(forced.result)).toEqual([['a', 'updated']])
    expect(writes(forced.result)).toEqual(['content/posts/alpha.md'])
  })

  it('adopts files that already hold exactly what it would write (a crash before the manifest was saved)', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    files.set('content/posts/alpha.md', bytes(markdownOf('new')))
    files.set('content/posts/beta.md', bytes(markdownOf('b')))
    files.set('static/images/beta/img.png', imageBytes('img.png'))
    const {result} = await run({
      manifest,
      files,
      docs: [
        {id: 'a', rev: '2', slug: 'alpha', title: 'new'},
        {id: 'b', rev: '1', slug: 'beta', title: 'b', images: ['img.png']},
      ],
    })
    expect(statuses(result)).toEqual([
      ['a', 'unchanged'],
      ['b', 'created'],
    ])
    expect(result.writes).toEqual([])
    expect(result.manifest.documents['b']).toEqual(entry('beta', 'b', '1', ['img.png']))
  })

  it('never overwrites a file it does not own', async () => {
    const files = new Map([
      ['content/posts/welcome.md', bytes('hand-written\n')],
      ['static/images/other/img.png', bytes('a different picture')],
    ])
    const {result} = await run({
      files,
      docs: [
        {id: 'w', rev: '1', slug: 'welcome'},
        {id: 'o', rev: '1', slug: 'other', images: ['img.png']},
      ],
    })
    expect(
      result.reports.map((report) => [report.id, report.status, report.reason, report.field]),
    ).toEqual([
      [
        'o',
        'failed',
        'static/images/other/img.png already exists and was not written by the exporter (a different image); it was left as it is',
        'slug.current',
      ],
      [
        'w',
        'failed',
        'content/posts/welcome.md already exists and was not written by the exporter (a hand-written post?); it was left as it is',
        'slug.current',
      ],
    ])
    expect(result.writes).toEqual([])
    expect(result.manifest.documents).toEqual({})
  })

  it('moves a renamed post, removes its old files and passes the old URLs as aliases', async () => {
    const {manifest, files} = exported({
      a: {slug: 'second', title: 'a', rev: '1', images: ['img.png'], previousSlugs: ['first']},
    })
    const {result} = await run({
      manifest,
      files,
      docs: [{id: 'a', rev: '2', slug: 'third', images: ['img.png']}],
    })
    expect(statuses(result)).toEqual([['a', 'updated']])
    expect(result.reports[0]?.previousPath).toBe('content/posts/second.md')
    expect(
      result.writes.map((write) => [
        write.path,
        String(write.kind === 'markdown' ? write.content : ''),
      ]),
    ).toEqual([
      ['static/images/third/img.png', ''],
      ['content/posts/third.md', '# a\naliases: /posts/first/,/posts/second/\n'],
    ])
    expect(deletes(result)).toEqual(['content/posts/second.md', 'static/images/second/img.png'])
    expect(result.manifest.documents['a']?.previousSlugs).toEqual(['first', 'second'])

    const back = await run({manifest, files, docs: [{id: 'a', rev: '2', slug: 'first'}]})
    expect(back.result.manifest.documents['a']?.previousSlugs).toEqual(['second'])
    expect(String(back.result.writes[0]?.content)).toBe('# a\naliases: /posts/second/\n')
  })

  it('lets two posts swap slugs in one run without deleting either', async () => {
    const {manifest, files} = exported({
      a: {slug: 'alpha', title: 'a', rev: '1'},
      b: {slug: 'beta', title: 'b', rev: '1'},
    })
    const {result} = await run({
      manifest,
      files,
      docs: [
        {id: 'a', rev: '2', slug: 'beta'},
        {id: 'b', rev: '2', slug: 'alpha'},
      ],
    })
    expect(statuses(result)).toEqual([
      ['a', 'updated'],
      ['b', 'updated'],
    ])
    expect(writes(result).sort()).toEqual(['content/posts/alpha.md', 'content/posts/beta.md'])
    expect(result.deletes).toEqual([])
  })

  it('writes neither of two documents with the same slug', async () => {
    const {result} = await run({
      docs: [
        {id: 'a', rev: '1', slug: 'same'},
        {id: 'b', rev: '1', slug: 'same'},
      ],
    })
    expect(result.reports.map((report) => [report.id, report.status, report.reason])).toEqual([
      ['a', 'failed', 'slug "same" is also used by b; neither is written until one changes'],
      ['b', 'failed', 'slug "same" is also used by a; neither is written until one changes'],
    ])
    expect(result.writes).toEqual([])
  })

  it('does not take a path whose owner cannot give it up', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    files.set('content/posts/alpha.md', bytes('# edited by hand\n'))
    const {result} = await run({
      manifest,
      files,
      docs: [
        {id: 'a', rev: '2', slug: 'moved'},
        {id: 'b', rev: '1', slug: 'alpha'},
      ],
    })
    expect(
      result.reports.map((report) => [report.id, report.status, report.path, report.reason]),
    ).toEqual([
      [
        'a',
        'conflict',
        'content/posts/alpha.md',
        'content/posts/alpha.md was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document)',
      ],
      ['b', 'failed', null, 'content/posts/alpha.md belongs to document a; it was left as it is'],
    ])
    expect(result.writes).toEqual([])
    expect(result.deletes).toEqual([])
  })

  it('settles again with documents held back, which keep their files, and renders nothing twice', async () => {
    const {manifest, files} = exported({
      a: {slug: 'alpha', title: 'a', rev: '1'},
      c: {slug: 'gamma', title: 'c', rev: '1'},
    })
    const {input, calls} = await planInput({
      manifest,
      files,
      docs: [
        // a moves to beta, and b takes a's old slug: b needs what a gives up.
        {id: 'a', rev: '2', slug: 'beta'},
        {id: 'b', rev: '1', slug: 'alpha'},
        {id: 'c', rev: '2', slug: 'gamma', title: 'c, changed'},
      ],
    })
    const drafts = await draftPlan(input)
    expect(statuses(settlePlan(drafts))).toEqual([
      ['a', 'updated'],
      ['b', 'created'],
      ['c', 'updated'],
    ])
    const held = settlePlan(
      drafts,
      new Map([['a', {reason: 'breaks the Hugo build: bad link', field: 'introduction.body'}]]),
    )
    expect(
      held.reports.map((report) => [
        report.id,
        report.status,
        report.path,
        report.field,
        report.reason,
      ]),
    ).toEqual([
      [
        'a',
        'failed',
        'content/posts/alpha.md',
        'introduction.body',
        'breaks the Hugo build: bad link',
      ],
      [
        'b',
        'failed',
        null,
        'slug.current',
        'content/posts/alpha.md belongs to document a; it was left as it is',
      ],
      ['c', 'updated', 'content/posts/gamma.md', undefined, undefined],
    ])
    expect(writes(held)).toEqual(['content/posts/gamma.md'])
    expect(held.deletes).toEqual([])
    expect(held.manifest.documents['a']).toEqual(manifest.documents['a'])
    expect(held.manifest.documents['b']).toBeUndefined()
    expect(held.manifest.documents['c']?.rev).toBe('2')
    // A plan that is not complete keeps the old dataset revision.
    expect(held.manifest.revision).toBe(null)
    // Settling again changed none of the drafts.
    expect(statuses(settlePlan(drafts))).toEqual([
      ['a', 'updated'],
      ['b', 'created'],
      ['c', 'updated'],
    ])
    expect(calls.sort()).toEqual(['a', 'b', 'c'])
  })

  it('deletes the files of a document that is gone, unless one was edited by hand', async () => {
    const {manifest, files} = exported({
      a: {slug: 'alpha', title: 'a', rev: '1', images: ['img.png']},
      b: {slug: 'beta', title: 'b', rev: '1'},
    })
    files.set('content/posts/beta.md', bytes('# edited by hand\n'))
    const {result} = await run({manifest, files, docs: []})
    expect(result.reports.map((report) => [report.id, report.status])).toEqual([
      ['a', 'deleted'],
      ['b', 'conflict'],
    ])
    expect(result.reports[1]?.reason).toBe(
      'content/posts/beta.md was edited by hand since the last export; it was left as it is (run with --force to overwrite it with the document); the document was deleted or unpublished',
    )
    expect(deletes(result)).toEqual(['content/posts/alpha.md', 'static/images/alpha/img.png'])
    expect(Object.keys(result.manifest.documents)).toEqual(['b'])

    const forced = await run({manifest, files, docs: [], force: true})
    expect(deletes(forced.result)).toEqual([
      'content/posts/alpha.md',
      'content/posts/beta.md',
      'static/images/alpha/img.png',
    ])
    expect(forced.result.manifest.documents).toEqual({})
  })

  it('keeps the previous file of a document that no longer renders, naming the field', async () => {
    const {manifest, files} = exported({a: {slug: 'alpha', title: 'a', rev: '1'}})
    const {result} = await run({
      manifest,
      files,
      docs: [
        {id: 'a', rev: '2', slug: null},
        {id: 'c', rev: '1', slug: 'gamma', images: ['missing.png']},
        {id: 'd', rev: '1', slug: 'delta'},
      ],
      failingImages: ['missing.png'],
    })
    expect(
      result.reports.map((report) => [
        report.id,
        report.status,
        report.path,
        report.field,
        report.reason,
      ]),
    ).toEqual([
      ['a', 'failed', 'content/posts/alpha.md', 'slug.current', 'The post needs a slug.'],
      ['c', 'failed', null, 'images', 'image missing.png not found in the dataset'],
      ['d', 'created', 'content/posts/delta.md', undefined, undefined],
    ])
    expect(writes(result)).toEqual(['content/posts/delta.md'])
    expect(result.manifest.documents['a']).toBe(manifest.documents['a'])
    expect(result.manifest.revision).toBe(null)
  })
})
