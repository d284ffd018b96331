import {Document, isCollection, isPair, isSeq, type ScalarTag} from 'yaml'
import type {FrontMatterKey} from '../archetypes/frontMatter.ts'
import {postUrl} from '../path.ts'
import {type PathSegment, type PostSchedule, RenderError} from '../types.ts'
import {
  type Located,
  locate,
  type RenderContext,
  readBoolean,
  readText,
  readTextList,
  warn,
} from './context.ts'
import {renderCover} from './cover.ts'
import {hugoDate, parseWrittenDate} from './date.ts'
import {isSafeHref} from './text.ts'

/** A date that must be written as a plain YAML timestamp, not a quoted string. */
export class Timestamp {
  readonly text: string
  constructor(text: string) {
    this.text = text
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

const timestampTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:timestamp',
  identify: (value) => value instanceof Timestamp,
  stringify: (item) => (item.value instanceof Timestamp ? item.value.text : String(item.value)),
  resolve: (text) => text,
  default: true,
  test: TIMESTAMP,
}

/**
 * Lists are written on one line, `[a, b]`. A plain walk: the library's
 * visitor freezes a copy of the ancestry at every node.
 */
function flowSequences(node: unknown): void {
  if (isSeq(node)) node.flow = true
  if (!isCollection(node)) return
  for (const item of node.items) {
    if (isPair(item)) {
      flowSequences(item.key)
      flowSequences(item.value)
    } else flowSequences(item)
  }
}

/**
 * YAML with every string double-quoted and the 1.1 rules applied, because Hugo
 * reads front matter as YAML 1.1: an unquoted `yes`, `on` or `2025-01-01`
 * title would come back as a boolean or a date. The whole mapping in one
 * document; `stringifyFrontMatter` writes the same bytes entry by entry.
 */
export function yamlDocument(values: Record<string, unknown>): string {
  const doc = new Document(values, {version: '1.1', customTags: [timestampTag]})
  flowSequences(doc.contents)
  return escapeUnreadable(
    doc.toString({
      indent: 4,
      defaultStringType: 'QUOTE_DOUBLE',
      defaultKeyType: 'PLAIN',
      lineWidth: 0,
      flowCollectionPadding: false,
    }),
  )
}

/**
 * Characters that both writers leave raw and Hugo's YAML reader does not read back:
 * it refuses DEL and the C1 controls ("control characters are not allowed"), failing
 * the whole site build, and reads NEL, LS and PS as line breaks, which a quoted
 * string folds into a space. U+FFFE and U+FFFF are refused too.
 */
const UNREADABLE = /[\u007F-\u009F\u2028\u2029\uFFFE\uFFFF]/
const UNREADABLE_ALL = new RegExp(UNREADABLE.source, 'g')

/**
 * The YAML with those characters written as escapes (`\x85`, `\u2028`), which Hugo
 * reads back as the same characters. They can only stand inside a double-quoted
 * string: every string is written so, and keys are plain ASCII.
 */
function escapeUnreadable(yaml: string): string {
  if (!UNREADABLE.test(yaml)) return yaml
  return yaml.replace(UNREADABLE_ALL, (char) => {
    const code = char.charCodeAt(0)
    return code <= 0xff
      ? `\\x${code.toString(16).toUpperCase()}`
      : `\\u${code.toString(16).toUpperCase()}`
  })
}

/**
 * The entries `directYaml` does not write (text that needs escapes, other shapes),
 * as the library writes them, remembered by entry: the same few recur across
 * posts. Bounded: the cache starts over when full.
 */
const entryCache = new Map<string, string>()
const ENTRY_CACHE_SIZE = 1024

/**
 * Keys the library writes plain: letters and digits, and none of the words YAML
 * 1.1 reads as a boolean or null (those it would quote).
 */
const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9]*$/
const YAML11_WORD = /^(?:y|n|yes|no|on|off|true|false|null)$/i

const plainKey = (key: string) => PLAIN_KEY.test(key) && !YAML11_WORD.test(key)

/**
 * A string as the library double-quotes it, when that is its JSON form: the
 * library starts from JSON and only rewrites its backslash escapes (and, with
 * no line width, folds nothing), so JSON without a backslash is its answer.
 */
function quoted(value: string): string | undefined {
  const json = JSON.stringify(value)
  return json.includes('\\') ? undefined : escapeUnreadable(json)
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return quoted(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return undefined
}

/**
 * An entry written without the library, for the shapes front matter holds: a
 * string, a boolean, a timestamp, a list of strings, or a mapping of strings and
 * booleans (the cover, the edit link), with plain keys. Undefined for anything
 * else, which the library writes. Writing a title or a description through the
 * library was most of a post's front matter; the tests hold both to the same bytes.
 */
export function directYaml(key: string, value: unknown): string | undefined {
  if (!plainKey(key)) return undefined
  if (value instanceof Timestamp)
    return TIMESTAMP.test(value.text) ? `${key}: ${value.text}\n` : undefined
  const simple = scalar(value)
  if (simple !== undefined) return `${key}: ${simple}\n`
  if (Array.isArray(value)) {
    let items = ''
    for (const [i, item] of value.entries()) {
      const written = typeof item === 'string' ? quoted(item) : undefined
      if (written === undefined) return undefined
      items += i === 0 ? written : `, ${written}`
    }
    return `${key}: [${items}]\n`
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return undefined
  let lines = ''
  for (const [inner, item] of Object.entries(value)) {
    // The library leaves out undefined values.
    if (item === undefined) continue
    const written = plainKey(inner) ? scalar(item) : undefined
    if (written === undefined) return undefined
    lines += `    ${inner}: ${written}\n`
  }
  return lines === '' ? undefined : `${key}:\n${lines}`
}

function entryYaml(key: string, value: unknown): string {
  const direct = directYaml(key, value)
  if (direct !== undefined) return direct
  const id = `${key}\n${value instanceof Timestamp ? `@${value.text}` : JSON.stringify(value)}`
  let yaml = entryCache.get(id)
  if (yaml === undefined) {
    yaml = yamlDocument({[key]: value})
    if (entryCache.size >= ENTRY_CACHE_SIZE) entryCache.clear()
    entryCache.set(id, yaml)
  }
  return yaml
}

/**
 * The front matter's YAML. A block mapping is its entries' lines in order,
 * each entry written the same wherever it stands, so the entries are written
 * (and remembered) one by one; the tests compare this with `yamlDocument`.
 */
export function stringifyFrontMatter(values: Record<string, unknown>): string {
  let yaml = ''
  for (const key of Object.keys(values)) {
    const value = values[key]
    // The library leaves out undefined values; an empty mapping is written `{}`.
    if (value !== undefined) yaml += entryYaml(key, value)
  }
  return yaml === '' ? yamlDocument(values) : yaml
}

export interface FrontMatterInput {
  readonly title: string
  readonly aliases: readonly string[]
}

export interface FrontMatter {
  /** The block's YAML, without the `---` lines. */
  readonly yaml: string
  readonly schedule: PostSchedule | undefined
}

function trimmed(ctx: RenderContext, at: Located): string | undefined {
  return readText(ctx, at)?.trim()
}

type DateKey = Extract<FrontMatterKey, {kind: 'date'}>

/** Why a date stops the post, or undefined when it is readable, or optional and absent. */
function dateProblem(spec: DateKey, value: unknown): string | undefined {
  if (!spec.required && (value === undefined || value === null)) return undefined
  if (typeof value === 'string' && parseWrittenDate(value) !== undefined) return undefined
  const got = JSON.stringify(value ?? null)
  return spec.required
    ? `The post needs a ${spec.label} (ISO 8601, e.g. 2025-10-01T09:00:00Z), got ${got}.`
    : `The ${spec.label} is not a date and time (ISO 8601, e.g. 2025-10-01T09:00:00+05:30), got ${got}; the post is not exported until it is, so that it does not show at the wrong time.`
}

/**
 * Every date among `keys` that stops the post, with its field: what
 * `renderFrontMatter` throws for the first of them, so the Studio can list all.
 */
export function dateProblems(
  keys: readonly FrontMatterKey[],
  doc: Record<string, unknown>,
): {path: PathSegment[]; message: string}[] {
  return keys.flatMap((spec) => {
    if (spec.kind !== 'date') return []
    const message = dateProblem(spec, doc[spec.field])
    return message === undefined ? [] : [{path: [spec.field], message}]
  })
}

/**
 * A date as Hugo gets it (see `hugoDate`). One that is there but unreadable stops
 * the post even when it is optional: dropped, a scheduled post would appear early
 * or stay up late.
 */
function dateText(ctx: RenderContext, spec: DateKey, at: Located): string | undefined {
  const problem = dateProblem(spec, at.value)
  if (problem !== undefined) throw new RenderError(ctx.documentId, [...at.path], problem)
  const written = typeof at.value === 'string' ? parseWrittenDate(at.value) : undefined
  return written === undefined ? undefined : hugoDate(written, ctx.site.timeZone)
}

const timestampText = (value: unknown) => (value instanceof Timestamp ? value.text : undefined)

/**
 * When Hugo shows the post, read from the keys Hugo reads: it holds a post back
 * until its `publishDate`, else its `date`, drops it at its `expiryDate`, and
 * never shows a draft.
 */
function scheduleOf(values: Record<string, unknown>): PostSchedule | undefined {
  const publishDate = timestampText(values['publishDate']) ?? timestampText(values['date'])
  if (values['draft'] === true || publishDate === undefined) return undefined
  const expiryDate = timestampText(values['expiryDate'])
  return expiryDate === undefined ? {publishDate} : {publishDate, expiryDate}
}

/** The front-matter block, keys in the archetype's order, and the schedule it sets. */
export function renderFrontMatter(
  ctx: RenderContext,
  keys: readonly FrontMatterKey[],
  root: Located,
  input: FrontMatterInput,
): FrontMatter {
  const values: Record<string, unknown> = {}
  for (const spec of keys) {
    switch (spec.kind) {
      case 'string': {
        const text =
          spec.key === 'title' ? input.title : trimmed(ctx, locate(ctx, root, spec.field))
        if (text !== undefined) values[spec.key] = text.trim()
        break
      }
      case 'date': {
        const text = dateText(ctx, spec, locate(ctx, root, spec.field))
        if (text !== undefined) values[spec.key] = new Timestamp(text)
        break
      }
      case 'draft':
        values[spec.key] = readBoolean(ctx, locate(ctx, root, spec.field)) === true
        break
      case 'list': {
        const list = readTextList(ctx, locate(ctx, root, spec.field)).map((item) => item.trim())
        if (list.length > 0) values[spec.key] = list
        break
      }
      case 'author':
        values[spec.key] = trimmed(ctx, locate(ctx, root, spec.field)) ?? ctx.site.author
        break
      case 'switch':
        values[spec.key] = readBoolean(ctx, locate(ctx, root, spec.field)) ?? spec.default
        break
      case 'canonical': {
        const at = locate(ctx, root, spec.field)
        const override = trimmed(ctx, at)
        if (override !== undefined && !isSafeHref(override))
          warn(
            ctx,
            at.path,
            'The canonical address is not a web address; the post address was used.',
          )
        values[spec.key] =
          override !== undefined && isSafeHref(override) ? override : postUrl(ctx.site, ctx.slug)
        break
      }
      case 'cover': {
        const cover = renderCover(ctx, locate(ctx, root, spec.field))
        if (cover !== undefined) values[spec.key] = cover
        break
      }
      case 'editPost': {
        const edit = locate(ctx, root, spec.field)
        values[spec.key] = {
          URL: trimmed(ctx, locate(ctx, edit, 'URL')) ?? ctx.site.editPost.URL,
          Text: trimmed(ctx, locate(ctx, edit, 'Text')) ?? ctx.site.editPost.Text,
          appendFilePath:
            readBoolean(ctx, locate(ctx, edit, 'appendFilePath')) ??
            ctx.site.editPost.appendFilePath,
        }
        break
      }
      case 'aliases':
        if (input.aliases.length > 0) values[spec.key] = [...input.aliases]
        break
    }
  }
  return {yaml: stringifyFrontMatter(values), schedule: scheduleOf(values)}
}
