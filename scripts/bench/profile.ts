import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'

/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and totals self time per function and
 * per file or package: where a slow run actually spends its time.
 */

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  functions: {name: string; where: string; ms: number; share: number}[]
  files: {file: string; ms: number; share: number}[]
}

const ROOT = `file://${join(import.meta.dirname, '..', '..')}/`

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; project files relative to the root. */
function fileOf(url: string): string {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]
  if (module !== undefined) return module
  if (url.startsWith(ROOT)) return url.slice(ROOT.length)
  return url === '' ? '(native)' : url
}

export function summarizeProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  const byFunction = new Map<string, {name: string; where: string; ms: number}>()
  const byFile = new Map<string, number>()
  let totalMs = 0
  for (const node of profile.nodes) {
    const ms = (selfUs.get(node.id) ?? 0) / 1000
    if (ms === 0) continue
    totalMs += ms
    const frame = node.callFrame
    const file = fileOf(frame.url)
    const name = frame.functionName === '' ? '(anonymous)' : frame.functionName
    // Regular expressions show up as their whole source; a prefix is enough to recognise one.
    const shortName = name.length > 60 ? `${name.slice(0, 57)}...` : name
    const where = frame.url === '' ? '' : `${file}:${frame.lineNumber + 1}`
    const key = `${shortName}\0${where}`
    const entry = byFunction.get(key) ?? {name: shortName, where, ms: 0}
    entry.ms += ms
    byFunction.set(key, entry)
    byFile.set(file, (byFile.get(file) ?? 0) + ms)
  }
  const share = (ms: number) => Math.round((1000 * ms) / totalMs) / 10
  return {
    totalMs: Math.round(totalMs),
    functions: [...byFunction.values()]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((entry) => ({...entry, ms: Math.round(entry.ms), share: share(entry.ms)})),
    files: [...byFile]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([file, ms]) => ({file, ms: Math.round(ms), share: share(ms)})),
  }
}

/** The one profile a `--cpu-prof-dir` run left behind. */
export async function readProfileDir(dir: string): Promise<ProfileSummary> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()
  const last = files[files.length - 1]
  if (last === undefined) throw new Error(`no .cpuprofile in ${dir}`)
  return summarizeProfile(JSON.parse(await readFile(join(dir, last), 'utf8')) as CpuProfile)
}

export function formatProfile(title: string, summary: ProfileSummary, lines = 15): string {
  const out = [`${title}: ${summary.totalMs} ms sampled`, '  self ms   share  function (file:line)']
  for (const entry of summary.functions.slice(0, lines))
    out.push(
      `  ${String(entry.ms).padStart(7)}  ${`${entry.share}%`.padStart(6)}  ${entry.name}${entry.where ? ` (${entry.where})` : ''}`,
    )
  out.push('  by file or package:')
  for (const entry of summary.files.slice(0, 10))
    out.push(`  ${String(entry.ms).padStart(7)}  ${`${entry.share}%`.padStart(6)}  ${entry.file}`)
  return out.join('\n')
}
