import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {DatasetFiles} from './dataset.ts'
import {type Measured, measure, tail} from './process.ts'
import {type RunLimits, repeat, type Series, series} from './stats.ts'
import {discardLater} from './trash.ts'

/** Wall time, CPU time (user + system) and peak RSS over several runs. */
export interface ProcessSeries {
  ms: Series
  cpuMs: Series | null
  maxRssMb: Series | null
}

/**
 * The exporter keeps a machine-local cache (a dataset index keyed by the file's
 * identity, and the blog dir's file stats). A scheduled export normally reads a
 * freshly exported dataset file, often on a fresh runner, so it finds no usable
 * cache: every measure runs with an empty cache dir, except the warm no-op runs,
 * which show what a persistent machine re-reading the same file gets.
 */
export interface ExportResults {
  full: ProcessSeries
  /** Empty cache: a new dataset file or a fresh runner. */
  noop: ProcessSeries
  /** The cache the previous run on the same file and blog dir left. */
  noopWarm: ProcessSeries
  oneChanged: ProcessSeries
  /** The blog dir the last full export wrote, with the no-op and one-change runs applied. */
  blogDir: string
}

interface Counts {
  created: number
  updated: number
  deleted: number
  unchanged: number
  failed: number
  conflicts: number
}

export interface ExportOptions {
  /** The project root whose scripts/export.mjs runs (the bench's snapshot of the tree). */
  codeRoot: string
  workDir: string
  limits: RunLimits
  /** Extra node flags for the CLI (the profiler). */
  nodeFlags?: readonly string[]
  log: (line: string) => void
}

/**
 * The node flags of the `export` script in package.json (`node [flags]
 * scripts/export.mjs`): the bench starts the exporter as `npm run export` does.
 */
export function exportScriptFlags(script: string): string[] {
  const words = script.trim().split(/\s+/)
  const entry = words.indexOf('scripts/export.mjs')
  if (words[0] !== 'node' || entry === -1)
    throw new Error(`the export script is not "node [flags] scripts/export.mjs": ${script}`)
  return words.slice(1, entry)
}

async function exportFlags(codeRoot: string): Promise<string[]> {
  const text = await readFile(join(codeRoot, 'package.json'), 'utf8')
  const scripts = (JSON.parse(text) as {scripts?: Record<string, string>}).scripts
  return exportScriptFlags(scripts?.['export'] ?? '')
}

/** The real CLI, as `npm run export` runs it, in a child so its peak RSS is its own. */
export async function runExportCli(
  source: string,
  blogDir: string,
  options: Pick<ExportOptions, 'codeRoot' | 'workDir' | 'nodeFlags'> & {
    /** The exporter's cache dir; a fresh empty one (removed afterwards) when undefined. */
    cacheDir?: string | undefined
  },
): Promise<{measured: Measured; counts: Counts}> {
  const cacheDir = options.cacheDir ?? (await mkdtemp(join(options.workDir, 'cache-')))
  let measured: Measured
  try {
    measured = await measure(
      process.execPath,
      [
        ...(await exportFlags(options.codeRoot)),
        ...(options.nodeFlags ?? []),
        join(options.codeRoot, 'scripts', 'export.mjs'),
        '--source',
        source,
        '--blog',
        blogDir,
        '--json',
      ],
      {
        cwd: options.codeRoot,
        scratchDir: options.workDir,
        env: {SANITY_EXPORT_CACHE_DIR: cacheDir},
      },
    )
  } finally {
    if (options.cacheDir === undefined) await rm(cacheDir, {recursive: true, force: true})
  }
  if (measured.exitCode !== 0)
    throw new Error(
      `export of ${source} into ${blogDir} exited ${measured.exitCode}:\n${tail(measured.stderr || measured.stdout)}`,
    )
  let counts: Counts
  try {
    counts = (JSON.parse(measured.stdout) as {counts: Counts}).counts
  } catch {
    throw new Error(`export printed no JSON summary:\n${tail(measured.stdout)}`)
  }
  return {measured, counts}
}

function expect(counts: Counts, wanted: Partial<Counts>, what: string): void {
  for (const [name, value] of Object.entries(wanted) as [keyof Counts, number][]) {
    if (counts[name] !== value)
      throw new Error(
        `${what}: expected ${name} = ${value}, the export reported ${JSON.stringify(counts)}`,
      )
  }
}

/** A series of the values when every run has one. */
function seriesOf(values: readonly (number | null)[]): Series | null {
  const known = values.filter((value): value is number => value !== null)
  return known.length === values.length && known.length > 0 ? series(known) : null
}

export function processSeries(runs: readonly Measured[]): ProcessSeries {
  return {
    ms: series(runs.map((run) => run.ms)),
    cpuMs: seriesOf(runs.map((run) => run.cpuMs)),
    maxRssMb: seriesOf(runs.map((run) => (run.maxRssKb === null ? null : run.maxRssKb / 1024))),
  }
}

/**
 * Full exports into fresh blog dirs; then, on the last one, no-op runs (with an
 * empty and with a warm cache) and runs that each change one document
 * (alternating between the dataset and its one-edit twin, so every run sees
 * exactly one changed document).
 */
export async function exportRuns(
  dataset: DatasetFiles,
  options: ExportOptions,
): Promise<ExportResults> {
  const {workDir, limits, log} = options
  const posts = dataset.posts
  let blogDir = ''
  const full = await repeat(limits, async (index) => {
    if (blogDir !== '') discardLater(blogDir)
    blogDir = await mkdtemp(join(workDir, `blog-${posts}-`))
    const {measured, counts} = await runExportCli(dataset.file, blogDir, options)
    expect(counts, {created: posts, failed: 0, conflicts: 0}, `full export of ${posts} posts`)
    log(`  full export #${index + 1}: ${(measured.ms / 1000).toFixed(2)} s${rssText(measured)}`)
    return measured
  })
  const noopRun = (kind: string, cacheDir: string | undefined) => async (index: number) => {
    const {measured, counts} = await runExportCli(dataset.file, blogDir, {...options, cacheDir})
    expect(counts, {created: 0, updated: 0, deleted: 0, unchanged: posts}, `${kind} run`)
    log(`  ${kind} run #${index + 1}: ${(measured.ms / 1000).toFixed(2)} s${rssText(measured)}`)
    return measured
  }
  const noop = await repeat(limits, noopRun('no-op', undefined))
  const warmCache = await mkdtemp(join(workDir, 'cache-warm-'))
  // One untimed run fills the cache, as the previous scheduled run would have.
  await runExportCli(dataset.file, blogDir, {...options, cacheDir: warmCache})
  const noopWarm = await repeat(limits, noopRun('no-op, warm cache', warmCache))
  await rm(warmCache, {recursive: true, force: true})
  const oneChanged = await repeat(limits, async (index) => {
    const source = index % 2 === 0 ? dataset.changedFile : dataset.file
    const {measured, counts} = await runExportCli(source, blogDir, options)
    expect(counts, {created: 0, updated: 1, deleted: 0, unchanged: posts - 1}, 'one-change run')
    log(`  one changed #${index + 1}: ${(measured.ms / 1000).toFixed(2)} s${rssText(measured)}`)
    return measured
  })
  return {
    full: processSeries(full),
    noop: processSeries(noop),
    noopWarm: processSeries(noopWarm),
    oneChanged: processSeries(oneChanged),
    blogDir,
  }
}

export function rssText(measured: Measured): string {
  const cpu = measured.cpuMs === null ? '' : ` (CPU ${(measured.cpuMs / 1000).toFixed(2)} s)`
  const rss =
    measured.maxRssKb === null ? 'RSS n/a' : `${Math.round(measured.maxRssKb / 1024)} MB RSS`
  return `${cpu}, ${rss}`
}
