import {type Dirent, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {SiteConfig} from '../../converter/config.ts'
import {parseFrontMatter, splitFrontMatter} from '../import/frontMatter.ts'
import {isCode} from '../lib/atomic.ts'

/**
 * The post addresses that files the exporter does not own already serve, each with
 * those files: Hugo gives `content/posts/url-shortener/index.md`, `URL-Shortener.md`
 * and a post with `slug: url-shortener` or `url: /posts/url-shortener/` the same
 * address as the exported `content/posts/url-shortener.md`, and the built site shows
 * only one of them. Keys are slugs, as the exporter's post addresses are
 * `/<section>/<slug>/`.
 *
 * Read once per run, and only by a run that gives a post a new file: the posts
 * folder is listed (owned posts are not read), and the front matter of every other
 * post is read.
 */
export function handWrittenAddresses(
  blogDir: string,
  site: Pick<SiteConfig, 'contentDir' | 'section'>,
  owned: (path: string) => boolean,
): ReadonlyMap<string, readonly string[]> {
  const addresses = new Map<string, string[]>()
  const add = (slug: string, path: string) => {
    const files = addresses.get(slug)
    if (files === undefined) addresses.set(slug, [path])
    else if (!files.includes(path)) files.push(path)
  }
  const top = site.contentDir
  for (const path of postFiles(blogDir, top)) {
    if (owned(path)) continue
    const inner = path.slice(top.length + 1)
    const bundle = /^([^/]+)\/_?index\.md$/.exec(inner)?.[1]
    // A post at the folder's top level, or a bundle's page, is addressed by its name.
    const named = bundle ?? (inner.includes('/') ? undefined : inner.slice(0, -'.md'.length))
    if (named !== undefined) add(urlize(named), path)
    const {slug, url} = addressKeys(join(blogDir, path))
    if (slug !== undefined && named !== undefined) add(urlize(slug), path)
    const fromUrl = url === undefined ? undefined : slugOfUrl(url, site.section)
    if (fromUrl !== undefined) add(fromUrl, path)
  }
  return addresses
}

/** Markdown files below `folder`, site-relative, bundles included; none when it is missing. */
function postFiles(blogDir: string, folder: string): string[] {
  let entries: Dirent[]
  try {
    entries = readdirSync(join(blogDir, folder), {withFileTypes: true})
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return []
    throw error
  }
  const found: string[] = []
  for (const entry of entries) {
    const path = `${folder}/${entry.name}`
    if (entry.isDirectory()) found.push(...postFiles(blogDir, path))
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(path)
  }
  return found
}

/** The `slug` and `url` a post's front matter gives it, when they are text. */
function addressKeys(file: string): {slug?: string; url?: string} {
  let values: Record<string, unknown>
  try {
    const text = readFileSync(file, 'utf8')
    values = parseFrontMatter(file, splitFrontMatter(file, text)).values
  } catch {
    // Unreadable or without front matter: the file's name is its only address.
    return {}
  }
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value : undefined
  const slug = text(values['slug'])
  const url = text(values['url'])
  return {...(slug === undefined ? {} : {slug}), ...(url === undefined ? {} : {url})}
}

/** The slug of `/<section>/<slug>/`, or undefined for any other address. */
function slugOfUrl(url: string, section: string): string | undefined {
  const parts = url
    .trim()
    .toLowerCase()
    .split('/')
    .filter((part) => part !== '')
  return parts.length === 2 && parts[0] === section.toLowerCase()
    ? urlize(parts[1] ?? '')
    : undefined
}

/** A name as Hugo makes it part of an address: lowercase, spaces as hyphens. */
function urlize(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-')
}
