import {parse as parseToml, TomlDate, TomlError} from 'smol-toml'
import {isMap, isScalar, parseDocument} from 'yaml'
import {ImportError} from './errors.ts'

export type FrontMatterFormat = 'yaml' | 'toml'

export interface SplitSource {
  format: FrontMatterFormat
  /** The text between the delimiter lines. */
  raw: string
  /** 1-based line of the first front-matter line (the one after the opening delimiter). */
  rawStartLine: number
  /** The markdown after the closing delimiter. */
  body: string
  /** 1-based line of the body's first line in the file. */
  bodyStartLine: number
}

export interface ParsedFrontMatter {
  format: FrontMatterFormat
  values: Record<string, unknown>
  /** Keys written more than once; Hugo keeps the last, and so do we, but the author should know. */
  duplicates: {key: string; line: number}[]
  /** 1-based file line of each top-level key, for the report. */
  keyLines: Record<string, number>
}

const DELIMITERS: Record<string, FrontMatterFormat> = {'---': 'yaml', '+++': 'toml'}

/** Cuts a Hugo post into front matter and body, as Hugo does: the first line must open it. */
export function splitFrontMatter(file: string, text: string): SplitSource {
  const firstEnd = text.indexOf('\n')
  const firstLine = (firstEnd === -1 ? text : text.slice(0, firstEnd)).trimEnd()
  const format = DELIMITERS[firstLine]
  if (format === undefined)
    throw new ImportError(
      file,
      'no front matter: a Hugo post must start with a "---" (YAML) or "+++" (TOML) line',
      {line: 1},
    )
  const lines = text.split('\n')
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === firstLine)
  if (close === -1)
    throw new ImportError(
      file,
      `front matter opened with "${firstLine}" on line 1 is never closed by a "${firstLine}" line`,
      {line: 1},
    )
  return {
    format,
    raw: lines.slice(1, close).join('\n'),
    rawStartLine: 2,
    body: lines.slice(close + 1).join('\n'),
    bodyStartLine: close + 2,
  }
}

/**
 * Parses front matter as tolerantly as Hugo: a repeated key is allowed and the
 * last one wins. YAML is read with the 1.2 core schema so dates and words like
 * "yes" stay the strings the author typed; the field mapping decides what they mean.
 */
export function parseFrontMatter(file: string, split: SplitSource): ParsedFrontMatter {
  return split.format === 'yaml' ? parseYaml(file, split) : parseTomlFrontMatter(file, split)
}

function parseYaml(file: string, split: SplitSource): ParsedFrontMatter {
  const doc = parseDocument(split.raw, {uniqueKeys: false, prettyErrors: false})
  const lineOf = (offset: number) => split.rawStartLine + countNewlines(split.raw, offset)
  const error = doc.errors[0]
  if (error) {
    const line = lineOf(error.pos[0])
    const column = (error.linePos?.[0]?.col ?? 1) as number
    throw new ImportError(file, `front matter is not valid YAML: ${firstLine(error.message)}`, {
      line,
      column,
    })
  }
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.value === null))
    return {format: 'yaml', values: {}, duplicates: [], keyLines: {}}
  if (!isMap(contents))
    throw new ImportError(file, 'front matter must be a mapping of keys to values', {
      line: split.rawStartLine,
    })
  const keyLines: Record<string, number> = {}
  const duplicates: {key: string; line: number}[] = []
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0
    if (key in keyLines) duplicates.push({key, line: lineOf(offset)})
    keyLines[key] = lineOf(offset)
  }
  const values = doc.toJS({maxAliasCount: 100}) as Record<string, unknown>
  return {format: 'yaml', values, duplicates, keyLines}
}

function parseTomlFrontMatter(file: string, split: SplitSource): ParsedFrontMatter {
  let values: Record<string, unknown>
  try {
    values = normaliseToml(parseToml(split.raw)) as Record<string, unknown>
  } catch (error) {
    if (error instanceof TomlError)
      throw new ImportError(file, `front matter is not valid TOML: ${firstLine(error.message)}`, {
        line: split.rawStartLine - 1 + error.line,
        column: error.column,
      })
    throw error
  }
  const keyLines: Record<string, number> = {}
  split.raw.split('\n').forEach((line, i) => {
    const match = /^\s*("?)([A-Za-z0-9_-]+)\1\s*=/.exec(line)
    if (match?.[2] && !(match[2] in keyLines)) keyLines[match[2]] = split.rawStartLine + i
  })
  return {format: 'toml', values, duplicates: [], keyLines}
}

/** TOML dates become the RFC 3339 text they were written as, like YAML dates. */
function normaliseToml(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString()
  if (Array.isArray(value)) return value.map(normaliseToml)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseToml(v)]))
  return value
}

function countNewlines(text: string, end: number): number {
  let count = 0
  for (let i = 0; i < end && i < text.length; i++) if (text.charCodeAt(i) === 10) count++
  return count
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

/** Booleans, and the words YAML 1.1 (which Hugo reads) takes as booleans. */
export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') return undefined
  const word = value.trim().toLowerCase()
  if (['true', 'yes', 'on', 'y'].includes(word)) return true
  if (['false', 'no', 'off', 'n'].includes(word)) return false
  return undefined
}
