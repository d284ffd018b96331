import {parseArgs} from 'node:util'

export const HELP = `Usage: npm run bench -- [options]

Generates synthetic datasets (.bench/datasets/), measures the export CLI, render-only
throughput, the Studio preview render, the I/O floor and hugo, and writes
.bench/results.json and the generated sections of BENCHMARKS.md.

  --sizes <list>     dataset sizes in posts (default 100,1000,10000)
  --runs <n>         runs per measure, at most (default 5)
  --budget <s>       no new run of a measure starts after this many seconds (default 30)
  --label <name>     row of the Before/after table to write (default: "before" for
                     the first recorded run, then "latest"); a rerun updates it
  --quick            sizes 100,1000 and 3 runs (other flags still apply)
  --profile          also profile one full, no-op and one-change export per size
                     (node --cpu-prof) and print the top self-time functions
  --hugo-max <n>     build with hugo only up to this many posts (default 1000: at
                     10,000 posts hugo 0.111 takes minutes and about 15 GB)
  --seed <n>         generator seed (default 20261127)
  --keep             keep the blog dirs under .bench/work/
  --report           only rewrite BENCHMARKS.md from .bench/results.json (the
                     --label entry, or the latest one)
  -h, --help         show this help
`

export interface BenchOptions {
  help: boolean
  sizes: number[]
  runs: number
  budgetSeconds: number
  label: string | undefined
  profile: boolean
  seed: number
  keep: boolean
  hugoMax: number
  reportOnly: boolean
}

const DEFAULT_SIZES = [100, 1000, 10_000]
const QUICK_SIZES = [100, 1000]

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a whole number of at least 1, got "${value}"`)
  return parsed
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const {values, positionals} = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      help: {type: 'boolean', short: 'h'},
      sizes: {type: 'string'},
      runs: {type: 'string'},
      budget: {type: 'string'},
      label: {type: 'string'},
      quick: {type: 'boolean'},
      profile: {type: 'boolean'},
      seed: {type: 'string'},
      keep: {type: 'boolean'},
      'hugo-max': {type: 'string'},
      report: {type: 'boolean'},
    },
  })
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`)
  const quick = values.quick ?? false
  const sizes =
    values.sizes === undefined
      ? quick
        ? QUICK_SIZES
        : DEFAULT_SIZES
      : values.sizes.split(',').map((size) => positiveInteger('sizes', size.trim()))
  const label = values.label?.trim()
  if (label !== undefined && !/^[\w.-]+$/.test(label))
    throw new Error(`--label must be letters, digits, "-", "_" or ".", got "${label}"`)
  return {
    help: values.help ?? false,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    runs: values.runs === undefined ? (quick ? 3 : 5) : positiveInteger('runs', values.runs),
    budgetSeconds: values.budget === undefined ? 30 : positiveInteger('budget', values.budget),
    label,
    profile: values.profile ?? false,
    seed: values.seed === undefined ? 20261127 : positiveInteger('seed', values.seed),
    keep: values.keep ?? false,
    hugoMax:
      values['hugo-max'] === undefined ? 1000 : positiveInteger('hugo-max', values['hugo-max']),
    reportOnly: values.report ?? false,
  }
}
