import {readdir, readFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import type {SiteConfig} from '../../converter/config.ts'
// Types only, erased when the module loads: the converter itself loads on demand.
import type {InputFacts, RenderOptions} from '../../converter/index.ts'
import type {PathSegment, RenderResult} from '../../converter/types.ts'
import {sha256} from '../lib/hash.ts'

export type {InputFacts, RenderOptions}
export type RenderFunction = (
  doc: unknown,
  options: RenderOptions,
  facts?: InputFacts,
) => RenderResult

/** The part of the converter the exporter uses, loaded only when something must be rendered. */
export interface Converter {
  renderPost: RenderFunction
  SUPPORTED_TYPES: readonly string[]
}

/** What a converter `RenderError` carries; checked structurally so a test can inject its own. */
export interface RenderFailure {
  documentId: string
  path: PathSegment[]
  pathString: string
  message: string
}

export function asRenderFailure(error: unknown): RenderFailure | undefined {
  if (!(error instanceof Error)) return undefined
  const record = error as Error & Record<string, unknown>
  if (typeof record['pathString'] !== 'string' || !Array.isArray(record['path'])) return undefined
  const documentId = typeof record['documentId'] === 'string' ? record['documentId'] : ''
  const pathString = record['pathString']
  // The converter's message starts with the id and path, which reports show apart.
  const prefix = `${documentId || '(no id)'}${pathString ? ` at ${pathString}` : ''}: `
  const message = error.message.startsWith(prefix)
    ? error.message.slice(prefix.length)
    : error.message
  return {documentId, path: record['path'] as PathSegment[], pathString, message}
}

export async function loadConverter(): Promise<Converter> {
  const module = await import('../../converter/index.ts')
  return {renderPost: module.renderPost, SUPPORTED_TYPES: module.SUPPORTED_TYPES}
}

/**
 * The document types to query. The converter's `SUPPORTED_TYPES` says the same, but
 * loading the converter (and its markdown libraries) costs more than a whole no-op
 * run should; a test keeps the two lists equal.
 */
export const EXPORTED_TYPES: readonly string[] = [
  'systemDesignPost',
  'modelFamilyPost',
  'topicKnowledgePost',
  'post',
]

const PROJECT_ROOT = join(import.meta.dirname, '..', '..')

/**
 * Identifies what a file was rendered with: the site options plus the converter's
 * source and the versions of the libraries it renders with. When any of them
 * changes, every post is rendered again (and rewritten only where the output differs).
 * It reads no installed package, so a check that runs before anything is installed
 * (scripts/ci/anything-to-do.ts) computes the same fingerprint.
 */
export async function optionsFingerprint(site: SiteConfig): Promise<string> {
  const parts: string[] = [canonicalJson(site)]
  for (const file of await converterSources()) {
    parts.push(relative(PROJECT_ROOT, file), await readFile(file, 'utf8'))
  }
  const lock = await readFile(join(PROJECT_ROOT, 'package-lock.json')).catch(() => Buffer.alloc(0))
  for (const name of ['@portabletext/markdown', 'yaml']) {
    parts.push(name, lockedVersion(lock, name))
  }
  return sha256(parts.join('\0')).slice(0, 16)
}

async function converterSources(): Promise<string[]> {
  const files: string[] = []
  const converterDir = join(PROJECT_ROOT, 'converter')
  for (const entry of await readdir(converterDir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile() && entry.name.endsWith('.ts')) files.push(join(entry.parentPath, entry.name))
  }
  // The switches' defaults live with the schema but shape every post's front matter.
  files.push(join(PROJECT_ROOT, 'schemas', 'constants.ts'))
  return files.sort()
}

/**
 * The version package-lock.json pins for a top-level package: what `npm ci`
 * installs. Found by its entry's first line, in the bytes: parsing (or even
 * decoding) the whole lock would cost more than the rest of the fingerprint.
 */
export function lockedVersion(lock: Buffer, name: string): string {
  const entry = `"node_modules/${name}": {`
  const at = lock.indexOf(entry)
  if (at === -1) return 'missing'
  const start = at + Buffer.byteLength(entry)
  const next = lock.subarray(start, start + 200).toString('utf8')
  return /^\s*"version": "([^"]+)"/.exec(next)?.[1] ?? 'unknown'
}

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(inner).sort())
      sorted[key] = (inner as Record<string, unknown>)[key]
    return sorted
  })
}

/**
 * The URL path an old slug was served at, as Hugo expects it in `aliases`:
 * relative to the site's base URL (Hugo writes the redirect page under the
 * publish dir, which the base URL's path already points at).
 */
export function aliasFor(site: SiteConfig, slug: string): string {
  return `/${site.section}/${slug}/`
}
