import {parseArgs} from 'node:util'
import type {OutputLayout} from '../../converter/config.ts'

export const EXIT = {
  ok: 0,
  /** Some documents failed, a conflict was found, or `--check` saw changes. */
  documents: 1,
  usage: 2,
  /** The source could not be read: network, authentication, malformed data. */
  source: 3,
  /** The commit or push failed. */
  git: 4,
  /** Another export holds the blog dir's lock. */
  locked: 5,
  /** A file could not be written: the disk is full, read-only, or not ours to write. */
  disk: 6,
  /** --verify: posts broke the Hugo build and were held back; the rest was exported. */
  build: 7,
  /** --verify: the site does not build even without the run's changes; nothing was written. */
  site: 8,
  /** A bug: an error the exporter did not expect. */
  internal: 70,
} as const

export const HELP = `Usage: npm run export -- [options]

Exports published posts from Sanity into a Hugo site as markdown, incrementally:
only documents that changed are rendered, and only files the exporter wrote
(listed in <blog>/.sanity-export.json) are ever changed or deleted.

Source and target (defaults come from hugo-export.config.ts):
  --source <path|live>   dataset file (.ndjson, or .tar.gz from \`sanity dataset export\`,
                         with or without --raw), or "live" for the Content Lake
  --blog <dir>           Hugo site root to write into (created when missing)
  --layout file|bundle   file: content/posts/<slug>.md + static/images/<slug>/
                         bundle: content/posts/<slug>/index.md with its images
  --config <path>        config file (default: hugo-export.config.ts)

Live source:
  --project <id>         project id (default: env SANITY_STUDIO_PROJECT_ID)
  --dataset <name>       dataset (default: env SANITY_STUDIO_DATASET, else the config's)
  --api-host <url>       API host instead of https://<project>.api.sanity.io
  --asset-host <url>     image host instead of https://cdn.sanity.io (default: --api-host)
  --timeout <seconds>    per-request timeout (default 30)
  --retries <n>          retries after a failed request (default 3)

What to do:
  --only <id|slug>       export (or delete) one document only
  --dry-run              print the summary and a unified diff; write nothing
  --check                write nothing; exit 1 when anything would change (for CI)
  --force                overwrite files edited by hand since the last export
  --commit               commit the changed posts and the manifest in the blog repo,
                         running its pre-commit and commit-msg hooks
  --no-hooks             commit without running those hooks
  --push                 commit, then push (fetch and rebase when rejected; never force)
  --json                 print the summary as JSON on stdout
  --verify               build the site with Hugo before writing anything (the blog's
                         deploy command, \`hugo --gc --minify\`, with posts scheduled for
                         later, in a scratch copy): a post that makes the build fail or
                         warn is held back, with its field
  --hugo <path>          the Hugo to build with (default: env HUGO, else hugo on PATH)
  -h, --help             show this help

Environment:
  SANITY_API_READ_TOKEN  read token for --source live (never printed)
  BLOG_PUSH_TOKEN, GITHUB_TOKEN
                         token for --push over HTTPS (the first one set), given to git
                         through a credential helper for that one command (never
                         stored in .git/config)
  SANITY_STUDIO_PROJECT_ID, SANITY_STUDIO_DATASET
                         project and dataset for --source live
  SANITY_EXPORT_CACHE_DIR
                         where to keep the speed-up cache (default ~/.cache/hugo-blog-export)
  SANITY_EXPORT_WORKERS  render threads for big exports (default: one per core; 0 or 1: none)
  SANITY_EXPORT_RETRY_BASE_MS
                         first pause between retries (default 500; doubled each time)
  SANITY_EXPORT_AUTHOR_NAME, SANITY_EXPORT_AUTHOR_EMAIL
                         commit author (default: the config's commitAuthor)
  HUGO                   the Hugo binary for --verify, when --hugo is not given

Exit codes:
  0  done (or nothing to do)
  1  some documents failed or conflict, or --check found changes
  2  usage or configuration error
  3  the source could not be read (network, authentication, malformed data)
  4  the commit or push failed
  5  another export is running on the same blog dir
  6  a file could not be written (disk full, read-only, no permission);
     the next run, once that is fixed, picks up where this one stopped
  7  --verify: some posts break the Hugo build (or make it warn); they were held
     back, not written, committed or pushed, and the rest was exported
  8  --verify: the site does not build with this Hugo even without the run's
     changes (the Hugo version, the theme or the site's config; no post's fault);
     nothing was written, committed or pushed
  70 unexpected internal error (a bug; the message says where)
`

export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CliOptions {
  help: boolean
  source?: string
  blog?: string
  layout?: OutputLayout
  config?: string
  project?: string
  dataset?: string
  apiHost?: string
  assetHost?: string
  timeoutMs?: number
  retries?: number
  only?: string
  dryRun: boolean
  check: boolean
  force: boolean
  commit: boolean
  /** Run the blog repo's commit hooks (false with --no-hooks). */
  hooks: boolean
  push: boolean
  json: boolean
  /** --verify: build the site with Hugo before writing. */
  buildCheck: boolean
  hugo?: string
}

export function parseCli(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const {values, positionals} = parsed
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}" (options start with --)`)
  const options: CliOptions = {
    help: values.help ?? false,
    dryRun: values['dry-run'] ?? false,
    check: values.check ?? false,
    force: values.force ?? false,
    commit: (values.commit ?? false) || (values.push ?? false),
    hooks: !(values['no-hooks'] ?? false),
    push: values.push ?? false,
    json: values.json ?? false,
    buildCheck: values.verify ?? false,
  }
  const text = (name: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined
    if (value.trim() === '') throw new UsageError(`--${name} needs a value`)
    return value
  }
  const set = <K extends keyof CliOptions>(key: K, value: CliOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value
  }
  set('source', text('source', values.source))
  set('blog', text('blog', values.blog))
  set('config', text('config', values.config))
  set('project', text('project', values.project))
  set('dataset', text('dataset', values.dataset))
  set('apiHost', url('api-host', text('api-host', values['api-host'])))
  set('assetHost', url('asset-host', text('asset-host', values['asset-host'])))
  set('only', text('only', values.only))
  set('hugo', text('hugo', values.hugo))
  if (options.hugo !== undefined && !options.buildCheck)
    throw new UsageError('--hugo names the Hugo for --verify; add --verify')
  const layout = text('layout', values.layout)
  if (layout !== undefined) {
    if (layout !== 'file' && layout !== 'bundle')
      throw new UsageError(`--layout must be "file" or "bundle", got "${layout}"`)
    options.layout = layout
  }
  const timeout = number('timeout', text('timeout', values.timeout), 0.001)
  if (timeout !== undefined) options.timeoutMs = Math.round(timeout * 1000)
  set('retries', number('retries', text('retries', values.retries), 0, true))
  if (options.commit && (options.dryRun || options.check))
    throw new UsageError('--commit and --push cannot be combined with --dry-run or --check')
  return options
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      help: {type: 'boolean', short: 'h'},
      source: {type: 'string'},
      blog: {type: 'string'},
      layout: {type: 'string'},
      config: {type: 'string'},
      project: {type: 'string'},
      dataset: {type: 'string'},
      'api-host': {type: 'string'},
      'asset-host': {type: 'string'},
      timeout: {type: 'string'},
      retries: {type: 'string'},
      only: {type: 'string'},
      'dry-run': {type: 'boolean'},
      check: {type: 'boolean'},
      force: {type: 'boolean'},
      commit: {type: 'boolean'},
      'no-hooks': {type: 'boolean'},
      push: {type: 'boolean'},
      json: {type: 'boolean'},
      verify: {type: 'boolean'},
      hugo: {type: 'string'},
    },
  })
}

function url(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let parsed: URL
  try {
    parsed = new URL(value)
  } catch {
    throw new UsageError(`--${name} must be a URL such as http://127.0.0.1:3333, got "${value}"`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new UsageError(`--${name} must use http or https, got "${value}"`)
  return value.replace(/\/+$/, '')
}

function number(
  name: string,
  value: string | undefined,
  min: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < min || (integer && !Number.isInteger(parsed)))
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} of at least ${min}, got "${value}"`,
    )
  return parsed
}
