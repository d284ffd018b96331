import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {copyFile, mkdir, stat} from 'node:fs/promises'
import {dirname, join, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {SiteConfig} from '../../converter/config.ts'
import {DEFAULT_CONFIG_FILE, loadConfigFile} from '../export/config.ts'
import {syncDirectories, writeFileAtomic} from '../lib/atomic.ts'
import {ImportError} from './errors.ts'
import {importPost} from './post.ts'
import {type FileReport, formatReport, type RunReport} from './report.ts'
import {MAX_SOURCE_BYTES} from './source.ts'

export const EXIT = {ok: 0, files: 1, usage: 2} as const

export const HELP = `Usage: npm run import -- <file.md|dir>... --out <file.ndjson> [options]

Imports Hugo posts (YAML or TOML front matter) as Sanity documents, one NDJSON
line each, ready for \`sanity dataset import\`: a post written from one of the
blog's archetypes (most of its ## sections are the archetype's) as that type
(systemDesignPost, modelFamilyPost, topicKnowledgePost), any other as a generic post with its text
as written. Folders
are searched for .md files (Hugo's _index.md list pages are skipped).

  --out <file>       the NDJSON to write; local images are copied to images/ beside it
  --dry-run          read and map everything, print the report, write nothing
  --report <file>    also write the report as JSON
  --site <dir>       Hugo site root, to find images under static/ (default: the nearest
                     folder above each post holding hugo.yaml/.toml/.json or config.*)
  --config <path>    site options such as baseURL (default: hugo-export.config.ts)
  -h, --help         show this help

Load the result with:
  npx sanity dataset import <file.ndjson> <dataset> --replace

Exit codes: 0 all imported, 1 some files failed (the others are written), 2 usage error.
`

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  cwd: string
}

interface Options {
  inputs: string[]
  out: string | undefined
  dryRun: boolean
  report: string | undefined
  site: string | undefined
  config: string | undefined
}

class UsageError extends Error {}

function parseRaw(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      out: {type: 'string'},
      'dry-run': {type: 'boolean'},
      report: {type: 'string'},
      site: {type: 'string'},
      config: {type: 'string'},
      help: {type: 'boolean', short: 'h'},
    },
  })
}

function parse(argv: readonly string[]): Options | 'help' {
  let parsed: ReturnType<typeof parseRaw>
  try {
    parsed = parseRaw(argv)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const {values, positionals} = parsed
  if (values.help) return 'help'
  for (const name of ['out', 'report', 'site', 'config'] as const)
    if (values[name] !== undefined && values[name].trim() === '')
      throw new UsageError(`--${name} needs a value`)
  if (positionals.length === 0) throw new UsageError('give at least one post file or folder')
  const dryRun = values['dry-run'] ?? false
  if (!dryRun && values.out === undefined)
    throw new UsageError('--out <file.ndjson> is required (or use --dry-run)')
  if (values.out !== undefined && !values.out.endsWith('.ndjson'))
    throw new UsageError(`--out must name an .ndjson file, got "${values.out}"`)
  return {
    inputs: positionals,
    out: values.out,
    dryRun,
    report: values.report,
    site: values.site,
    config: values.config,
  }
}

const SITE_CONFIG_FILES = ['hugo.yaml', 'hugo.yml', 'hugo.toml', 'hugo.json']
const LEGACY_CONFIG_FILES = ['config.yaml', 'config.yml', 'config.toml', 'config.json']

/** The nearest folder above the post that holds a Hugo site configuration. */
function findSiteRoot(file: string): string | undefined {
  let dir = dirname(file)
  for (;;) {
    if ([...SITE_CONFIG_FILES, ...LEGACY_CONFIG_FILES].some((name) => existsSync(join(dir, name))))
      return dir
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Post files under the inputs, in a stable order; missing paths become failures. */
function collect(inputs: readonly string[], cwd: string, failures: FileReport[]): string[] {
  const files: string[] = []
  for (const input of inputs) {
    const path = resolve(cwd, input)
    let isDirectory: boolean
    try {
      isDirectory = statSync(path).isDirectory()
    } catch {
      failures.push(failed(input, new ImportError(input, 'no such file or folder')))
      continue
    }
    if (!isDirectory) {
      files.push(path)
      continue
    }
    const found = readdirSync(path, {recursive: true, encoding: 'utf8'})
      .filter((name) => /\.(md|markdown)$/i.test(name) && !/(^|[/\\])_index\.[^/\\]+$/.test(name))
      .map((name) => join(path, name))
      .sort()
    files.push(...found)
  }
  return files
}

function failed(file: string, error: unknown): FileReport {
  const message =
    error instanceof ImportError
      ? error.message
      : `${file}: unexpected error (please report it): ${error instanceof Error ? error.message : String(error)}`
  return {file, status: 'failed', error: message, entries: [], images: []}
}

export async function runImport(argv: readonly string[], io: CliIo): Promise<number> {
  let options: Options | 'help'
  try {
    options = parse(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`import: ${error.message}\n\n${HELP}`)
    return EXIT.usage
  }
  if (options === 'help') {
    io.stdout(HELP)
    return EXIT.ok
  }
  let site: SiteConfig
  try {
    const configFile =
      options.config === undefined ? DEFAULT_CONFIG_FILE : resolve(io.cwd, options.config)
    site = (await loadConfigFile(configFile)).site
  } catch (error) {
    io.stderr(`import: ${(error as Error).message}\n`)
    return EXIT.usage
  }
  const siteOverride = options.site === undefined ? undefined : resolve(io.cwd, options.site)
  if (siteOverride !== undefined && !existsSync(siteOverride)) {
    io.stderr(`import: --site ${options.site}: no such folder\n`)
    return EXIT.usage
  }

  const reports: FileReport[] = []
  const files = collect(options.inputs, io.cwd, reports)
  const documents: string[] = []
  const copies = new Map<string, string>()
  const owners = new Map<string, string>()
  for (const file of files) {
    const shown = relative(io.cwd, file) || file
    try {
      const size = (await stat(file)).size
      if (size > MAX_SOURCE_BYTES) {
        // Refused before reading, so a huge file costs no memory.
        const mib = (size / (1024 * 1024)).toFixed(1)
        throw new ImportError(
          shown,
          `file is ${mib} MiB, larger than the ${MAX_SOURCE_BYTES / (1024 * 1024)} MiB a post may be; is it really a markdown post?`,
        )
      }
      const imported = importPost(shown, readFileSync(file), {
        site,
        location: file,
        siteRoot: siteOverride ?? findSiteRoot(file),
        readFile: (path) =>
          existsSync(path) && statSync(path).isFile() ? readFileSync(path) : undefined,
      })
      const id = String(imported.document['_id'])
      const owner = owners.get(id)
      if (owner !== undefined)
        throw new ImportError(
          shown,
          `has the same slug "${imported.report.slug}" as ${owner}; each post needs its own slug`,
        )
      owners.set(id, shown)
      documents.push(JSON.stringify(imported.document))
      for (const copy of imported.copies) copies.set(copy.fileName, copy.from)
      reports.push(imported.report)
    } catch (error) {
      reports.push(failed(shown, error))
    }
  }

  const out = options.out === undefined ? undefined : resolve(io.cwd, options.out)
  const run: RunReport = {
    files: reports,
    dryRun: options.dryRun,
    ...(out === undefined ? {} : {output: relative(io.cwd, out) || out}),
  }
  if (!options.dryRun && out !== undefined && documents.length > 0) {
    // Images first, so the NDJSON never names a file that is not there yet.
    const imageDir = join(dirname(out), 'images')
    if (copies.size > 0) await mkdir(imageDir, {recursive: true})
    for (const [fileName, from] of [...copies].sort(([a], [b]) => a.localeCompare(b))) {
      const target = join(imageDir, fileName)
      // Names are content hashes: an existing file already holds these bytes.
      if (!existsSync(target)) await copyFile(from, target)
    }
    await mkdir(dirname(out), {recursive: true})
    writeFileAtomic(out, `${documents.join('\n')}\n`)
    await syncDirectories([dirname(out), ...(copies.size > 0 ? [imageDir] : [])])
  }
  if (options.report !== undefined) {
    const reportFile = resolve(io.cwd, options.report)
    await mkdir(dirname(reportFile), {recursive: true})
    writeFileAtomic(reportFile, `${JSON.stringify(run, null, 2)}\n`)
  }
  const text = formatReport(run)
  io.stdout(text)
  for (const report of reports)
    if (report.status === 'failed') io.stderr(`import: ${report.error}\n`)
  return reports.some((report) => report.status === 'failed') ? EXIT.files : EXIT.ok
}
