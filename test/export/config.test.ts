import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {ConfigError} from '../../converter/config.ts'
import config from '../../hugo-export.config.ts'
import {parseCli} from '../../scripts/export/cli.ts'
import {resolveConfig} from '../../scripts/export/config.ts'
import {MANIFEST_FILE} from '../../scripts/export/manifest.ts'
import {
  exportRun,
  ROOT,
  removeTempDirs,
  SAMPLE_NDJSON,
  tempDir,
  tree,
  writeDataset,
} from './helpers.ts'

afterAll(removeTempDirs)

describe('configuration', () => {
  it('defaults to the bundled sample dataset and out/blog inside the clone', async () => {
    const resolved = await resolveConfig(parseCli([]), {}, '/somewhere/else')
    expect(resolved).toEqual({
      config,
      source: join(ROOT, 'sample-data', 'production.ndjson'),
      sourceLabel: 'sample-data/production.ndjson',
      blogDir: join(ROOT, 'out', 'blog'),
      dataset: 'production',
      projectId: undefined,
      commitAuthor: config.commitAuthor,
    })
  })

  it('lets flags and the environment override the config file', async () => {
    const resolved = await resolveConfig(
      parseCli(['--source', 'live', '--blog', 'site', '--layout', 'bundle', '--project', 'p1']),
      {
        SANITY_STUDIO_DATASET: 'staging',
        SANITY_EXPORT_AUTHOR_NAME: 'Export Bot',
        SANITY_EXPORT_AUTHOR_EMAIL: 'bot@example.com',
      },
      '/work/dir',
    )
    expect(resolved.source).toBe('live')
    expect(resolved.blogDir).toBe('/work/dir/site')
    expect(resolved.config.site.layout).toBe('bundle')
    expect(resolved.dataset).toBe('staging')
    expect(resolved.projectId).toBe('p1')
    expect(resolved.commitAuthor).toEqual({name: 'Export Bot', email: 'bot@example.com'})
    await expect(resolveConfig(parseCli(['--source', 'live']), {}, '/')).rejects.toThrow(
      new ConfigError(
        '--source live needs a project id: pass --project or set SANITY_STUDIO_PROJECT_ID',
      ),
    )
  })

  it('reads another config file, with paths relative to it', async () => {
    const dir = tempDir('config')
    writeDataset(dir, [], 'empty.ndjson')
    writeFileSync(
      join(dir, 'site.config.ts'),
      `import {defineConfig} from '${join(ROOT, 'converter', 'config.ts')}'\nexport default defineConfig({site: {layout: 'bundle', baseURL: 'https://example.org'}, source: 'empty.ndjson', blogDir: 'blog', dataset: 'staging'})\n`,
    )
    const resolved = await resolveConfig(
      parseCli(['--config', join(dir, 'site.config.ts')]),
      {},
      '/',
    )
    expect(resolved.source).toBe(join(dir, 'empty.ndjson'))
    expect(resolved.blogDir).toBe(join(dir, 'blog'))
    expect(resolved.config.site.baseURL).toBe('https://example.org')
    expect(resolved.config.site.layout).toBe('bundle')
    expect(resolved.dataset).toBe('staging')
  })

  it('exits 2 with the reason for a missing or invalid config', async () => {
    const dir = tempDir('bad-config')
    const missing = await exportRun(['--config', join(dir, 'nope.config.ts')])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toBe(`export: config file not found: ${join(dir, 'nope.config.ts')}\n`)

    writeFileSync(
      join(dir, 'bad.config.ts'),
      `export default {site: {baseURL: 'https://example.org/'}}\n`,
    )
    const invalid = await exportRun(['--config', join(dir, 'bad.config.ts')])
    expect(invalid.exitCode).toBe(2)
    expect(invalid.stderr).toBe(
      'export: site.baseURL must not end with "/", got "https://example.org/"\n',
    )
  })
})

describe('guards', () => {
  it('will not export another dataset over this one, or delete every post for an empty source, unless forced', async () => {
    const blog = tempDir('guarded')
    expect((await exportRun(['--source', SAMPLE_NDJSON, '--blog', blog])).exitCode).toBe(0)
    const exported = tree(blog)

    const other = await exportRun([
      '--source',
      SAMPLE_NDJSON,
      '--blog',
      blog,
      '--dataset',
      'staging',
    ])
    expect(other.exitCode).toBe(2)
    expect(other.stderr).toBe(
      `export: ${join(blog, MANIFEST_FILE)} records an export of dataset "production", not "staging"; exporting another dataset here would delete its posts (use --force if that is intended)\n`,
    )

    const empty = writeDataset(tempDir('empty'), [])
    const emptied = await exportRun(['--source', empty, '--blog', blog])
    expect(emptied.exitCode).toBe(3)
    expect(emptied.stderr).toBe(
      `export: ${empty} has no exportable documents; refusing to delete all 4 exported posts (use --force if that is intended)\n`,
    )
    expect(tree(blog)).toEqual(exported)

    const forced = await exportRun(['--source', empty, '--blog', blog, '--force'])
    expect(forced.exitCode).toBe(0)
    expect(forced.summary?.counts.deleted).toBe(4)
    expect(readdirSync(blog).sort()).toEqual([MANIFEST_FILE, 'content', 'static'])
    expect(Object.keys(tree(blog))).toEqual([MANIFEST_FILE])
  })

  it('records a forced change of dataset even when no post changes', async () => {
    const blog = tempDir('relabelled')
    expect((await exportRun(['--source', SAMPLE_NDJSON, '--blog', blog])).exitCode).toBe(0)
    const args = ['--source', SAMPLE_NDJSON, '--blog', blog, '--dataset', 'staging', '--force']
    const relabelled = await exportRun(args)
    expect(relabelled.exitCode).toBe(0)
    expect(relabelled.summary?.counts.unchanged).toBe(4)
    expect(JSON.parse(readFileSync(join(blog, MANIFEST_FILE), 'utf8')).dataset).toBe('staging')
  })

  it('stops on an unreadable manifest instead of guessing what it owns', async () => {
    const blog = tempDir('conflicted')
    writeFileSync(join(blog, MANIFEST_FILE), '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n')
    const run = await exportRun(['--source', SAMPLE_NDJSON, '--blog', blog])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(
      /^export: \.sanity-export\.json is not valid JSON \(.*\); fix it \(e\.g\. resolve a merge conflict\) or restore it from git\n$/,
    )
  })
})
