import {spawn, spawnSync} from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {dirname, join, relative, resolve} from 'node:path'
import {extract} from 'tar'
import {afterAll, describe, expect, it} from 'vitest'
import {lockedVersion} from '../../scripts/export/render.ts'
import {
  ARCHIVE,
  type Doc,
  HUGO_BLOG,
  RAW_ARCHIVE,
  ROOT,
  removeTempDirs,
  SAMPLE_IMAGES,
  tempDir,
} from '../export/helpers.ts'
import {startContentLake} from '../support/content-lake.ts'

/**
 * The workflow installs only what the exporter needs: `npm ci --omit=dev
 * --omit=optional`, the packages in `dependencies`. Everything else (the Studio,
 * the importer, the tests and tools) is a devDependency. These tests keep that
 * true: the exporter imports no other package, and it runs with those alone.
 */

afterAll(removeTempDirs)

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

// Runtime imports only: `import type` is erased before the code runs.
const STATIC = /^(?:import|export)\s+(?!type\s)[{*\w][\s\S]*?\sfrom\s+'([^']+)'/gm
const SIDE_EFFECT = /^import\s+'([^']+)'/gm
const DYNAMIC = /\bimport\('([^']+)'\)/g
const THREAD = /new URL\('(\.[^']+)', import\.meta\.url\)/g

/**
 * The packages a module and every module it loads import, by package name; with
 * `lazy: false`, leaving out what is loaded only on demand (`await import(...)`).
 */
function packagesLoadedBy(roots: readonly string[], options = {lazy: true}): string[] {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const patterns = options.lazy ? [STATIC, SIDE_EFFECT, DYNAMIC, THREAD] : [STATIC, SIDE_EFFECT]
    for (const pattern of patterns)
      for (const [, specifier = ''] of text.matchAll(pattern)) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier))
        else if (!specifier.startsWith('node:'))
          packages.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          )
      }
  }
  for (const root of roots) visit(join(ROOT, root))
  return [...packages].sort()
}

describe('what the workflow installs', () => {
  it('is exactly what the exporter and the job summary import', () => {
    const loaded = packagesLoadedBy([
      'scripts/export.mjs',
      'scripts/export/render-worker.ts',
      'hugo-export.config.ts',
      'scripts/export-summary.ts',
    ])
    // smol-toml: the exporter reads a hand-written post's TOML front matter for its address.
    expect(loaded).toEqual([
      '@portabletext/markdown',
      '@sanity/client',
      'groq-js',
      'smol-toml',
      'tar',
      'yaml',
    ])
    expect(Object.keys(manifest.dependencies).sort()).toEqual(loaded)
  })

  it('pins, in the lock the fingerprint reads, the versions npm ci installs', () => {
    const lock = readFileSync(join(ROOT, 'package-lock.json'))
    for (const name of ['@portabletext/markdown', 'yaml']) {
      const installed = JSON.parse(
        readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as {version: string}
      expect(lockedVersion(lock, name)).toBe(installed.version)
    }
    expect(lockedVersion(lock, 'not-a-dependency')).toBe('missing')
  })

  it('is nothing at all for the scheduled check', () => {
    // It computes the render fingerprint, whose module loads the converter only to render.
    expect(packagesLoadedBy(['scripts/ci/anything-to-do.ts'], {lazy: false})).toEqual([])
  })

  it('the import scan sees every kind of import', () => {
    // The Studio plugin, which the workflow does not run, imports React and Sanity.
    expect(packagesLoadedBy(['plugins/hugo-blog/index.ts'])).toEqual(
      expect.arrayContaining(['react', 'sanity']),
    )
  })

  it('runs the exporter, from a file or live, with only what `npm ci --omit=dev --omit=optional` installs', async () => {
    const project = exporterOnly()
    expect(existsSync(join(project, 'node_modules', 'sanity'))).toBe(false)
    expect(readdirSync(join(project, 'node_modules')).length).toBeGreaterThan(10)

    const fromFile = await exportIn(project, ['--source', ARCHIVE])
    expect(fromFile.stderr).toBe('')
    expect(fromFile.status).toBe(0)
    expect(fromFile.stdout).toContain(CREATED)

    const dir = tempDir('exporter-only-raw')
    await extract({file: RAW_ARCHIVE, cwd: dir})
    const [folder = ''] = readdirSync(dir)
    const documents = readFileSync(join(dir, folder, 'data.ndjson'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Doc)
    const lake = await startContentLake({documents})
    const cdn = createServer((request, response) => {
      const file = /\/([0-9a-f]{40}-\d+x\d+\.png)$/.exec(request.url ?? '')?.[1]
      if (file === undefined) response.writeHead(404).end()
      else response.writeHead(200).end(readFileSync(join(SAMPLE_IMAGES, file)))
    })
    await new Promise<void>((done) => cdn.listen(0, '127.0.0.1', done))
    try {
      const live = await exportIn(project, [
        '--source',
        'live',
        '--project',
        lake.projectId,
        '--dataset',
        lake.dataset,
        '--api-host',
        lake.url,
        '--asset-host',
        `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`,
      ])
      expect(live.stderr).toBe('')
      expect(live.status).toBe(0)
      expect(live.stdout).toContain(CREATED)
    } finally {
      await lake.close()
      await new Promise<void>((done) => cdn.close(() => done()))
    }
  })
})

describe('installing Hugo for the build check', () => {
  it('installs the version the blog deploys with, from the same release package', async () => {
    // A package laid out as Hugo's release .deb is, with a stand-in binary.
    const root = tempDir('hugo-deb')
    mkdirSync(join(root, 'DEBIAN'))
    writeFileSync(
      join(root, 'DEBIAN', 'control'),
      'Package: hugo\nVersion: 0.135.0\nArchitecture: amd64\nMaintainer: test <test@example.com>\nDescription: stand-in\n',
    )
    mkdirSync(join(root, 'usr', 'local', 'bin'), {recursive: true})
    writeFileSync(
      join(root, 'usr', 'local', 'bin', 'hugo'),
      '#!/bin/sh\necho "hugo v0.135.0-stand-in+extended linux/amd64"\n',
    )
    chmodSync(join(root, 'usr', 'local', 'bin', 'hugo'), 0o755)
    const deb = join(tempDir('hugo-release'), 'hugo.deb')
    const built = spawnSync('dpkg-deb', ['--root-owner-group', '--build', root, deb], {
      encoding: 'utf8',
    })
    expect(built.status, built.stderr).toBe(0)
    const asked: string[] = []
    const releases = createServer((request, response) => {
      asked.push(request.url ?? '')
      response.writeHead(200).end(readFileSync(deb))
    })
    await new Promise<void>((done) => releases.listen(0, '127.0.0.1', done))
    const install = tempDir('hugo-install')
    const githubEnv = join(install, 'GITHUB_ENV')
    try {
      const result = await runBash(
        [join(ROOT, 'scripts', 'ci', 'install-hugo.sh'), HUGO_BLOG, join(install, 'hugo')],
        {
          HUGO_RELEASES: `http://127.0.0.1:${(releases.address() as AddressInfo).port}/download`,
          GITHUB_ENV: githubEnv,
        },
      )
      expect(result.stderr).toBe('hugo v0.135.0-stand-in+extended linux/amd64\n')
      expect(result.status).toBe(0)
      const bin = join(install, 'hugo', 'root', 'usr', 'local', 'bin', 'hugo')
      expect(result.stdout).toBe(`${bin}\n`)
      expect(readFileSync(githubEnv, 'utf8')).toBe(`HUGO=${bin}\n`)
      // HUGO_VERSION: 0.135.0 in the blog's .github/workflows/hugo.yml.
      expect(asked).toEqual(['/download/v0.135.0/hugo_extended_0.135.0_linux-amd64.deb'])
    } finally {
      await new Promise<void>((done) => releases.close(() => done()))
    }
  })

  it('says where the version should be when the blog names none', async () => {
    const blog = tempDir('blog-without-deploy')
    const result = await runBash(
      [join(ROOT, 'scripts', 'ci', 'install-hugo.sh'), blog, tempDir('hugo-install')],
      {},
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `install-hugo: no HUGO_VERSION in ${blog}/.github/workflows/*.yml, where the blog's deploy workflow names the Hugo it builds with\n`,
    )
  })
})

function runBash(
  args: string[],
  env: Record<string, string>,
): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((done, fail) => {
    const child = spawn('bash', args, {
      env: {PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env},
      timeout: 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('error', fail)
    child.on('close', (status) => done({status, stdout, stderr}))
  })
}

const CREATED =
  'created        4  distributed-cache, distributed-rate-limiter, notification-fanout, url-shortener'

/** The project's sources with, as node_modules, only the lock's packages that are neither dev nor optional. */
function exporterOnly(): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, {dev?: boolean; optional?: boolean; devOptional?: boolean}>
  }
  const installed = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.optional && !entry.devOptional)
    .map(([path]) => path)
  expect(installed.length).toBeLessThan(50)
  const project = tempDir('exporter-only')
  for (const path of ['scripts', 'converter', 'schemas', 'hugo-export.config.ts', 'package.json'])
    cpSync(join(ROOT, path), join(project, path), {recursive: true})
  for (const path of installed)
    cpSync(join(ROOT, path), join(project, path), {
      recursive: true,
      // Nested packages are copied as lock entries of their own, or not at all.
      filter: (source) => !relative(join(ROOT, path), source).includes('node_modules'),
    })
  return project
}

/** The exporter CLI, run from `project` into a new blog, asynchronously: the stand-ins answer from this process. */
function exportIn(
  project: string,
  args: string[],
): Promise<{status: number | null; stdout: string; stderr: string}> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(project, 'scripts', 'export.mjs'), ...args, '--blog', tempDir('exporter-only-blog')],
      {
        cwd: project,
        env: {
          PATH: process.env['PATH'],
          HOME: process.env['HOME'],
          SANITY_EXPORT_CACHE_DIR: tempDir('exporter-only-cache'),
        },
        timeout: 120_000,
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8')
    })
    child.on('error', fail)
    child.on('close', (status) => done({status, stdout, stderr}))
  })
}
