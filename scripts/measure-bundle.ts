/**
 * How much the hugo-blog plugin adds to what the Studio loads before any view
 * opens. Builds the Studio twice into temporary directories, once as configured
 * and once with the configuration the Studio had before the plugin (the same
 * schema, code and table inputs, default structure), and compares the gzip
 * size of index.html's eager scripts, their static imports and stylesheets.
 *
 *   npx node scripts/measure-bundle.ts [--budget-kb 10] [--keep]
 *
 * Exits 1 when the plugin adds more than the budget.
 */
import {spawn} from 'node:child_process'
import {mkdir, mkdtemp, readdir, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {type EagerReport, measureEager} from './measure-bundle/eager.ts'

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)))

/** sanity.config.ts as it was before the plugin: the baseline the budget is measured against. */
const BASELINE_CONFIG = `import {codeInput} from '@sanity/code-input'
import {table} from '@sanity/table'
import {visionTool} from '@sanity/vision'
import {defineConfig, isDev} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from './schemas/index.ts'
import {studioEnv} from './studio-env.ts'

const {projectId, dataset, apiHost} = studioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
})
const devTools = isDev ? [visionTool()] : []

export default defineConfig({
  name: 'default',
  title: 'Hugo Blog Studio',
  projectId,
  dataset,
  ...(apiHost ? {apiHost} : {}),
  plugins: [structureTool(), codeInput(), table(), ...devTools],
  schema: {types: schemaTypes},
})
`

// Not linked into the baseline project: its own config, and outputs or caches
// that a build could otherwise write into the real tree.
const NOT_LINKED = new Set(['sanity.config.ts', '.git', '.sanity', 'dist', 'out', 'test-output'])

function build(projectDir: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['sanity', 'build', outDir, '--yes'], {
      cwd: projectDir,
      env: {...process.env, SANITY_TELEMETRY_DISABLED: '1'},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`sanity build in ${projectDir} exited with ${code}:\n${output}`))
    })
  })
}

async function baselineProject(dir: string): Promise<void> {
  await mkdir(dir, {recursive: true})
  for (const entry of await readdir(ROOT)) {
    if (!NOT_LINKED.has(entry)) await symlink(join(ROOT, entry), join(dir, entry))
  }
  await writeFile(join(dir, 'sanity.config.ts'), BASELINE_CONFIG)
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function summary(name: string, report: EagerReport): string {
  return `${name.padEnd(16)} ${String(report.files.length).padStart(3)} files  ${kb(report.bytes).padStart(10)} raw  ${kb(report.gzipBytes).padStart(9)} gzip`
}

const {values} = parseArgs({
  options: {
    'budget-kb': {type: 'string', default: '10'},
    keep: {type: 'boolean', default: false},
  },
})
const budgetKb = Number(values['budget-kb'])
if (!Number.isFinite(budgetKb) || budgetKb < 0)
  throw new Error(`--budget-kb must be a non-negative number, got "${values['budget-kb']}"`)

const work = await mkdtemp(join(tmpdir(), 'measure-bundle-'))
try {
  const withOut = join(work, 'with-plugin')
  const withoutOut = join(work, 'without-plugin')
  const baseline = join(work, 'baseline-project')
  await baselineProject(baseline)
  await build(ROOT, withOut)
  await build(baseline, withoutOut)
  const withPlugin = await measureEager(withOut)
  const withoutPlugin = await measureEager(withoutOut)
  const added = withPlugin.gzipBytes - withoutPlugin.gzipBytes

  console.log('Loaded before any view opens (index.html scripts, their static imports, CSS):')
  console.log(summary('without plugin', withoutPlugin))
  console.log(summary('with plugin', withPlugin))
  console.log(
    `plugin adds       ${kb(withPlugin.bytes - withoutPlugin.bytes).padStart(20)} raw  ${kb(added).padStart(9)} gzip (budget ${budgetKb} KB)`,
  )
  if (values.keep) console.log(`builds kept in ${work}`)
  if (added > budgetKb * 1024) {
    console.error(`Over budget: the plugin adds ${kb(added)} gzipped to the first load.`)
    process.exitCode = 1
  }
} finally {
  if (!values.keep) await rm(work, {recursive: true, force: true})
}
