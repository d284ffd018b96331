/**
 * `npm run bench -- [options]`: export speed and memory against the I/O floor and
 * Hugo, render throughput and the Studio preview's render time. A script, not a
 * test: it prints the figures, records them in .bench/results.json and writes the
 * generated sections of BENCHMARKS.md. See --help and BENCHMARKS.md.
 */
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {HELP, parseBenchArgs} from './bench/args.ts'
import {ensureDataset} from './bench/dataset.ts'
import {exportRuns, runExportCli} from './bench/export-runs.ts'
import {ioFloor, listFiles} from './bench/floor.ts'
import {type HugoResults, HugoSkipped, hugoAvailable, hugoBuilds} from './bench/hugo.ts'
import {describeMachine, revision, sourcesHash} from './bench/machine.ts'
import {measure, tail} from './bench/process.ts'
import {formatProfile, readProfileDir} from './bench/profile.ts'
import {updateBenchmarksFile} from './bench/report.ts'
import {
  checkTargets,
  defaultLabel,
  type Entry,
  mergeEntry,
  type Preview,
  type RenderOnly,
  readResults,
  type SizeResult,
  writeResults,
} from './bench/results.ts'
import {snapshotProject} from './bench/snapshot.ts'
import type {RunLimits} from './bench/stats.ts'
import {discardLater, emptyTrash, setAside} from './bench/trash.ts'

const ROOT = join(import.meta.dirname, '..')
const BENCH_DIR = join(ROOT, '.bench')
const DATASETS = join(BENCH_DIR, 'datasets')
const WORK = join(BENCH_DIR, 'work')
const PROFILES = join(BENCH_DIR, 'profiles')
const RESULTS = join(BENCH_DIR, 'results.json')
const BENCHMARKS = join(ROOT, 'BENCHMARKS.md')
/** The code under measurement is copied here when the bench starts (see bench/snapshot.ts). */
const SNAPSHOT = join(tmpdir(), 'hugo-blog-bench', 'snapshot')
const RENDER_WORKER = join(SNAPSHOT, 'scripts', 'bench', 'render-worker.ts')

const log = (line: string) => process.stdout.write(`${line}\n`)

async function worker<T>(args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  const result = await measure(process.execPath, [...nodeFlags, RENDER_WORKER, ...args], {
    cwd: SNAPSHOT,
    scratchDir: WORK,
  })
  if (result.exitCode !== 0)
    throw new Error(`render worker ${args[0]} exited ${result.exitCode}:\n${tail(result.stderr)}`)
  return JSON.parse(result.stdout) as T
}

async function profileRun(
  name: string,
  label: string,
  run: (nodeFlags: readonly string[]) => Promise<unknown>,
): Promise<void> {
  const dir = join(PROFILES, label, name)
  await rm(dir, {recursive: true, force: true})
  await run(['--cpu-prof', `--cpu-prof-dir=${dir}`])
  const roots = [`file://${ROOT}/`, `file://${SNAPSHOT}/`]
  const text = formatProfile(`profile ${name}`, await readProfileDir(dir, roots))
  await writeFile(`${dir}.txt`, `${text}\n`)
  log(text)
}

async function profileSize(
  posts: number,
  files: {file: string; changedFile: string},
  label: string,
): Promise<void> {
  const blogDir = await mkdtemp(join(WORK, `profile-${posts}-`))
  const cli = (source: string) => (nodeFlags: readonly string[]) =>
    runExportCli(source, blogDir, {codeRoot: SNAPSHOT, workDir: WORK, nodeFlags})
  await profileRun(`${posts}-full`, label, cli(files.file))
  await profileRun(`${posts}-noop`, label, cli(files.file))
  await profileRun(`${posts}-one-changed`, label, cli(files.changedFile))
  discardLater(blogDir)
}

async function measureSize(
  posts: number,
  seed: number,
  limits: RunLimits,
  options: {
    profile: boolean
    keep: boolean
    label: string
    hugoMax: number
    /** Hugo's peak RSS per post at the previous size; 0 when unknown. */
    hugoRssPerPostMb: number
  },
): Promise<SizeResult> {
  log(`\n== ${posts.toLocaleString('en-US')} posts ==`)
  const dataset = await ensureDataset(DATASETS, posts, seed)
  log(
    `dataset ${dataset.file} (${dataset.reused ? 'reused, hash checked' : 'generated'}): ${(dataset.bytes / 1024 ** 2).toFixed(1)} MB, ` +
      `mean post ${dataset.meanPostBytes} bytes (sample post ${dataset.samplePostBytes})`,
  )
  log(`  sha256 ${dataset.sha256}`)
  log(`  one-change twin sha256 ${dataset.changedSha256} (post ${dataset.changedId})`)

  const exports = await exportRuns(dataset, {codeRoot: SNAPSHOT, workDir: WORK, limits, log})
  const files = await listFiles(exports.blogDir)
  const floor = await ioFloor(dataset.file, files, WORK, limits)
  log(
    `  I/O floor: read ${(floor.readMs.median / 1000).toFixed(2)} s + write ${(floor.writeMs.median / 1000).toFixed(2)} s ` +
      `(durable ${(floor.durableWriteMs.median / 1000).toFixed(2)} s) for ${floor.files} files, ${(floor.bytes / 1024 ** 2).toFixed(1)} MB`,
  )
  let hugo: HugoResults | null = null
  let hugoSkipped: string | undefined
  if (!(await hugoAvailable())) hugoSkipped = 'hugo is not installed at /usr/bin/hugo'
  else if (posts > options.hugoMax)
    hugoSkipped = `above --hugo-max ${options.hugoMax} (hugo 0.111 needs about 1.5 MB per post)`
  else {
    try {
      hugo = await hugoBuilds(
        exports.blogDir,
        posts,
        WORK,
        limits,
        log,
        options.hugoRssPerPostMb * posts || undefined,
      )
    } catch (error) {
      if (!(error instanceof HugoSkipped)) throw error
      hugoSkipped = error.message
    }
  }
  if (hugoSkipped !== undefined) log(`  hugo skipped: ${hugoSkipped}`)
  const renderOnly = await worker<RenderOnly & {posts: number}>([
    'render',
    dataset.file,
    String(limits.runs),
    String(limits.budgetMs),
  ])
  log(
    `  render only: ${Math.round(renderOnly.postsPerSecond.median)} posts/s, ` +
      `${Math.round(renderOnly.blocksPerSecond.median)} blocks/s (${renderOnly.blocks} blocks); ` +
      `CPU ${(renderOnly.cpuMs.median / posts).toFixed(1)} ms/post`,
  )
  if (!options.keep) discardLater(exports.blogDir)
  if (options.profile) await profileSize(posts, dataset, options.label)

  const full = exports.full.ms.median
  const result: SizeResult = {
    posts,
    dataset: {
      file: dataset.file.slice(ROOT.length + 1),
      sha256: dataset.sha256,
      changedSha256: dataset.changedSha256,
      bytes: dataset.bytes,
      meanPostBytes: dataset.meanPostBytes,
      samplePostBytes: dataset.samplePostBytes,
    },
    export: {
      full: exports.full,
      noop: exports.noop,
      noopWarm: exports.noopWarm,
      oneChanged: exports.oneChanged,
    },
    renderOnly: {
      blocks: renderOnly.blocks,
      ms: renderOnly.ms,
      cpuMs: renderOnly.cpuMs,
      postsPerSecond: renderOnly.postsPerSecond,
      blocksPerSecond: renderOnly.blocksPerSecond,
    },
    floor,
    hugo,
    ...(hugoSkipped === undefined ? {} : {hugoSkipped}),
    ratios: {
      exportToFloor: full / floor.totalMs.median,
      exportToDurableFloor: full / floor.durableTotalMs.median,
      exportToHugo: hugo === null ? null : full / hugo.ms.median,
      exportToHugoCpu:
        hugo?.cpuMs && exports.full.cpuMs ? exports.full.cpuMs.median / hugo.cpuMs.median : null,
    },
  }
  log(
    `  export/floor ${result.ratios.exportToFloor.toFixed(2)}, export/durable floor ${result.ratios.exportToDurableFloor.toFixed(2)}, ` +
      `export/hugo ${result.ratios.exportToHugo?.toFixed(2) ?? 'n/a'} (CPU time ${result.ratios.exportToHugoCpu?.toFixed(2) ?? 'n/a'})`,
  )
  return result
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseBenchArgs>
  try {
    options = parseBenchArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\nRun with --help for the options.\n`)
    return 2
  }
  if (options.help) {
    process.stdout.write(HELP)
    return 0
  }
  if (options.reportOnly) {
    const results = await readResults(RESULTS)
    const entry = results.entries.find((e) => e.label === options.label) ?? results.entries.at(-1)
    if (entry === undefined) {
      process.stderr.write(`bench: no results in ${RESULTS} to report\n`)
      return 1
    }
    await updateBenchmarksFile(BENCHMARKS, results, entry)
    log(`wrote ${BENCHMARKS} from ${RESULTS} (entry "${entry.label}")`)
    return 0
  }
  const started = performance.now()
  const loadAtStart = loadavg()[0] ?? 0
  await setAside(WORK)
  await mkdir(WORK, {recursive: true})
  await mkdir(DATASETS, {recursive: true})
  const results = await readResults(RESULTS)
  const label = options.label ?? defaultLabel(results)
  const machine = await describeMachine(WORK)
  await snapshotProject(SNAPSHOT)
  const measured = await sourcesHash(SNAPSHOT)
  const rev = await revision(measured)
  log(
    `bench "${label}": ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.fileSystem}; ` +
      `Node ${machine.node}; ${machine.hugo ?? 'no hugo'}; commit ${rev.commit}${rev.dirty ? ' (uncommitted changes)' : ''}, measured code ${measured} (copied to ${SNAPSHOT})`,
  )
  if (loadAtStart > machine.cores)
    log(
      `warning: load average ${loadAtStart.toFixed(1)} on ${machine.cores} cores; wall times will be inflated (CPU times are recorded too)`,
    )
  const limits: RunLimits = {runs: options.runs, budgetMs: options.budgetSeconds * 1000}

  const sizes: Record<string, SizeResult> = {}
  let hugoRssPerPostMb = 0
  for (const posts of options.sizes) {
    const result = await measureSize(posts, options.seed, limits, {
      ...options,
      label,
      hugoRssPerPostMb,
    })
    sizes[String(posts)] = result
    const rss = result.hugo?.maxRssMb?.max
    if (rss !== undefined) hugoRssPerPostMb = rss / posts
  }

  log('\n== preview render of the sample post ==')
  const preview = await worker<Preview>(['preview', '300'])
  log(
    `  median ${preview.median.toFixed(2)} ms (min ${preview.min.toFixed(2)}, max ${preview.max.toFixed(2)}, ` +
      `p95 ${preview.p95.toFixed(2)}; CPU median ${preview.cpuMedian.toFixed(2)} ms; first render ${preview.coldMs.toFixed(1)} ms)`,
  )
  if (options.profile)
    await profileRun('preview', label, (nodeFlags) => worker(['preview', '300'], nodeFlags))

  const entry: Entry = {
    label,
    date: new Date().toISOString(),
    machine,
    revision: await revision(measured),
    settings: {runs: options.runs, budgetSeconds: options.budgetSeconds, seed: options.seed},
    load: {start: loadAtStart, end: loadavg()[0] ?? 0},
    preview,
    sizes,
  }
  const merged = mergeEntry(results, entry)
  await writeResults(RESULTS, merged)
  const recorded = merged.entries.find((e) => e.label === label) ?? entry
  await updateBenchmarksFile(BENCHMARKS, merged, recorded)
  if (!options.keep) discardLater(WORK)
  await emptyTrash()
  await rm(SNAPSHOT, {recursive: true, force: true})

  log('\n== targets ==')
  for (const check of checkTargets(recorded))
    log(`  ${check.status.padEnd(12)} ${check.measure}: ${check.measured} (target ${check.target})`)
  log(
    `\nwrote ${RESULTS} and ${BENCHMARKS} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
  return 0
}

process.exitCode = await main()
