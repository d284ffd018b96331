import {dirname, join, normalize, resolve, sep} from 'node:path'
import {ASSET_FILE_NAME, describeImage} from './imageFile.ts'
import type {ImageEntry} from './report.ts'

/**
 * Where an image a post refers to comes from, and how the dataset import gets
 * it. A file found on disk is copied next to the NDJSON under its asset-style
 * name and referenced as `image@file://./images/<name>`, which
 * `sanity dataset import` resolves against the NDJSON's folder. A name that is
 * already `<sha1>-<W>x<H>.<ext>` is an asset of this project (the exporter
 * writes images under those names) and is referenced by its asset id when the
 * file itself is not at hand. An image on another site, or one whose file is
 * not found, is kept as its address, which the export writes back as it was.
 */

export interface ImageEnvironment {
  /** The post's own file. */
  postFile: string
  /** The Hugo site root (holding static/ and content/), when known. */
  siteRoot: string | undefined
  baseURL: string
  readFile: (path: string) => Uint8Array | undefined
}

export interface ResolvedImage {
  /** The fields to spread into an image value, or undefined when the image cannot be imported. */
  value: Record<string, unknown> | undefined
  entry: ImageEntry
  /** A file to copy to `images/<fileName>` beside the NDJSON. */
  copy?: {from: string; fileName: string}
}

export function resolveImage(src: string, line: number, env: ImageEnvironment): ResolvedImage {
  const address = src.trim().replace(/^<(.*)>$/, '$1')
  const missing = (why: string): ResolvedImage => ({
    value: undefined,
    entry: {line, src, resolution: 'missing', asset: why},
  })
  if (/^data:/i.test(address)) return missing('embedded data addresses are not imported')
  const isWeb = /^https?:\/\//i.test(address)
  const base = env.baseURL.replace(/\/$/, '')
  const onThisSite = isWeb && address.startsWith(`${base}/`)
  if (isWeb && !onThisSite) {
    const name = fileNameOf(address)
    if (name && ASSET_FILE_NAME.test(name)) return assetRef(src, line, name)
    // An image the post shows from another site stays there: the export writes its address back.
    return {value: undefined, entry: {line, src, resolution: 'remote'}}
  }
  for (const candidate of candidates(address, onThisSite, base, env)) {
    const bytes = env.readFile(candidate)
    if (!bytes) continue
    const info = describeImage(bytes)
    if (!info) return missing(`${candidate} is not a PNG, JPEG, GIF or WebP image`)
    const asset = `image@file://./images/${info.fileName}`
    return {
      value: {_sanityAsset: asset},
      entry: {line, src, resolution: 'file', file: candidate, asset},
      copy: {from: candidate, fileName: info.fileName},
    }
  }
  const name = fileNameOf(address)
  if (name && ASSET_FILE_NAME.test(name)) return assetRef(src, line, name)
  return missing('no such file')
}

function assetRef(src: string, line: number, name: string): ResolvedImage {
  const match = ASSET_FILE_NAME.exec(name)
  const ref = `image-${match?.[1]}-${match?.[2]}x${match?.[3]}-${match?.[4]}`
  return {
    value: {asset: {_type: 'reference', _ref: ref}},
    entry: {line, src, resolution: 'asset', asset: ref},
  }
}

function fileNameOf(address: string): string | undefined {
  const path = address.replace(/[?#].*$/, '')
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name === '' ? undefined : safeDecode(name)
}

/** Files that the address can mean, most specific first; never outside the site or the post's folder. */
function candidates(
  address: string,
  onThisSite: boolean,
  base: string,
  env: ImageEnvironment,
): string[] {
  const path = safeDecode(address.replace(/[?#].*$/, ''))
  const out: string[] = []
  const within = (root: string, relative: string) => {
    const full = resolve(root, `.${sep}${normalize(relative).replace(/^([/\\])+/, '')}`)
    if (full === resolve(root) || full.startsWith(resolve(root) + sep)) out.push(full)
  }
  const basePath = new URL(`${base}/`).pathname
  if (onThisSite || path.startsWith('/')) {
    let sitePath = onThisSite ? path.slice(base.length) : path
    // Links may carry the site's sub-path (/blogs/images/x.png) or not (/images/x.png).
    if (sitePath.startsWith(basePath)) sitePath = sitePath.slice(basePath.length - 1)
    if (env.siteRoot) {
      within(join(env.siteRoot, 'static'), sitePath)
      within(join(env.siteRoot, 'content'), sitePath)
    }
  } else {
    within(dirname(env.postFile), path)
    if (env.siteRoot) within(join(env.siteRoot, 'static'), path)
  }
  return out
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
