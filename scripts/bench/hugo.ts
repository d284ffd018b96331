import {access, mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {type ProcessSeries, processSeries, rssText} from './export-runs.ts'
import {measure, tail} from './process.ts'
import type {RunLimits} from './stats.ts'
import {repeat} from './stats.ts'
import {discardLater} from './trash.ts'

export const HUGO = '/usr/bin/hugo'

/**
 * The baseline the export is held to: the real Hugo building the exported site.
 * The layouts are the smallest that render every page's content, so the time is
 * Hugo's own work (reading, Goldmark, highlighting code, writing, copying static
 * images) and not a theme's. The markup settings are the blog's own.
 */
const SITE_FILES: Record<string, string> = {
  'hugo.yaml': `baseURL: https://ariondas.github.io/blogs/
title: Benchmark
markup:
  goldmark:
    renderer:
      unsafe: true
  highlight:
    noClasses: false
`,
  'layouts/_default/baseof.html': `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>{{ block "main" . }}{{ end }}</body></html>
`,
  'layouts/_default/single.html': `{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}
`,
  'layouts/_default/list.html': `{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

export interface HugoResults extends ProcessSeries {
  /** Post pages Hugo wrote (checked against the number of posts). */
  pages: number
}

/**
 * Hugo 0.111 holds every page in memory (about 1.4 MB per post here), and the
 * machine may be shared: a build is skipped when it would not fit comfortably,
 * and killed if the machine runs low while it runs.
 */
const MIN_AVAILABLE_MB = 3072
const FIT_SHARE = 0.85

export class HugoSkipped extends Error {
  override name = 'HugoSkipped'
}

/** MemAvailable from /proc/meminfo, in MiB; undefined where there is none. */
export async function availableMemoryMb(): Promise<number | undefined> {
  try {
    const text = await readFile('/proc/meminfo', 'utf8')
    const kb = Number(/^MemAvailable:\s+(\d+) kB$/m.exec(text)?.[1])
    return Number.isFinite(kb) ? kb / 1024 : undefined
  } catch {
    return undefined
  }
}

export async function hugoAvailable(): Promise<boolean> {
  try {
    await access(HUGO)
    return true
  } catch {
    return false
  }
}

export async function hugoVersion(): Promise<string | null> {
  if (!(await hugoAvailable())) return null
  const result = await measure(HUGO, ['version'], {scratchDir: '/tmp'})
  return result.stdout.trim().split('\n')[0] ?? null
}

/** Adds the minimal theme to an exported blog dir (files the exporter never owns). */
export async function prepareSite(blogDir: string): Promise<void> {
  for (const [path, text] of Object.entries(SITE_FILES)) {
    await mkdir(join(blogDir, path, '..'), {recursive: true})
    await writeFile(join(blogDir, path), text)
  }
}

export async function hugoBuilds(
  blogDir: string,
  posts: number,
  workDir: string,
  limits: RunLimits,
  log: (line: string) => void,
  /** Peak RSS expected from a smaller size's build, scaled to this one. */
  expectedRssMb?: number,
): Promise<HugoResults> {
  const available = await availableMemoryMb()
  if (
    expectedRssMb !== undefined &&
    available !== undefined &&
    expectedRssMb > available * FIT_SHARE
  )
    throw new HugoSkipped(
      `hugo would need about ${(expectedRssMb / 1024).toFixed(1)} GB (scaled from a smaller build) and ${(available / 1024).toFixed(1)} GB is available`,
    )
  await prepareSite(blogDir)
  const cacheDir = join(workDir, 'hugo-cache')
  let pages = 0
  const runs = await repeat(limits, async (index) => {
    const publicDir = await mkdtemp(join(workDir, 'hugo-public-'))
    const watchdog = new AbortController()
    let lowMemory: number | undefined
    const timer = setInterval(async () => {
      const now = await availableMemoryMb()
      if (now !== undefined && now < MIN_AVAILABLE_MB && !watchdog.signal.aborted) {
        lowMemory = now
        watchdog.abort()
      }
    }, 500)
    try {
      const result = await measure(
        HUGO,
        [
          '--source',
          blogDir,
          '--destination',
          publicDir,
          '--cacheDir',
          cacheDir,
          '--quiet',
          '--noBuildLock',
        ],
        {scratchDir: workDir, signal: watchdog.signal},
      )
      if (lowMemory !== undefined)
        throw new HugoSkipped(
          `hugo was stopped when the machine had ${Math.round(lowMemory)} MB of memory left`,
        )
      if (result.exitCode !== 0)
        throw new Error(`hugo exited ${result.exitCode}:\n${tail(result.stderr || result.stdout)}`)
      pages = (await readdir(join(publicDir, 'posts'), {withFileTypes: true})).filter((entry) =>
        entry.isDirectory(),
      ).length
      if (pages !== posts) throw new Error(`hugo wrote ${pages} post pages for ${posts} posts`)
      log(`  hugo build #${index + 1}: ${(result.ms / 1000).toFixed(2)} s${rssText(result)}`)
      return result
    } finally {
      clearInterval(timer)
      discardLater(publicDir)
    }
  })
  return {...processSeries(runs), pages}
}
