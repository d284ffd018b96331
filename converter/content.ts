/**
 * Whether a value holds anything a reader would see. Shared by the schema's
 * "empty section" warnings, the Studio's section-completeness badge and the
 * converter's rule that an empty section is left out, so all three agree.
 * Kept dependency-free because the Studio loads it eagerly.
 */
export function hasContent(value: unknown): boolean {
  if (value === null || value === undefined) return false
  if (typeof value === 'string') return value.trim().length > 0
  if (typeof value === 'number') return Number.isFinite(value)
  // A switch alone (e.g. "hidden") is configuration, not content.
  if (typeof value === 'boolean') return false
  if (Array.isArray(value)) return value.some(hasContent)
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    // An image or file counts once it points at an asset.
    if (record['asset'] !== undefined && hasContent(record['asset'])) return true
    return Object.entries(record).some(
      ([key, v]) =>
        (!key.startsWith('_') || key === '_ref' || key === '_sanityAsset') && hasContent(v),
    )
  }
  return false
}
