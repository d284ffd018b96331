import {isArraySchemaType, isObjectSchemaType, type SchemaType} from 'sanity'

/** A Sanity path as the converter reports it: `['components', {_key: 'k1'}, 'name']`. */
export type FieldPathSegment = string | number | {_key: string}

function property(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined
}

function itemIndex(items: unknown, segment: number | {_key: string}): number {
  if (typeof segment === 'number') return segment
  if (!Array.isArray(items)) return -1
  return items.findIndex((item) => property(item, '_key') === segment._key)
}

function itemType(arrayType: SchemaType, item: unknown): SchemaType | undefined {
  if (!isArraySchemaType(arrayType)) return undefined
  const typeName = property(item, '_type')
  return arrayType.of.find((member) => member.name === typeName) ?? arrayType.of[0]
}

function isSlug(type: SchemaType | undefined): boolean {
  for (let t = type; t; t = t.type) if (t.name === 'slug') return true
  return false
}

/**
 * The form's own titles along a path, e.g. ["Core components", "Item 2",
 * "Name"], so a warning names the field the way the writer sees it. Segments
 * the schema does not know (a stale key, a field since removed) fall back to
 * their raw name rather than hiding the warning.
 */
export function fieldTitles(
  schemaType: SchemaType | undefined,
  path: readonly FieldPathSegment[],
  document: unknown,
): string[] {
  const titles: string[] = []
  let type = schemaType
  let value: unknown = document
  for (const segment of path) {
    // The form shows a slug as one input; its `current` is not a field of its own.
    if (isSlug(type)) break
    if (typeof segment === 'string') {
      const field =
        type && isObjectSchemaType(type) ? type.fields.find((f) => f.name === segment) : undefined
      titles.push(field?.type.title ?? segment)
      type = field?.type
      value = property(value, segment)
      continue
    }
    const index = itemIndex(value, segment)
    const item = Array.isArray(value) && index >= 0 ? value[index] : undefined
    titles.push(index >= 0 ? `Item ${index + 1}` : 'Removed item')
    type = type ? itemType(type, item) : undefined
    value = item
  }
  return titles
}
