import {formatAtOffset, zoneOffsetAt} from '../../converter/render/date.ts'

/**
 * Hugo dates as the Studio stores them. Hugo accepts RFC 3339 with or without an
 * offset, a space instead of `T`, and a bare date; a value without an offset is
 * wall-clock time in the site's zone. A date is stored as it was written, with
 * its offset, so the export writes it back unchanged and PaperMod shows the same
 * day (converter/render/date.ts, `hugoDate`).
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * The RFC 3339 text to store for a Hugo date, or undefined when Hugo would not read
 * it as a date either. A date in UTC is stored in the form the Studio's own datetime
 * input stores, `…T09:00:00.000Z`, which the export writes in the site's zone: when
 * that zone is not at UTC then, it is stored as `+00:00` so that it stays in UTC.
 */
export function hugoDateToStored(value: string, timeZone: string): string | undefined {
  const match = DATE_TIME.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const millis = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0
  const check = new Date(wall)
  // Date.UTC rolls 2025-02-30 over to March; Hugo rejects it, so do we.
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return undefined
  const offset = zone === undefined ? zoneOffsetMinutes(wall, timeZone) : parseOffsetMinutes(zone)
  const instant = wall + millis - offset * 60_000
  if (offset === 0 && zoneOffsetAt(instant, timeZone) === 0) return new Date(instant).toISOString()
  return formatAtOffset(instant, offset, '+00:00')
}

function parseOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)))
}

/**
 * The zone's offset for a wall-clock time. The offset at the wall time read as
 * UTC is right except within hours of a DST change, so it is refined once.
 */
function zoneOffsetMinutes(wallAsUtc: number, timeZone: string): number {
  const first = zoneOffsetAt(wallAsUtc, timeZone)
  return zoneOffsetAt(wallAsUtc - first * 60_000, timeZone)
}
