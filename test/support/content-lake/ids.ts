const DRAFTS_PREFIX = 'drafts.'
const VERSIONS_PREFIX = 'versions.'

export function isDraftId(id: string): boolean {
  return id.startsWith(DRAFTS_PREFIX)
}

export function isVersionId(id: string): boolean {
  return id.startsWith(VERSIONS_PREFIX)
}

export function isPublishedId(id: string): boolean {
  return !isDraftId(id) && !isVersionId(id)
}

export function getPublishedId(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFTS_PREFIX.length)
  if (isVersionId(id)) {
    const rest = id.slice(VERSIONS_PREFIX.length)
    const dot = rest.indexOf('.')
    return dot === -1 ? rest : rest.slice(dot + 1)
  }
  return id
}

export function getDraftId(id: string): string {
  return `${DRAFTS_PREFIX}${getPublishedId(id)}`
}

/** The id a perspective layer (`drafts` or a release name) gives a published id. */
export function layerId(layer: string, publishedId: string): string {
  return layer === 'drafts'
    ? `${DRAFTS_PREFIX}${publishedId}`
    : `${VERSIONS_PREFIX}${layer}.${publishedId}`
}
