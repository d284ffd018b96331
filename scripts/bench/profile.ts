import {readdir, readFile} from 'node:fs/promises'
import {join} from 'node:path'

/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and totals self time per function and
 * per file or package, and total (inclusive) time per function of the project:
 * where a slow run actually spends its time, and in which phase.
 */

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

interface Timed {
  ms: number
  share: number
}

export interface ProfileSummary {
  /** Profiles summed: the main thread and each worker thread. */
  threads: number
  totalMs: number
  functions: (Timed & {name: string; where: string})[]
  files: (Timed & {file: string})[]
  /** Project functions by time spent in them and everything they called. */
  inclusive: (Timed & {name: string; where: string})[]
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; project files relative to their root. */
function fileOf(url: string, roots: readonly string[]): string {
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]
  if (module !== undefined) return module
  for (const root of roots) if (url.startsWith(root)) return url.slice(root.length)
  return url === '' ? '(native)' : url
}

function isProject(url: string, roots: readonly string[]): boolean {
  return !url.includes('/node_modules/') && roots.some((root) => url.startsWith(root))
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName
  // Regular expressions show up as their whole source; a prefix is enough to recognise one.
  return name.length > 60 ? `${name.slice(0, 57)}...` : name
}

type Totals = Map<string, {name: string; where: string; ms: number}>

/** Adds one thread's profile to the running totals. */
function accumulate(
  profile: CpuProfile,
  roots: readonly string[],
  totals: {self: Totals; files: Map<string, number>; inclusive: Totals; ms: number},
): void {
  const selfUs = new Map<number, number>()
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  for (const node of profile.nodes) {
    const ms = (selfUs.get(node.id) ?? 0) / 1000
    if (ms === 0) continue
    totals.ms += ms
    const frame = node.callFrame
    const file = fileOf(frame.url, roots)
    const name = frameName(frame)
    const where = frame.url === '' ? '' : `${file}:${frame.lineNumber + 1}`
    const key = `${name}\0${where}`
    const entry = totals.self.get(key) ?? {name, where, ms: 0}
    entry.ms += ms
    totals.self.set(key, entry)
    totals.files.set(file, (totals.files.get(file) ?? 0) + ms)
  }

  // Inclusive time: each node's subtree, counted once per function even when it recurses.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []))
  const open = new Map<string, number>()
  const visit = (id: number): number => {
    const node = nodes.get(id)
    if (node === undefined) return 0
    const frame = node.callFrame
    const project = isProject(frame.url, roots)
    const where = `${fileOf(frame.url, roots)}:${frame.lineNumber + 1}`
    const key = `${frameName(frame)}\0${where}`
    if (project) open.set(key, (open.get(key) ?? 0) + 1)
    let us = selfUs.get(id) ?? 0
    for (const child of node.children ?? []) us += visit(child)
    if (project) {
      const depth = (open.get(key) ?? 1) - 1
      open.set(key, depth)
      if (depth === 0) {
        const entry = totals.inclusive.get(key) ?? {name: frameName(frame), where, ms: 0}
        entry.ms += us / 1000
        totals.inclusive.set(key, entry)
      }
    }
    return us
  }
  for (const node of profile.nodes) if (!childIds.has(node.id)) visit(node.id)
}

/**
 * Totals over one or more profiles: a run with worker threads writes one per
 * thread, and its CPU time is their sum. `roots` are the directories whose files
 * count as the project's (the working tree, and the bench's snapshot of it), as
 * `file://` URL prefixes ending in `/`.
 */
export function summarizeProfiles(
  profiles: readonly CpuProfile[],
  roots: readonly string[],
  top = 20,
): ProfileSummary {
  const totals = {self: new Map(), files: new Map<string, number>(), inclusive: new Map(), ms: 0}
  for (const profile of profiles) accumulate(profile, roots, totals)
  const share = (ms: number) => Math.round((1000 * ms) / totals.ms) / 10
  const rank = <T extends {ms: number}>(entries: Iterable<T>) =>
    [...entries]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top)
      .map((entry) => ({...entry, ms: Math.round(entry.ms), share: share(entry.ms)}))
  return {
    threads: profiles.length,
    totalMs: Math.round(totals.ms),
    functions: rank(totals.self.values()),
    files: rank([...totals.files].map(([file, ms]) => ({file, ms}))),
    inclusive: rank(totals.inclusive.values()),
  }
}

/** Every profile a `--cpu-prof-dir` run left behind (one per thread), summed. */
export async function readProfileDir(
  dir: string,
  roots: readonly string[],
  top = 20,
): Promise<ProfileSummary> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`)
  const profiles: CpuProfile[] = []
  for (const file of files)
    profiles.push(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile)
  return summarizeProfiles(profiles, roots, top)
}

export function formatProfile(title: string, summary: ProfileSummary, lines = 15): string {
  const row = (ms: number, share: number, text: string) =>
    `  ${String(ms).padStart(7)}  ${`${share}%`.padStart(6)}  ${text}`
  const threads = summary.threads === 1 ? '' : ` over ${summary.threads} threads`
  const out = [
    `${title}: ${summary.totalMs} ms sampled${threads}`,
    '  self ms   share  function (file:line)',
  ]
  for (const entry of summary.functions.slice(0, lines))
    out.push(row(entry.ms, entry.share, `${entry.name}${entry.where ? ` (${entry.where})` : ''}`))
  out.push('  by file or package (self):')
  for (const entry of summary.files.slice(0, 10)) out.push(row(entry.ms, entry.share, entry.file))
  out.push('  project functions, total time including callees:')
  for (const entry of summary.inclusive.slice(0, lines))
    out.push(row(entry.ms, entry.share, `${entry.name} (${entry.where})`))
  return out.join('\n')
}
