/**
 * In-process render measurements, run in a child of the bench so that neither the
 * bench's own heap nor an earlier measurement's JIT state colours them.
 *
 *   node scripts/bench/render-worker.ts render <dataset.ndjson> <runs> <budgetMs>
 *   node scripts/bench/render-worker.ts preview <renders>
 *
 * Prints one JSON object on stdout.
 */
import {createReadStream} from 'node:fs'
import {createInterface} from 'node:readline'
import {renderPost} from '../../converter/index.ts'
import config from '../../hugo-export.config.ts'
import {fullPost} from '../../test/fixtures/system-design-post.full.ts'
import {quantile, repeat, round, series} from './stats.ts'

const site = config.site

/**
 * Portable Text nodes: every item of a rich-text array (text blocks, code, images,
 * tables, math, embeds), which is what the markdown library walks.
 */
function countBlocks(value: unknown): number {
  if (Array.isArray(value)) {
    const rich = value.some(
      (item) =>
        typeof item === 'object' && item !== null && (item as {_type?: unknown})._type === 'block',
    )
    let count = rich ? value.length : 0
    for (const item of value) count += countBlocks(item)
    return count
  }
  if (typeof value === 'object' && value !== null) {
    let count = 0
    for (const inner of Object.values(value)) count += countBlocks(inner)
    return count
  }
  return 0
}

/** Line by line: the 10,000-post dataset is close to V8's longest string. */
async function readDocuments(file: string): Promise<unknown[]> {
  const documents: unknown[] = []
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  })
  for await (const line of lines) if (line.trim() !== '') documents.push(JSON.parse(line))
  return documents
}

async function renderThroughput(file: string, runs: number, budgetMs: number) {
  const documents = await readDocuments(file)
  const blocks = documents.reduce<number>((sum, doc) => sum + countBlocks(doc), 0)
  // Warm-up: the JIT has seen every code path before the clock starts.
  for (const doc of documents.slice(0, 50)) renderPost(doc, site)
  const runsDone = await repeat({runs, budgetMs}, async () => {
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (const doc of documents) renderPost(doc, site)
    const ms = performance.now() - start
    const used = process.cpuUsage(cpu)
    return {ms, cpuMs: (used.user + used.system) / 1000}
  })
  const times = runsDone.map((run) => run.ms)
  const seconds = times.map((ms) => ms / 1000)
  return {
    posts: documents.length,
    blocks,
    ms: series(times),
    cpuMs: series(runsDone.map((run) => run.cpuMs)),
    postsPerSecond: series(seconds.map((s) => documents.length / s)),
    blocksPerSecond: series(seconds.map((s) => blocks / s)),
  }
}

/** What the Studio's "Hugo markdown" pane costs per keystroke: one render of the sample post. */
function previewRender(renders: number) {
  const coldStart = performance.now()
  renderPost(fullPost, site)
  const coldMs = performance.now() - coldStart
  for (let i = 0; i < 50; i++) renderPost(fullPost, site)
  const times: number[] = []
  const cpuTimes: number[] = []
  for (let i = 0; i < renders; i++) {
    const cpu = process.cpuUsage()
    const start = performance.now()
    renderPost(fullPost, site)
    times.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    cpuTimes.push((used.user + used.system) / 1000)
  }
  const summary = series(times)
  return {
    cpuMedian: round(series(cpuTimes).median),
    renders,
    blocks: countBlocks(fullPost),
    coldMs: round(coldMs),
    median: round(summary.median),
    min: round(summary.min),
    max: round(summary.max),
    p95: round(quantile(times, 0.95)),
  }
}

const [mode, ...rest] = process.argv.slice(2)
if (mode === 'render') {
  const [file, runs, budget] = rest
  if (file === undefined) throw new Error('render needs a dataset file')
  const result = await renderThroughput(file, Number(runs ?? 3), Number(budget ?? 60_000))
  process.stdout.write(`${JSON.stringify(result)}\n`)
} else if (mode === 'preview') {
  process.stdout.write(`${JSON.stringify(previewRender(Number(rest[0] ?? 300)))}\n`)
} else if (mode !== undefined) {
  throw new Error(`unknown mode ${mode}`)
}
