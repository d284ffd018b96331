/**
 * A short plain title for lists, dialogs and breadcrumbs from a field that
 * holds plain text or rich text (Portable Text), with formulas kept as typed.
 */
export function previewText(value: unknown, max = 80): string {
  const text = plain(value).replace(/\s+/g, ' ').trim()
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function plain(value: unknown): string {
  if (typeof value === 'string') return value
  if (!Array.isArray(value)) return ''
  return value.map(blockText).join(' ')
}

function blockText(block: unknown): string {
  if (typeof block === 'string') return block
  if (typeof block !== 'object' || block === null) return ''
  // A fold-out reads as its summary line, the text a reader sees before opening it.
  const summary = (block as {summary?: unknown}).summary
  if (typeof summary === 'string') return summary
  const children = (block as {children?: unknown}).children
  if (!Array.isArray(children)) return ''
  return children
    .map((child: unknown) => {
      if (typeof child !== 'object' || child === null) return ''
      const record = child as Record<string, unknown>
      if (typeof record['text'] === 'string') return record['text']
      if (typeof record['tex'] === 'string') return `$${record['tex']}$`
      if (typeof record['html'] === 'string') return record['html']
      return ''
    })
    .join('')
}
