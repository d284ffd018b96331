import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'

/**
 * Relative specifiers of a built chunk's static imports and re-exports. Dynamic
 * `import("…")` calls are lazy and deliberately not matched: what they load is
 * not part of the first load.
 */
export function staticImports(code: string): string[] {
  const found = new Set<string>()
  const pattern =
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g
  for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1])
  return [...found]
}

/** Assets index.html loads up front: module scripts, module preloads and stylesheets. */
export function htmlAssets(html: string): {scripts: string[]; styles: string[]} {
  const scripts: string[] = []
  const styles: string[] = []
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1]
    // Absolute URLs (the hosting bridge script) are the same with or without the plugin.
    if (url === undefined || !url.startsWith('/')) continue
    if (tag.startsWith('<script') && /\btype="module"/.test(tag)) scripts.push(url)
    else if (/\brel="modulepreload"/.test(tag)) scripts.push(url)
    else if (/\brel="stylesheet"/.test(tag)) styles.push(url)
  }
  return {scripts, styles}
}

export interface EagerFile {
  /** Path relative to the build directory, e.g. `static/sanity-abc.js`. */
  file: string
  bytes: number
  gzipBytes: number
}

export interface EagerReport {
  files: EagerFile[]
  bytes: number
  gzipBytes: number
}

/**
 * Everything a browser fetches before the Studio can render: index.html's
 * scripts and stylesheets plus the closure of the scripts' static imports.
 * Sizes are gzip at zlib's default level, as a static host would serve them.
 */
export async function measureEager(distDir: string): Promise<EagerReport> {
  const html = await readFile(join(distDir, 'index.html'), 'utf8')
  const {scripts, styles} = htmlAssets(html)
  const seen = new Set<string>()
  const queue = scripts.map((url) => url.replace(/^\//, ''))
  const files: EagerFile[] = []
  const add = (file: string, content: Buffer) =>
    files.push({file, bytes: content.length, gzipBytes: gzipSync(content).length})

  while (queue.length > 0) {
    const file = queue.shift()
    if (file === undefined || seen.has(file)) continue
    seen.add(file)
    const content = await readFile(join(distDir, file))
    add(file, content)
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''
    for (const specifier of staticImports(content.toString('utf8'))) {
      queue.push(join(dir, specifier))
    }
  }
  for (const url of styles) {
    const file = url.replace(/^\//, '')
    add(file, await readFile(join(distDir, file)))
  }
  files.sort((a, b) => a.file.localeCompare(b.file))
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  }
}
