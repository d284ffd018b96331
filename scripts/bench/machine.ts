import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
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

export async function revision(): Promise<Revision> {
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
        'scripts/lib',
      ],
      {cwd: ROOT},
    )
    return {commit: head.stdout.trim(), dirty: status.stdout.trim() !== ''}
  } catch {
    return {commit: 'unknown', dirty: true}
  }
}
