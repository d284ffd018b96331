import type {CoverDefaults} from '../../converter/config.ts'
import {
  type CoverChoice,
  type CoverKeys,
  coverKeys,
  isArchetypePlaceholder,
  paperModHides,
} from '../../converter/cover.ts'
import {toBoolean} from './frontMatter.ts'
import type {ReportEntry} from './report.ts'

/**
 * A post's `cover` mapping → the cover's fields. Every value is kept as
 * written, the archetype's placeholders included, because the export writes
 * them back: the picture's address is resolved by the caller, which can read
 * files, and becomes an upload, or stays an address when it cannot be found.
 * PaperMod's three hiding keys become the two choices they amount to on this
 * site, read the way the blog's PaperMod reads them.
 */

export interface ImportedCover {
  fields: Record<string, unknown>
  /** The picture as written; `relative` (when written) is kept in case it stays an address. */
  picture: {src: string; line: number; relative: boolean | undefined}
  entries: ReportEntry[]
}

const TEXTS = ['alt', 'caption', 'title'] as const
const SWITCHES = ['hidden', 'hiddenInList', 'hiddenInSingle'] as const

export function importCover(
  value: Record<string, unknown>,
  key: string,
  line: number,
  site: CoverDefaults,
): ImportedCover | ReportEntry[] {
  const entries: ReportEntry[] = []
  const entry = (source: string, target: string, note?: string) =>
    entries.push({line, source: `front matter: ${source}`, target, ...(note ? {note} : {})})
  const image = value['image']
  if (typeof image !== 'string' || image.trim() === '') {
    entry(
      key,
      '(not imported)',
      `no cover image (${JSON.stringify(image ?? null)} is not an image address), so the cover is left empty`,
    )
    return entries
  }
  entry(key, 'cover')
  const fields: Record<string, unknown> = {_type: 'coverImage'}
  for (const name of TEXTS) {
    const text = value[name]
    if (text === undefined) continue
    if (typeof text !== 'string')
      entry(`${key}.${name}`, '(not imported)', `expected text, found ${JSON.stringify(text)}`)
    else {
      fields[name] = text
      if (isArchetypePlaceholder(text))
        entry(`${key}.${name}`, `cover.${name}`, 'the archetype’s placeholder, kept as written')
    }
  }
  const written: CoverKeys = {}
  for (const name of SWITCHES) {
    if (value[name] === undefined) continue
    const flag = toBoolean(value[name])
    if (flag === undefined)
      entry(
        `${key}.${name}`,
        '(not imported)',
        `expected true or false, found ${JSON.stringify(value[name])}`,
      )
    else written[name] = flag
  }
  const choice = {
    showOnPostPage: !paperModHides(written, site, 'hiddenInSingle'),
    showInLists: !paperModHides(written, site, 'hiddenInList'),
  }
  fields['showOnPostPage'] = choice.showOnPostPage
  fields['showInLists'] = choice.showInLists
  entry(
    `${key}.${SWITCHES.filter((name) => name in written).join('/') || '(no hiding keys)'}`,
    'cover.showOnPostPage, cover.showInLists',
    visibilityNote(written, coverKeys(site, choice), choice),
  )
  return {
    fields,
    picture: {src: image.trim(), line, relative: toBoolean(value['relative'])},
    entries,
  }
}

function visibilityNote(written: CoverKeys, exported: CoverKeys, choice: CoverChoice): string {
  const where = (shown: boolean) => (shown ? 'shown' : 'hidden')
  const read = `with the site's params.cover, PaperMod shows it: post page ${where(choice.showOnPostPage)}, lists ${where(choice.showInLists)}`
  const same = SWITCHES.every((name) => written[name] === exported[name])
  if (same) return read
  const keys = SWITCHES.filter((name) => exported[name] !== undefined)
    .map((name) => `${name}: ${exported[name]}`)
    .join(', ')
  return `${read}; the export writes ${keys}, which the blog's PaperMod reads the same way`
}
