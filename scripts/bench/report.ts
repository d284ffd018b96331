import {readFile, writeFile} from 'node:fs/promises'
import type {ProcessSeries} from './export-runs.ts'
import {checkTargets, type Entry, type ResultsFile, type SizeResult} from './results.ts'
import type {Series} from './stats.ts'

/**
 * BENCHMARKS.md: hand-written text around two generated regions, each between
 * marker comments, so a rerun replaces only what it measured:
 * - the latest run (machine, targets, full table, preview);
 * - the before/after table, one row per label. Its rows are also kept as data in
 *   the file itself, so the history survives without `.bench/results.json`.
 */

const LATEST = ['<!-- bench:latest:start -->', '<!-- bench:latest:end -->'] as const
const HISTORY = ['<!-- bench:history:start -->', '<!-- bench:history:end -->'] as const
const HISTORY_DATA = /<!-- bench:history-data (.*?) -->/s

const INTRO = `# Benchmarks

How fast and how lean the export is, measured against the I/O floor and against
Hugo building the same posts. \`npm run bench\` regenerates the sections between
the \`bench:\` markers; the rest of this file is written by hand.

    npm run bench                       # 100, 1,000 and 10,000 posts, up to 5 runs each
    npm run bench -- --quick            # 100 and 1,000 posts, 3 runs
    npm run bench -- --label after      # record a run under its own row in Before/after
    npm run bench -- --sizes 10000 --runs 3 --profile   # also CPU profiles, .bench/profiles/
    npm run bench -- --report           # rewrite this file from .bench/results.json

## What is measured

- **Datasets**: synthetic system-design posts derived from the golden sample post
  (\`test/fixtures/system-design-post.full.ts\`) with a seeded generator: new ids,
  keys, titles and slugs, reworded prose, list lengths ±1, images referenced with
  \`_sanityAsset\` and real files. Written to \`.bench/datasets/\` as NDJSON; the same
  bytes on every run (the sha256 is printed and recorded).
- **Full export**: \`scripts/export.mjs --source <dataset> --blog <fresh dir> --json\`
  as a child process, with the node flags of \`npm run export\` (wall time from spawn
  to exit; CPU time and peak RSS from GNU time), no git.
- **No-op run**: the CLI again on the same blog dir and dataset. The exporter keeps a
  machine-local cache (a dataset index keyed by the file's identity, the blog dir's
  file stats); a scheduled export reads a freshly exported dataset file, often on a
  fresh runner, so runs are measured with an empty cache dir
  (\`SANITY_EXPORT_CACHE_DIR\`), and the no-op run also with the cache a previous run
  on the same file left ("warm").
- **One changed document**: the CLI on the same blog dir with a dataset in which
  one post has a new revision and text (alternating with the original, so every run
  sees exactly one change).
- **Render only**: \`renderPost\` over the parsed documents in one process, after a
  warm-up; blocks are Portable Text nodes (items of rich-text arrays).
- **Preview**: one \`renderPost\` of the sample post as the Studio's "Hugo markdown"
  pane runs it on each keystroke; median per render after 50 warm-up renders.
- **I/O floor**: streaming the dataset file, plus writing the same number of bytes
  to the same files in the same folders (plain writes; and durable writes, as the
  exporter does them: each file to a temp name and renamed, then one flush of the
  file system).
- **Hugo**: \`hugo\` building the exported site with minimal layouts
  (\`layouts/_default/{baseof,single,list}.html\`) and the blog's markup settings
  (\`goldmark.renderer.unsafe\`, \`highlight.noClasses: false\`). Hugo 0.111 keeps every
  page in memory (about 1.5 MB per post here), so by default it builds only up to
  1,000 posts (\`--hugo-max\`), and a build that would not fit in memory is skipped.
- **Code measured**: a copy of the converter and exporter taken when the run starts
  (others keep editing the tree), identified by a hash in the results.

Each measure runs several times (the median, min and max are shown, with n); a
measure stops early once its runs took longer than the time budget (30 s by
default), so a slow size still finishes. The page cache is warm for every measure,
and the disk is flushed before each one (\`sync --file-system\`), so that no measure
pays for pages an earlier one left dirty. Trees a measure wrote are removed only when
the bench ends: this machine's ext4 discards freed blocks online, which makes the
files created in the seconds after a big removal several times slower. "Empty" and
"warm" cache refer to the exporter's own cache; Node's compile cache (compiled
modules, which \`scripts/export.mjs\` keeps in the OS temp dir) is warm after the first
run of the bench, as it is on any machine that has exported before.
`

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1)
}

function timeCell(s: Series): string {
  if (s.n === 1) return `${seconds(s.median)} s (n=1)`
  return `${seconds(s.median)} s (${seconds(s.min)}–${seconds(s.max)}, n=${s.n})`
}

function cpuCell(s: Series | null | undefined): string {
  return s === null || s === undefined ? 'n/a' : timeCell(s)
}

function rssCell(series: ProcessSeries['maxRssMb'] | undefined): string {
  if (series === null || series === undefined) return 'n/a'
  return `${Math.round(series.median)} MB (max ${Math.round(series.max)})`
}

function rateCell(s: Series): string {
  const fmt = (value: number) => Math.round(value).toLocaleString('en-US')
  return s.n === 1
    ? `${fmt(s.median)} (n=1)`
    : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)}, n=${s.n})`
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

function ratio(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2)
}

type Row = [string, (size: SizeResult) => string]

const ROWS: Row[] = [
  [
    'dataset (NDJSON)',
    (s) =>
      `${megabytes(s.dataset.bytes)}, ${Math.round(s.dataset.meanPostBytes / 1024)} KB/post, sha256 \`${s.dataset.sha256.slice(0, 12)}\``,
  ],
  ['full export', (s) => timeCell(s.export.full.ms)],
  ['full export, CPU time', (s) => cpuCell(s.export.full.cpuMs)],
  ['peak RSS, full export', (s) => rssCell(s.export.full.maxRssMb)],
  ['no-op run, empty cache', (s) => timeCell(s.export.noop.ms)],
  ['no-op run, empty cache, CPU time', (s) => cpuCell(s.export.noop.cpuMs)],
  ['peak RSS, no-op run, empty cache', (s) => rssCell(s.export.noop.maxRssMb)],
  ['no-op run, warm cache', (s) => timeCell(s.export.noopWarm.ms)],
  ['no-op run, warm cache, CPU time', (s) => cpuCell(s.export.noopWarm.cpuMs)],
  ['one changed document', (s) => timeCell(s.export.oneChanged.ms)],
  ['one changed document, CPU time', (s) => cpuCell(s.export.oneChanged.cpuMs)],
  ['render only, posts/s', (s) => rateCell(s.renderOnly.postsPerSecond)],
  ['render only, blocks/s', (s) => rateCell(s.renderOnly.blocksPerSecond)],
  ['render only, CPU per post', (s) => `${(s.renderOnly.cpuMs.median / s.posts).toFixed(1)} ms`],
  ['I/O floor: read dataset', (s) => timeCell(s.floor.readMs)],
  [
    'I/O floor: write files',
    (s) =>
      `${timeCell(s.floor.writeMs)}; ${s.floor.files.toLocaleString('en-US')} files, ${megabytes(s.floor.bytes)}`,
  ],
  ['I/O floor: write files, durable', (s) => timeCell(s.floor.durableWriteMs)],
  [
    'hugo build',
    (s) => (s.hugo === null ? `skipped: ${s.hugoSkipped ?? 'no result'}` : timeCell(s.hugo.ms)),
  ],
  ['hugo build, CPU time', (s) => cpuCell(s.hugo?.cpuMs)],
  ['peak RSS, hugo build', (s) => (s.hugo === null ? 'n/a' : rssCell(s.hugo.maxRssMb))],
  ['**export / I/O floor**', (s) => `**${ratio(s.ratios.exportToFloor)}**`],
  ['export / durable I/O floor', (s) => ratio(s.ratios.exportToDurableFloor)],
  ['**export / hugo**', (s) => `**${ratio(s.ratios.exportToHugo)}**`],
  ['export / hugo, CPU time', (s) => ratio(s.ratios.exportToHugoCpu ?? null)],
]

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export function latestSection(entry: Entry): string {
  const {machine, revision, settings} = entry
  const sizes = Object.values(entry.sizes).sort((a, b) => a.posts - b.posts)
  const out: string[] = []
  out.push(
    `## Latest run: \`${entry.label}\``,
    '',
    `${entry.date}, commit \`${revision.commit}\`${revision.dirty ? ' with uncommitted changes to the converter or exporter' : ''}; ` +
      `measured code \`${revision.sources.measured}\` (a copy taken at the start)${revision.sources.treeAtEnd === revision.sources.measured ? '' : `; the working tree had moved on to \`${revision.sources.treeAtEnd}\` by the end`}.`,
    '',
    `- **Machine**: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, ${machine.fileSystem}`,
    `- **Software**: Node ${machine.node}; ${machine.hugo ?? 'hugo not installed'}`,
    `- **Settings**: up to ${settings.runs} run${settings.runs === 1 ? '' : 's'} per measure, ${settings.budgetSeconds} s budget per measure, seed ${settings.seed}`,
    `- **Load average** (1 min): ${entry.load.start.toFixed(1)} at the start, ${entry.load.end.toFixed(1)} at the end${
      Math.max(entry.load.start, entry.load.end) > machine.cores
        ? `, above the ${machine.cores} cores: other work competed for the CPUs, so wall times are inflated; the CPU times (user + system) are the steadier figures`
        : ''
    }`,
    '',
    '### Targets',
    '',
    table(
      ['measure', 'target', 'measured', 'result'],
      checkTargets(entry).map((check) => [
        check.measure,
        check.target,
        check.measured,
        check.status === 'pass'
          ? '✅ pass'
          : check.status === 'miss'
            ? '❌ miss'
            : '– not measured',
      ]),
    ),
    '',
  )
  if (sizes.length > 0) {
    out.push(
      '### Results',
      '',
      'Median (min–max, number of runs). Peak RSS: median (highest).',
      '',
      table(
        ['measure', ...sizes.map((s) => `${s.posts.toLocaleString('en-US')} posts`)],
        ROWS.map(([name, cell]) => [name, ...sizes.map(cell)]),
      ),
      '',
    )
  }
  const preview = entry.preview
  if (preview !== null) {
    out.push(
      '### Preview render of the sample post',
      '',
      table(
        ['renders', 'blocks', 'median', 'min', 'max', 'p95', 'CPU median', 'first (cold) render'],
        [
          [
            String(preview.renders),
            String(preview.blocks),
            `**${preview.median.toFixed(2)} ms**`,
            `${preview.min.toFixed(2)} ms`,
            `${preview.max.toFixed(2)} ms`,
            `${preview.p95.toFixed(2)} ms`,
            `${preview.cpuMedian.toFixed(2)} ms`,
            `${preview.coldMs.toFixed(1)} ms`,
          ],
        ],
      ),
      '',
    )
  }
  return out.join('\n')
}

/** One before/after row: the headline numbers of a labelled run. */
export interface HistoryRow {
  label: string
  date: string
  commit: string
  fullExport1k: number | null
  fullExport10k: number | null
  fullExport10kCpu?: number | null
  rss10k: number | null
  noop10k: number | null
  noopWarm10k?: number | null
  oneChanged10k: number | null
  exportToHugo: number | null
  exportToHugoCpu?: number | null
  exportToHugoPosts: number | null
  previewMs: number | null
  previewCpuMs?: number | null
  postsPerSecond: number | null
}

export function historyRow(entry: Entry): HistoryRow {
  const k1 = entry.sizes['1000']
  const k10 = entry.sizes['10000']
  const withHugo = Object.values(entry.sizes)
    .filter((s) => s.ratios.exportToHugo !== null)
    .sort((a, b) => b.posts - a.posts)[0]
  const largest = Object.values(entry.sizes).sort((a, b) => b.posts - a.posts)[0]
  return {
    label: entry.label,
    date: entry.date.slice(0, 10),
    commit: `${entry.revision.commit}${entry.revision.dirty ? `+${entry.revision.sources.measured}` : ''}`,
    fullExport1k: k1?.export.full.ms.median ?? null,
    fullExport10k: k10?.export.full.ms.median ?? null,
    fullExport10kCpu: k10?.export.full.cpuMs?.median ?? null,
    rss10k: k10?.export.full.maxRssMb?.max ?? null,
    noop10k: k10?.export.noop.ms.median ?? null,
    noopWarm10k: k10?.export.noopWarm.ms.median ?? null,
    oneChanged10k: k10?.export.oneChanged.ms.median ?? null,
    exportToHugo: withHugo?.ratios.exportToHugo ?? null,
    exportToHugoCpu: withHugo?.ratios.exportToHugoCpu ?? null,
    exportToHugoPosts: withHugo?.posts ?? null,
    previewMs: entry.preview?.median ?? null,
    previewCpuMs: entry.preview?.cpuMedian ?? null,
    postsPerSecond: largest?.renderOnly.postsPerSecond.median ?? null,
  }
}

function historySection(rows: readonly HistoryRow[]): string {
  const s = (ms: number | null) => (ms === null ? '–' : `${seconds(ms)} s`)
  const cpu = (ms: number | null | undefined) => (ms == null ? '' : ` (CPU ${seconds(ms)} s)`)
  const body = rows.map((row) => [
    `\`${row.label}\``,
    row.date,
    `\`${row.commit}\``,
    s(row.fullExport1k),
    `${s(row.fullExport10k)}${cpu(row.fullExport10kCpu)}`,
    row.rss10k === null ? '–' : `${Math.round(row.rss10k)} MB`,
    s(row.noop10k),
    s(row.noopWarm10k ?? null),
    s(row.oneChanged10k),
    row.exportToHugo === null
      ? '–'
      : `${row.exportToHugo.toFixed(2)}${row.exportToHugoCpu == null ? '' : ` (CPU ${row.exportToHugoCpu.toFixed(2)})`}${row.exportToHugoPosts === 10_000 ? '' : ` at ${(row.exportToHugoPosts ?? 0).toLocaleString('en-US')} posts`}`,
    row.previewMs === null
      ? '–'
      : `${row.previewMs.toFixed(2)} ms${row.previewCpuMs == null ? '' : ` (CPU ${row.previewCpuMs.toFixed(2)})`}`,
    row.postsPerSecond === null ? '–' : Math.round(row.postsPerSecond).toLocaleString('en-US'),
  ])
  // JSON cannot hold "--" outside strings; inside them "\u002d" keeps the comment intact.
  const data = JSON.stringify(rows).replace(/--/g, '-\\u002d')
  return [
    '## Before/after',
    '',
    'Medians; peak RSS is the highest seen. `commit+hash`: uncommitted changes to the converter or exporter, identified by the hash of the measured code. Targets: full export 10k ≤ 10 s and ≤ 1 GB, no-op 10k ≤ 1.5 s, export/hugo ≤ 0.5, preview ≤ 5 ms.',
    '',
    table(
      [
        'label',
        'date',
        'commit',
        'full export 1k',
        'full export 10k',
        'peak RSS 10k',
        'no-op 10k, empty cache',
        'no-op 10k, warm cache',
        'one changed 10k',
        'export/hugo',
        'preview',
        'render posts/s',
      ],
      body,
    ),
    '',
    `<!-- bench:history-data ${data} -->`,
  ].join('\n')
}

function replaceRegion(
  text: string,
  [start, end]: readonly [string, string],
  content: string,
): string {
  const block = `${start}\n${content}\n${end}`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from === -1 || to === -1 || to < from) return `${text.trimEnd()}\n\n${block}\n`
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
}

/** Rewrites BENCHMARKS.md's generated regions; creates the file with its introduction if missing. */
export async function updateBenchmarksFile(
  file: string,
  results: ResultsFile,
  latest: Entry,
): Promise<void> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    text = INTRO
  }
  let rows: HistoryRow[] = []
  const match = HISTORY_DATA.exec(text)
  if (match?.[1] !== undefined) {
    try {
      rows = JSON.parse(match[1]) as HistoryRow[]
    } catch {
      rows = []
    }
  }
  for (const entry of results.entries) {
    const row = historyRow(entry)
    const index = rows.findIndex((old) => old.label === row.label)
    if (index === -1) rows.push(row)
    else rows[index] = row
  }
  text = replaceRegion(text, LATEST, latestSection(latest))
  text = replaceRegion(text, HISTORY, historySection(rows))
  await writeFile(file, text)
}
