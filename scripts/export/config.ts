import {access, stat} from 'node:fs/promises'
import {dirname, isAbsolute, join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {
  ConfigError,
  DEFAULT_CONFIG,
  defineConfig,
  type ExportConfig,
  type ExportConfigInput,
  validateSite,
} from '../../converter/config.ts'
import {isCode} from '../lib/atomic.ts'
import type {CliOptions} from './cli.ts'

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..')
export const DEFAULT_CONFIG_FILE = join(PROJECT_ROOT, 'hugo-export.config.ts')

/** Everything a run needs, with flags applied over the config file and paths made absolute. */
export interface ResolvedConfig {
  config: ExportConfig
  /** Absolute dataset file path, or "live". */
  source: string
  /** What to call the source in messages (the path as given). */
  sourceLabel: string
  blogDir: string
  dataset: string
  projectId: string | undefined
  commitAuthor: {name: string; email: string}
}

/** Loads a typed config file: its default export, checked and completed by `defineConfig`. */
export async function loadConfigFile(path: string): Promise<ExportConfig> {
  try {
    await access(path)
  } catch {
    throw new ConfigError(`config file not found: ${path}`)
  }
  let module: {default?: unknown}
  try {
    module = (await import(pathToFileURL(path).href)) as {default?: unknown}
  } catch (error) {
    throw new ConfigError(`cannot load config ${path}: ${(error as Error).message}`)
  }
  const value = module.default
  if (typeof value !== 'object' || value === null)
    throw new ConfigError(`${path} must have a default export made with defineConfig({...})`)
  return defineConfig(value as ExportConfigInput)
}

export async function resolveConfig(
  options: CliOptions,
  env: Record<string, string | undefined>,
  cwd: string,
): Promise<ResolvedConfig> {
  const file = options.config === undefined ? DEFAULT_CONFIG_FILE : resolve(cwd, options.config)
  const loaded =
    options.config === undefined && !(await exists(file))
      ? DEFAULT_CONFIG
      : await loadConfigFile(file)
  const base = dirname(file)
  const site = {...loaded.site, ...(options.layout ? {layout: options.layout} : {})}
  validateSite(site)
  const config: ExportConfig = {...loaded, site}
  const rawSource = options.source ?? config.source
  const source =
    rawSource === 'live'
      ? 'live'
      : options.source !== undefined
        ? resolve(cwd, rawSource)
        : absolute(base, rawSource)
  const blogDir =
    options.blog !== undefined ? resolve(cwd, options.blog) : absolute(base, config.blogDir)
  await requireNoFile(blogDir)
  const name = env['SANITY_EXPORT_AUTHOR_NAME']?.trim()
  const email = env['SANITY_EXPORT_AUTHOR_EMAIL']?.trim()
  const projectId = options.project ?? (env['SANITY_STUDIO_PROJECT_ID'] || undefined)
  if (source === 'live' && projectId === undefined)
    throw new ConfigError(
      '--source live needs a project id: pass --project or set SANITY_STUDIO_PROJECT_ID',
    )
  return {
    config,
    source,
    sourceLabel: rawSource,
    blogDir,
    // The Studio's dataset variable names the live dataset; a file is labelled by the config.
    dataset:
      options.dataset ??
      ((source === 'live' ? env['SANITY_STUDIO_DATASET'] : undefined) || config.dataset),
    projectId,
    commitAuthor: {
      name: name || config.commitAuthor.name,
      email: email || config.commitAuthor.email,
    },
  }
}

/** The blog dir is a folder, or does not exist yet (the export makes it). */
async function requireNoFile(blogDir: string): Promise<void> {
  try {
    if ((await stat(blogDir)).isDirectory()) return
  } catch (error) {
    if (isCode(error, 'ENOENT')) return
    if (!isCode(error, 'ENOTDIR')) throw error
  }
  throw new ConfigError(
    `the blog dir ${blogDir} is a file, or inside one; pass the folder of the blog repo`,
  )
}

function absolute(base: string, path: string): string {
  return isAbsolute(path) ? path : resolve(base, path)
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
