/**
 * RFC 3339 dates in the site's time zone. Hugo keeps the offset it reads, and
 * a JS Date would lose it, so the string is built here from the zone's wall
 * clock as Intl reports it (independent of the host's locale and zone).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i

/** Milliseconds since the epoch, or undefined when the text is not a full ISO 8601 date-time. */
export function parseDateTime(text: string): number | undefined {
  const match = ISO.exec(text.trim())
  if (!match) return undefined
  const ms = Date.parse(text.trim())
  return Number.isNaN(ms) ? undefined : ms
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** `2025-10-01T14:30:00+05:30`, or `…Z` when the zone's offset at that instant is zero. */
export function formatRfc3339(epochMs: number, timeZone: string): string {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs)))
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  const year = parts['year'] ?? 0
  const month = parts['month'] ?? 1
  const day = parts['day'] ?? 1
  const hour = parts['hour'] ?? 0
  const minute = parts['minute'] ?? 0
  const second = parts['second'] ?? 0
  const millis = ((epochMs % 1000) + 1000) % 1000
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second) + millis
  const offsetMinutes = Math.round((wallAsUtc - epochMs) / 60000)
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const offset = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${offset}`
}
