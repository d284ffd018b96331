import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {blogDisk, type Disk, listedDisk, markdownFiles} from '../../scripts/export/disk.ts'
import {sha256} from '../../scripts/lib/hash.ts'
import {removeTempDirs, tempDir} from './helpers.ts'

afterAll(removeTempDirs)

describe('blog disk', () => {
  const blog = () => {
    const dir = tempDir('disk')
    mkdirSync(join(dir, 'content/posts/folder'), {recursive: true})
    writeFileSync(join(dir, 'content/posts/a.md'), 'first post')
    // Bigger than the read buffer, so a hash spans several reads.
    writeFileSync(join(dir, 'content/posts/b.md'), 'x'.repeat((1 << 20) + 7))
    return dir
  }
  const paths = [
    'content/posts/a.md',
    'content/posts/b.md',
    'content/posts/missing.md',
    'content/posts/folder',
  ]
  const expected = [sha256('first post'), sha256('x'.repeat((1 << 20) + 7)), undefined, 'directory']

  it('hashes files on this thread, and remembers them by their stats', async () => {
    const disk = blogDisk(blog())
    const hashes = []
    for (const path of paths) hashes.push(await disk.hash(path))
    expect(hashes).toEqual(expected)
    expect([...disk.statCache.keys()]).toEqual(['content/posts/a.md', 'content/posts/b.md'])
    expect(disk.cacheChanged).toBe(true)
  })

  it('gives the same answers when the files were hashed ahead on other threads', async () => {
    const dir = blog()
    const disk = blogDisk(dir)
    await disk.prehash(paths, 1)
    // Hashed ahead: a change made afterwards is not seen until the next run.
    writeFileSync(join(dir, 'content/posts/a.md'), 'edited')
    const hashes = []
    for (const path of paths) hashes.push(await disk.hash(path))
    expect(hashes).toEqual(expected)
    expect(await disk.hash('content/posts/a.md')).toBe(sha256('edited'))
  })

  it('leaves a few files, and files its cache knows, to be hashed when asked', async () => {
    const dir = blog()
    const first = blogDisk(dir)
    await first.hash('content/posts/a.md')
    const disk = blogDisk(dir, first.statCache)
    await disk.prehash(paths, 4)
    writeFileSync(join(dir, 'content/posts/b.md'), 'edited')
    // Three unknown paths are under the threshold of four: nothing was hashed ahead.
    expect(await disk.hash('content/posts/b.md')).toBe(sha256('edited'))
    expect(await disk.hash('content/posts/a.md')).toBe(sha256('first post'))
  })

  it('waits for hashing already under way, and does not start it twice', async () => {
    const dir = blog()
    const disk = blogDisk(dir)
    const early = disk.prehash(['content/posts/a.md', 'content/posts/b.md'], 1)
    // Asked while the first thread runs: only the path it does not have is new, and
    // one path is under the threshold, so the call just waits for the first.
    await disk.prehash(['content/posts/a.md', 'content/posts/missing.md'], 2)
    writeFileSync(join(dir, 'content/posts/a.md'), 'edited')
    writeFileSync(join(dir, 'content/posts/missing.md'), 'new')
    expect(await disk.hash('content/posts/a.md')).toBe(sha256('first post'))
    expect(await disk.hash('content/posts/missing.md')).toBe(sha256('new'))
    await early
  })

  it('lists the markdown files below the posts folder, as site paths', () => {
    const dir = blog()
    mkdirSync(join(dir, 'content/posts/bundle'))
    writeFileSync(join(dir, 'content/posts/bundle/index.md'), 'bundled')
    writeFileSync(join(dir, 'content/posts/bundle/cover.png'), 'image')
    writeFileSync(join(dir, 'content/posts/.c.md.sanity-export-tmp-1-1'), 'a killed run left this')
    writeFileSync(join(dir, 'content/outside.md'), 'not a post')
    expect(markdownFiles(dir, 'content/posts').sort()).toEqual([
      'content/posts/a.md',
      'content/posts/b.md',
      'content/posts/bundle/index.md',
    ])
    expect(markdownFiles(dir, 'content/none')).toEqual([])
  })
})

describe("the planner's view of the blog dir", () => {
  it('answers absent paths from folder listings and asks the disk about the rest', async () => {
    const dir = tempDir('listed')
    mkdirSync(join(dir, 'content/posts/folder'), {recursive: true})
    mkdirSync(join(dir, 'static/images/made-now'), {recursive: true})
    writeFileSync(join(dir, 'content/posts/a.md'), 'first post')
    writeFileSync(join(dir, 'static/images/made-now/.x.png.tmp'), 'staged')
    writeFileSync(join(dir, 'content/file'), 'a file where a folder could be')
    const asked: string[] = []
    const real = blogDisk(dir)
    const spy: Disk = {
      read: (path) => {
        asked.push(path)
        return real.read(path)
      },
      hash: real.hash,
      size: real.size,
      exists: real.exists,
    }
    const fresh = new Set([join(dir, 'static/images/made-now')])
    const disk = listedDisk(spy, dir, (folder) => fresh.has(folder))
    const answers = await Promise.all(
      [
        'content/posts/a.md',
        'content/posts/folder',
        'content/posts/new.md',
        'content/file/x.md',
        'static/images/made-now/x.png',
        'static/images/gone/y.png',
        'other/deep/z.md',
      ].map(async (path) => {
        const answer = await disk.read(path)
        return answer instanceof Buffer ? answer.toString() : answer
      }),
    )
    expect(answers).toEqual([
      'first post',
      'directory',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    // Only what the listings hold reaches the disk.
    expect(asked).toEqual(['content/posts/a.md', 'content/posts/folder'])
  })
})
