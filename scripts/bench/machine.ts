import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readdir, readFile} from 'node:fs/promises'
import {availableParallelism, release, totalmem} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {hugoVersion} from './hugo.ts'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '..', '..')

export interface Machine {
  cpu: string
  cores: number
  memoryGb: number
  os: string
  /** File system of the directory the bench writes into. */
  fileSystem: string
  node: string
  hugo: string | null
}

export interface Revision {
  commit: string
  /** Uncommitted changes in the code being measured (converter, exporter). */
  dirty: boolean
  /**
   * Hash of the code (converter, exporter, their config): the snapshot that was
   * measured, and the working tree when the run ended. It identifies uncommitted
   * code, and shows when the tree moved on during the run.
   */
  sources: {measured: string; treeAtEnd: string}
}

const MEASURED = [
  'converter',
  'scripts/export',
  'scripts/lib',
  'scripts/export.ts',
  'scripts/export.mjs',
  'hugo-export.config.ts',
  'schemas/constants.ts',
]

async function filesUnder(root: string, path: string): Promise<string[]> {
  const full = join(root, path)
  try {
    const entries = await readdir(full, {recursive: true, withFileTypes: true})
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => join(entry.parentPath, entry.name))
  } catch {
    return [full]
  }
}

export async function sourcesHash(root = ROOT): Promise<string> {
  const hash = createHash('sha256')
  const files = (await Promise.all(MEASURED.map((path) => filesUnder(root, path)))).flat().sort()
  for (const file of files) {
    hash.update(`${file.slice(root.length)}\0`)
    try {
      hash.update(await readFile(file))
    } catch {
      hash.update('missing')
    }
  }
  return hash.digest('hex').slice(0, 12)
}

async function cpuModel(): Promise<string> {
  try {
    const text = await readFile('/proc/cpuinfo', 'utf8')
    return /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The mount that holds `dir`: the longest mount point that is a prefix of it. */
async function fileSystemOf(dir: string): Promise<string> {
  try {
    const mounts = (await readFile('/proc/mounts', 'utf8')).trim().split('\n')
    let best = {point: '', type: 'unknown'}
    for (const line of mounts) {
      const [, point, type] = line.split(' ')
      if (point === undefined || type === undefined) continue
      const inside = dir === point || dir.startsWith(point === '/' ? '/' : `${point}/`)
      if (inside && point.length > best.point.length) best = {point, type}
    }
    return best.type
  } catch {
    return 'unknown'
  }
}

export async function describeMachine(workDir: string): Promise<Machine> {
  return {
    cpu: await cpuModel(),
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `Linux ${release()}`,
    fileSystem: await fileSystemOf(workDir),
    node: process.version,
    hugo: await hugoVersion(),
  }
}

export async function revision(measured: string): Promise<Revision> {
  const sources = {measured, treeAtEnd: await sourcesHash()}
  try {
    const head = await run('git', ['rev-parse', '--short=12', 'HEAD'], {cwd: ROOT})
    const status = await run(
      'git',
      [
        'status',
        '--porcelain',
        '--',
        'converter',
        'scripts/export',
        'scripts/export.ts',
        'scripts/export.mjs',
        'scripts/lib',
      ],
      {cwd: ROOT},
    )
    return {commit: head.stdout.trim(), dirty: status.stdout.trim() !== '', sources}
  } catch {
    return {commit: 'unknown', dirty: true, sources}
  }
}
