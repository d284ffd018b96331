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
    // A block's style, list settings and mark names are formatting; only its
    // spans' text and its inline objects are something a reader sees. Likewise
    // a code block's language without code, and an image's crop and hotspot
    // without an asset.
    switch (record['_type']) {
      case 'block':
        return hasContent(record['children'])
      case 'span':
        return hasContent(record['text'])
      case 'code':
        return hasContent(record['code'])
      case 'image':
        return (
          hasContent(record['asset']) ||
          hasContent(record['_sanityAsset']) ||
          hasContent(record['url'])
        )
      // Free text's position says where it goes, not what it says.
      case 'moreText':
        return hasContent(record['body'])
    }
    return Object.entries(record).some(
      ([key, v]) =>
        (!key.startsWith('_') || key === '_ref' || key === '_sanityAsset') && hasContent(v),
    )
  }
  return false
}
