import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {applyPlan} from '../../scripts/export/apply.ts'
import {BlogFolders} from '../../scripts/export/folders.ts'
import {emptyManifest} from '../../scripts/export/manifest.ts'
import type {Plan} from '../../scripts/export/plan.ts'
import {Stage, type Staged} from '../../scripts/export/stage.ts'
import {sha256} from '../../scripts/lib/hash.ts'
import {entries, removeTempDirs, tempDir} from './helpers.ts'

afterAll(removeTempDirs)

const bytes = (text: string) => new TextEncoder().encode(text)

describe('files written ahead', () => {
  it('moves a staged file into place, and only for the content it was staged with', () => {
    const blog = tempDir('stage')
    const stage = new Stage(blog, new BlogFolders(blog))
    expect(stage.wrote).toBe(false)
    stage.put('content/posts/a.md', bytes('A'), sha256('A'))
    expect(stage.wrote).toBe(true)
    stage.put('content/posts/b.md', bytes('B'), sha256('B'))
    // Staged under temp names: nothing is visible under a real name yet.
    expect(entries(blog).filter((path) => !path.endsWith('/'))).toHaveLength(2)
    expect(existsSync(join(blog, 'content/posts/a.md'))).toBe(false)

    expect(stage.place('content/posts/a.md', sha256('A'), join(blog, 'content/posts/a.md'))).toBe(
      true,
    )
    expect(readFileSync(join(blog, 'content/posts/a.md'), 'utf8')).toBe('A')
    // The plan wants other bytes than were staged: the caller writes them itself.
    expect(stage.place('content/posts/b.md', sha256('C'), join(blog, 'content/posts/b.md'))).toBe(
      false,
    )
    expect(stage.place('content/posts/c.md', sha256('C'), join(blog, 'content/posts/c.md'))).toBe(
      false,
    )
  })

  it('writes nothing ahead through a link out of the blog dir, nor into a file', () => {
    const blog = tempDir('stage-link')
    const elsewhere = tempDir('stage-elsewhere')
    mkdirSync(join(blog, 'content'))
    symlinkSync(elsewhere, join(blog, 'content', 'posts'))
    mkdirSync(join(blog, 'static', 'images'), {recursive: true})
    writeFileSync(join(blog, 'static', 'images', 'a'), 'a file')
    const stage = new Stage(blog, new BlogFolders(blog))
    expect(stage.put('content/posts/a.md', bytes('A'), sha256('A'))).toBeUndefined()
    expect(stage.put('static/images/a/x.png', bytes('x'), sha256('x'))).toBeUndefined()
    expect(stage.wrote).toBe(false)
    expect(entries(elsewhere)).toEqual([])
  })

  it('discards what was not placed, with the folders made for it, and nothing else', async () => {
    const blog = tempDir('stage-discard')
    mkdirSync(join(blog, 'static', 'images', 'kept-empty'), {recursive: true})
    const stage = new Stage(blog, new BlogFolders(blog))
    stage.put('static/images/one/x.png', bytes('x'), sha256('x'))
    stage.put('static/images/two/deep/y.png', bytes('y'), sha256('y'))
    stage.put('static/images/kept-empty/z.png', bytes('z'), sha256('z'))
    stage.put('content/posts/a.md', bytes('A'), sha256('A'))
    stage.place('static/images/one/x.png', sha256('x'), join(blog, 'static/images/one/x.png'))
    await stage.discard()
    // content/posts/ was made for a post that was not placed: it goes too.
    expect(entries(blog)).toEqual([
      'static/',
      'static/images/',
      'static/images/kept-empty/',
      'static/images/one/',
      'static/images/one/x.png',
    ])
  })

  it('removes a folder it made for a file it then could not write', async () => {
    const blog = tempDir('stage-unwritten')
    const stage = new Stage(blog, new BlogFolders(blog))
    stage.put('content/posts/a.md', bytes('A'), sha256('A'))
    // The folder can be made, but the temp file's name is too long for the file system.
    const long = `static/images/p/${'x'.repeat(250)}.png`
    expect(stage.put(long, bytes('x'), sha256('x'))).toBe(undefined)
    expect(entries(join(blog, 'static/images/p'))).toEqual([])
    stage.place('content/posts/a.md', sha256('A'), join(blog, 'content/posts/a.md'))
    await stage.discard()
    expect(entries(blog)).toEqual(['content/', 'content/posts/', 'content/posts/a.md'])
  })

  it('gives up quietly where it cannot write, leaving the write to the apply step', async () => {
    const blog = tempDir('stage-blocked')
    mkdirSync(join(blog, 'content'))
    writeFileSync(join(blog, 'content', 'posts'), 'a file where a folder should be')
    const stage = new Stage(blog, new BlogFolders(blog))
    stage.put('content/posts/a.md', bytes('A'), sha256('A'))
    expect(stage.place('content/posts/a.md', sha256('A'), join(blog, 'content/posts/a.md'))).toBe(
      false,
    )
    // An image the source could not give is asked for again by the planner.
    stage.putLater('static/images/p/x.png', Promise.reject(new Error('gone')), sha256)
    stage.putLater('static/images/p/y.png', Promise.resolve(bytes('y')), sha256)
    await stage.settled()
    expect(entries(join(blog, 'static/images/p'))).toHaveLength(1)
    expect(
      stage.place('static/images/p/y.png', sha256('y'), join(blog, 'static/images/p/y.png')),
    ).toBe(true)
    await stage.discard()
    expect(entries(blog)).toEqual([
      'content/',
      'content/posts',
      'static/',
      'static/images/',
      'static/images/p/',
      'static/images/p/y.png',
    ])
  })

  it('applies a plan whose posts were written ahead, and stops if one has gone', async () => {
    const blog = tempDir('stage-apply')
    const stage = new Stage(blog, new BlogFolders(blog))
    const staged = stage.put('content/posts/a.md', bytes('A'), sha256('A'))
    expect(staged?.sha256).toBe(sha256('A'))
    const write = {path: 'content/posts/a.md', sha256: sha256('A'), kind: 'markdown' as const}
    const plan: Plan = {
      reports: [],
      writes: [{...write, content: staged as Staged, documentId: 'a'}],
      deletes: [],
      manifest: emptyManifest('production'),
    }
    await applyPlan(plan, {blogDir: blog, contentDir: 'content/posts', fsync: false, stage})
    expect(readFileSync(join(blog, 'content/posts/a.md'), 'utf8')).toBe('A')
    // Placed once: a plan that names it again finds nothing to place, and says so
    // rather than writing a post without its text.
    await expect(
      applyPlan(plan, {blogDir: blog, contentDir: 'content/posts', fsync: false, stage}),
    ).rejects.toThrow('content/posts/a.md: the file written ahead for it is gone')
  })
})
