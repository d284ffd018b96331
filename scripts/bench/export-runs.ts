import {mkdtemp, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {DatasetFiles} from './dataset.ts'
import {type Measured, measure, tail} from './process.ts'
import {type RunLimits, repeat, type Series, series} from './stats.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const EXPORT_CLI = join(ROOT, 'scripts', 'export.ts')

/** Wall time, CPU time (user + system) and peak RSS over several runs. */
export interface ProcessSeries {
  ms: Series
  cpuMs: Series | null
  maxRssMb: Series | null
}

export interface ExportResults {
  full: ProcessSeries
  noop: ProcessSeries
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
  workDir: string
  limits: RunLimits
  /** Extra node flags for the CLI (the profiler). */
  nodeFlags?: readonly string[]
  log: (line: string) => void
}

/** The real CLI, as `npm run export` runs it, in a child so its peak RSS is its own. */
export async function runExportCli(
  source: string,
  blogDir: string,
  options: Pick<ExportOptions, 'workDir' | 'nodeFlags'>,
): Promise<{measured: Measured; counts: Counts}> {
  const measured = await measure(
    process.execPath,
    [...(options.nodeFlags ?? []), EXPORT_CLI, '--source', source, '--blog', blogDir, '--json'],
    {cwd: ROOT, scratchDir: options.workDir},
  )
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
 * Full exports into fresh blog dirs; then, on the last one, no-op runs and runs
 * that each change one document (alternating between the dataset and its
 * one-edit twin, so every run sees exactly one changed document).
 */
export async function exportRuns(
  dataset: DatasetFiles,
  options: ExportOptions,
): Promise<ExportResults> {
  const {workDir, limits, log} = options
  const posts = dataset.posts
  let blogDir = ''
  const full = await repeat(limits, async (index) => {
    if (blogDir !== '') await rm(blogDir, {recursive: true, force: true})
    blogDir = await mkdtemp(join(workDir, `blog-${posts}-`))
    const {measured, counts} = await runExportCli(dataset.file, blogDir, options)
    expect(counts, {created: posts, failed: 0, conflicts: 0}, `full export of ${posts} posts`)
    log(`  full export #${index + 1}: ${(measured.ms / 1000).toFixed(2)} s${rssText(measured)}`)
    return measured
  })
  const noop = await repeat(limits, async (index) => {
    const {measured, counts} = await runExportCli(dataset.file, blogDir, options)
    expect(counts, {created: 0, updated: 0, deleted: 0, unchanged: posts}, 'no-op run')
    log(`  no-op run #${index + 1}: ${(measured.ms / 1000).toFixed(2)} s${rssText(measured)}`)
    return measured
  })
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
