import {PAPERMOD_FRONT_MATTER} from '../../converter/archetypes/frontMatter.ts'
import type {SiteConfig} from '../../converter/config.ts'
import {editUrlProblem} from '../../converter/editLink.ts'
import {type ImportedCover, importCover} from './cover.ts'
import {hugoDateToStored} from './dates.ts'
import {ImportError} from './errors.ts'
import {type ParsedFrontMatter, toBoolean} from './frontMatter.ts'
import type {ReportEntry} from './report.ts'

/**
 * Front matter → document fields, driven by the converter's own list of
 * front-matter keys (converter/archetypes/frontMatter.ts), so a key the
 * exporter writes is a key the importer reads. Keys match without regard to
 * case, as Hugo lowercases them.
 */

export interface FrontMatterFields {
  fields: Record<string, unknown>
  /** The cover image as written, resolved by the caller, which can read files. */
  coverImage?: ImportedCover['picture']
  entries: ReportEntry[]
}

export function frontMatterFields(
  file: string,
  parsed: ParsedFrontMatter,
  slug: string,
  site: SiteConfig,
): FrontMatterFields {
  const entries: ReportEntry[] = []
  const fields: Record<string, unknown> = {}
  const byLowerKey = new Map<string, string>()
  for (const key of Object.keys(parsed.values)) {
    const previous = byLowerKey.get(key.toLowerCase())
    // Two spellings of one key (TocOpen, tocopen): Hugo sees one key, the later line wins.
    if (previous === undefined || lineOf(parsed, key) > lineOf(parsed, previous))
      byLowerKey.set(key.toLowerCase(), key)
  }
  const used = new Set<string>()
  const take = (key: string): {key: string; value: unknown; line: number} | undefined => {
    const actual = byLowerKey.get(key.toLowerCase())
    if (actual === undefined) return undefined
    for (const k of Object.keys(parsed.values))
      if (k.toLowerCase() === key.toLowerCase()) used.add(k)
    return {key: actual, value: parsed.values[actual], line: lineOf(parsed, actual)}
  }
  const entry = (line: number, key: string, target: string, note?: string) =>
    entries.push({line, source: `front matter: ${key}`, target, ...(note ? {note} : {})})
  const invalid = (line: number, key: string, value: unknown, expected: string) =>
    entry(line, key, '(not imported)', `expected ${expected}, found ${JSON.stringify(value)}`)

  for (const duplicate of parsed.duplicates)
    entry(
      duplicate.line,
      duplicate.key,
      '(see the later line)',
      'key written twice; as in Hugo, the last value wins',
    )

  let coverImage: FrontMatterFields['coverImage']
  for (const spec of PAPERMOD_FRONT_MATTER) {
    const found = take(spec.key)
    if (!found) continue
    const {key, value, line} = found
    switch (spec.kind) {
      case 'string':
        if (typeof value === 'string' || typeof value === 'number') {
          fields[spec.field] = String(value)
          entry(line, key, spec.field)
        } else invalid(line, key, value, 'text')
        break
      case 'author': {
        const authors = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [value]
        if (authors.length > 0 && authors.every((a) => typeof a === 'string')) {
          fields[spec.field] = authors.join(', ')
          entry(
            line,
            key,
            spec.field,
            authors.length > 1 ? 'several authors joined into one name' : undefined,
          )
        } else invalid(line, key, value, 'a name')
        break
      }
      case 'date': {
        const stored =
          typeof value === 'string' ? hugoDateToStored(value, site.timeZone) : undefined
        if (stored === undefined)
          throw new ImportError(
            file,
            `front matter "${key}" is not a date Hugo understands: ${JSON.stringify(value)}`,
            {line},
          )
        fields[spec.field] = stored
        entry(
          line,
          key,
          spec.field,
          stored === value ? undefined : `${String(value)} stored as ${stored}`,
        )
        break
      }
      case 'draft':
      case 'switch': {
        const flag = toBoolean(value)
        if (flag === undefined) invalid(line, key, value, 'true or false')
        else {
          fields[spec.field] = flag
          entry(line, key, spec.field)
        }
        break
      }
      case 'list': {
        const list = typeof value === 'string' ? [value] : value
        if (
          Array.isArray(list) &&
          list.every((item) => typeof item === 'string' || typeof item === 'number')
        ) {
          fields[spec.field] = list.map(String)
          entry(line, key, spec.field)
        } else invalid(line, key, value, 'a list of words')
        break
      }
      case 'canonical': {
        const derived = `${site.baseURL}/${site.section}/${slug}/`
        if (typeof value !== 'string') invalid(line, key, value, 'an address')
        else if (value.trim() === derived || value.trim() === '')
          entry(
            line,
            key,
            '(derived on export)',
            'equals the address made from the slug, so no override is stored',
          )
        else {
          fields[spec.field] = value.trim()
          entry(
            line,
            key,
            spec.field,
            'differs from the address made from the slug: kept as an override',
          )
        }
        break
      }
      case 'cover': {
        if (!isRecord(value)) {
          invalid(line, key, value, 'a mapping')
          break
        }
        const cover = importCover(value, key, line, site.cover)
        if (Array.isArray(cover)) {
          entries.push(...cover)
          break
        }
        fields[spec.field] = cover.fields
        coverImage = cover.picture
        entries.push(...cover.entries)
        break
      }
      case 'editPost': {
        if (!isRecord(value)) {
          invalid(line, key, value, 'a mapping')
          break
        }
        const edit: Record<string, unknown> = {_type: 'editPostSettings'}
        for (const child of spec.children) {
          const childValue = value[child.key]
          if (childValue === undefined) continue
          const childField = child.field.slice(spec.field.length + 1)
          if (child.key === 'appendFilePath') {
            const flag = toBoolean(childValue)
            if (flag === undefined)
              invalid(line, `${key}.${child.key}`, childValue, 'true or false')
            else edit[childField] = flag
          } else if (typeof childValue === 'string') edit[childField] = childValue
          else invalid(line, `${key}.${child.key}`, childValue, 'text')
        }
        fields[spec.field] = edit
        entry(
          line,
          key,
          spec.field,
          typeof edit['URL'] === 'string' && editUrlProblem(edit['URL']) !== undefined
            ? 'kept as written, but GitHub serves no page at this URL followed by the post’s path; the Studio warns'
            : undefined,
        )
        break
      }
      case 'aliases':
        entry(
          line,
          key,
          '(not imported)',
          'old addresses come from the export manifest, not from the post',
        )
        break
    }
  }

  // What the exporter would write for a missing key is stored outright, so the
  // Studio shows the value the post is published with, and importing the
  // exported file again gives the same document.
  const defaulted: string[] = []
  for (const spec of PAPERMOD_FRONT_MATTER) {
    if (
      spec.kind === 'aliases' ||
      fields[spec.field] !== undefined ||
      byLowerKey.has(spec.key.toLowerCase())
    )
      continue
    if (spec.kind === 'switch') fields[spec.field] = spec.default
    else if (spec.kind === 'draft') fields[spec.field] = false
    else if (spec.kind === 'author') fields[spec.field] = site.author
    else if (spec.kind === 'editPost')
      fields[spec.field] = {_type: 'editPostSettings', ...site.editPost}
    else continue
    defaulted.push(spec.key)
  }
  if (defaulted.length > 0)
    entry(
      1,
      defaulted.join(', '),
      defaulted
        .map((key) => PAPERMOD_FRONT_MATTER.find((s) => s.key === key))
        .map((s) => (s && 'field' in s ? s.field : ''))
        .join(', '),
      'not in the front matter: the values the export writes are stored',
    )

  for (const key of Object.keys(parsed.values)) {
    if (used.has(key)) continue
    if (key.toLowerCase() === 'slug') {
      entry(lineOf(parsed, key), key, 'slug.current')
      continue
    }
    entry(lineOf(parsed, key), key, '(not imported)', 'the schema has no field for this key')
  }
  return {fields, ...(coverImage ? {coverImage} : {}), entries}
}

function lineOf(parsed: ParsedFrontMatter, key: string): number {
  return parsed.keyLines[key] ?? 1
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
