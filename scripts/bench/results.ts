import {readFile, writeFile} from 'node:fs/promises'
import type {ProcessSeries} from './export-runs.ts'
import type {FloorResults} from './floor.ts'
import type {HugoResults} from './hugo.ts'
import type {Machine, Revision} from './machine.ts'
import type {Series} from './stats.ts'

/**
 * `.bench/results.json`: one entry per label ("before", "after", …). A rerun with a
 * label already there updates that entry (sizes measured again replace the old
 * ones, others stay); a new label is appended.
 */

export interface DatasetInfo {
  file: string
  sha256: string
  changedSha256: string
  bytes: number
  meanPostBytes: number
  samplePostBytes: number
}

export interface RenderOnly {
  blocks: number
  ms: Series
  /** CPU time of the render process over the same loop (user + system, GC threads included). */
  cpuMs: Series
  postsPerSecond: Series
  blocksPerSecond: Series
}

export interface SizeResult {
  posts: number
  dataset: DatasetInfo
  export: {
    full: ProcessSeries
    /** Empty exporter cache, as after a fresh dataset export or on a fresh runner. */
    noop: ProcessSeries
    noopWarm: ProcessSeries
    oneChanged: ProcessSeries
  }
  renderOnly: RenderOnly
  floor: FloorResults
  hugo: HugoResults | null
  /** Why there is no hugo result (not installed, or not enough memory for it). */
  hugoSkipped?: string
  ratios: {
    exportToFloor: number
    exportToDurableFloor: number
    exportToHugo: number | null
    /** The same ratio in CPU time (user + system), steadier on a loaded machine. */
    exportToHugoCpu: number | null
  }
}

export interface Preview {
  renders: number
  blocks: number
  coldMs: number
  median: number
  min: number
  max: number
  p95: number
  /** Median CPU time per render (user + system): what the render costs without competition. */
  cpuMedian: number
}

export interface Entry {
  label: string
  date: string
  machine: Machine
  revision: Revision
  settings: {runs: number; budgetSeconds: number; seed: number}
  /**
   * 1-minute load average when the run started and ended. Above the number of cores,
   * other processes competed for the CPUs and wall times are inflated; CPU times much less so.
   */
  load: {start: number; end: number}
  preview: Preview | null
  /** By number of posts. */
  sizes: Record<string, SizeResult>
}

export interface ResultsFile {
  format: 1
  entries: Entry[]
}

export async function readResults(file: string): Promise<ResultsFile> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as ResultsFile
    if (parsed.format === 1 && Array.isArray(parsed.entries)) return parsed
  } catch {
    // No results yet, or an unreadable file: start a fresh record.
  }
  return {format: 1, entries: []}
}

export function mergeEntry(results: ResultsFile, entry: Entry): ResultsFile {
  const index = results.entries.findIndex((old) => old.label === entry.label)
  if (index === -1) return {...results, entries: [...results.entries, entry]}
  const old = results.entries[index] as Entry
  const merged: Entry = {
    ...entry,
    preview: entry.preview ?? old.preview,
    sizes: {...old.sizes, ...entry.sizes},
  }
  return {...results, entries: results.entries.map((e, i) => (i === index ? merged : e))}
}

export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
}

/** The label a run gets without --label: "before" for the very first one. */
export function defaultLabel(results: ResultsFile): string {
  return results.entries.length === 0 ? 'before' : 'latest'
}

export type Status = 'pass' | 'miss' | 'not measured'

export interface TargetCheck {
  measure: string
  target: string
  measured: string
  status: Status
}

const BIG = 10_000

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

function cpu(series: Series | null): string {
  return series === null ? 'n/a' : seconds(series.median)
}

/** The issue's targets, judged on medians (time) and the highest peak RSS seen. */
export function checkTargets(entry: Entry): TargetCheck[] {
  const big = entry.sizes[String(BIG)]
  const checks: TargetCheck[] = []
  if (big === undefined) {
    checks.push({
      measure: 'full export of 10,000 posts',
      target: '≤ 10 s, ≤ 1 GB peak RSS',
      measured: '–',
      status: 'not measured',
    })
    checks.push({
      measure: 'no-op run over 10,000 posts',
      target: '≤ 1.5 s',
      measured: '–',
      status: 'not measured',
    })
  } else {
    const time = big.export.full.ms.median
    const rss = big.export.full.maxRssMb?.max
    checks.push({
      measure: 'full export of 10,000 posts',
      target: '≤ 10 s, ≤ 1 GB peak RSS',
      measured: `${seconds(time)} (CPU ${cpu(big.export.full.cpuMs)}), ${rss === undefined ? 'RSS n/a' : `${Math.round(rss)} MB`}`,
      status: time <= 10_000 && rss !== undefined && rss <= 1024 ? 'pass' : 'miss',
    })
    const noop = big.export.noop.ms.median
    const warm = big.export.noopWarm.ms.median
    checks.push({
      measure: 'no-op run over 10,000 posts (empty cache)',
      target: '≤ 1.5 s',
      measured: `${seconds(noop)} (CPU ${cpu(big.export.noop.cpuMs)})`,
      status: noop <= 1500 ? 'pass' : 'miss',
    })
    checks.push({
      measure: 'no-op run over 10,000 posts (warm cache)',
      target: '≤ 1.5 s',
      measured: `${seconds(warm)} (CPU ${cpu(big.export.noopWarm.cpuMs)})`,
      status: warm <= 1500 ? 'pass' : 'miss',
    })
  }
  // The ratio is judged at 10,000 posts; a partial run judges its largest size and says so.
  const sizes = Object.values(entry.sizes).sort((a, b) => b.posts - a.posts)
  const largest = sizes.find((size) => size.ratios.exportToHugo !== null)
  const ratio = largest?.ratios.exportToHugo
  checks.push({
    measure:
      largest === undefined
        ? 'export/hugo'
        : `export/hugo (${largest.posts.toLocaleString('en-US')} posts)`,
    target: '≤ 0.5',
    measured:
      ratio === undefined || ratio === null
        ? '–'
        : `${ratio.toFixed(2)} (CPU time ${largest?.ratios.exportToHugoCpu?.toFixed(2) ?? 'n/a'})`,
    status: ratio === undefined || ratio === null ? 'not measured' : ratio <= 0.5 ? 'pass' : 'miss',
  })
  const preview = entry.preview
  checks.push({
    measure: 'preview render of the sample post (median)',
    target: '≤ 5 ms',
    measured:
      preview === null
        ? '–'
        : `${preview.median.toFixed(2)} ms (CPU ${preview.cpuMedian.toFixed(2)} ms)`,
    status: preview === null ? 'not measured' : preview.median <= 5 ? 'pass' : 'miss',
  })
  return checks
}
