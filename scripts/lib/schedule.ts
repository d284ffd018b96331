/**
 * The moments at which the blog's output changes with no commit: a post appears
 * at its publish date and goes at its expiry date, at the next build after that.
 * Read from the export manifest's entries; shared by the exporter (which reports
 * the next one) and the scheduled deploy check, which must run before anything
 * is installed, so this module imports nothing.
 */

/** What a manifest entry records of a post's schedule (see ManifestEntry). */
export interface ScheduledEntry {
  slug: string
  publishDate?: string
  expiryDate?: string
}

export interface ScheduledChange {
  /** RFC 3339, as written in the post's front matter. */
  at: string
  id: string
  slug: string
  change: 'appears' | 'expires'
}

type Timed = ScheduledChange & {epochMs: number}

const DAY = 86_400_000

function changesOf(id: string, entry: ScheduledEntry): Timed[] {
  const out: Timed[] = []
  for (const [at, change] of [
    [entry.publishDate, 'appears'],
    [entry.expiryDate, 'expires'],
  ] as const) {
    const epochMs = at === undefined ? Number.NaN : Date.parse(at)
    if (at !== undefined && !Number.isNaN(epochMs))
      out.push({at, id, slug: entry.slug, change, epochMs})
  }
  return out
}

const plain = ({at, id, slug, change}: Timed): ScheduledChange => ({at, id, slug, change})

/**
 * The earliest moment after `now` at which a post appears or goes, or null when none
 * is to come. Every run asks this of the whole manifest, where nearly every moment is
 * a date long past: a moment written on a day two days before now's (an offset is
 * less than a day) is passed over on its text, without parsing it.
 */
export function nextChange(
  documents: Readonly<Record<string, ScheduledEntry>>,
  now: number,
): ScheduledChange | null {
  const past = new Date(now - 2 * DAY).toISOString().slice(0, 10)
  let best = Number.POSITIVE_INFINITY
  let found: {id: string; at: string; change: ScheduledChange['change']} | undefined
  const consider = (id: string, at: string | undefined, change: ScheduledChange['change']) => {
    if (at === undefined || at < past) return
    const epochMs = Date.parse(at)
    if (epochMs > now && epochMs < best) {
      best = epochMs
      found = {id, at, change}
    }
  }
  for (const id in documents) {
    consider(id, documents[id]?.publishDate, 'appears')
    consider(id, documents[id]?.expiryDate, 'expires')
  }
  const slug = found === undefined ? undefined : documents[found.id]?.slug
  return found === undefined || slug === undefined ? null : {...found, slug}
}

/** The moments in (after, upTo], earliest first; `after` null means since ever. */
export function changesBetween(
  documents: Readonly<Record<string, ScheduledEntry>>,
  after: number | null,
  upTo: number,
): ScheduledChange[] {
  return Object.entries(documents)
    .flatMap(([id, entry]) => changesOf(id, entry))
    .filter((timed) => (after === null || timed.epochMs > after) && timed.epochMs <= upTo)
    .sort((a, b) => a.epochMs - b.epochMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(plain)
}

/** The variable tests set to run the exporter and the check on a fake clock. */
export const CLOCK_VARIABLE = 'SANITY_EXPORT_NOW'

/** Now: `SANITY_EXPORT_NOW` (an ISO 8601 date-time) when set, for tests; else the system clock. */
export function readClock(env: Record<string, string | undefined>): number {
  const text = env[CLOCK_VARIABLE]
  if (text === undefined || text === '') return Date.now()
  const now = Date.parse(text)
  if (Number.isNaN(now))
    throw new ClockError(
      `${CLOCK_VARIABLE} must be an ISO 8601 date-time such as 2026-03-16T03:30:00Z, got "${text}"`,
    )
  return now
}

export class ClockError extends Error {
  override name = 'ClockError'
}

/** How a change reads in a report: `posts/launch appears at 2026-03-16T09:00:00+05:30`. */
export function describeChange(change: ScheduledChange): string {
  return `${change.slug} ${change.change} at ${change.at}`
}
