import {createHash} from 'node:crypto'

/**
 * Identity for imported documents. Importing the same post again must update
 * the document it made the first time (with `sanity dataset import --replace`)
 * rather than add a copy, and must produce byte-identical NDJSON, so ids and
 * keys come from the content's position, never from a clock or a counter that
 * depends on run order.
 */

/**
 * `post-<slug>`: the convention the sample dataset uses, so a post exported
 * from it and imported back lands on the document it came from.
 */
export function documentIdFor(slug: string): string {
  return `post-${slug}`
}

/** 12 hex characters of SHA-1 over the document id and the item's path. */
export function keyFor(documentId: string, path: string): string {
  return createHash('sha1').update(`${documentId}\u0000${path}`).digest('hex').slice(0, 12)
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/**
 * Gives every object in every array a `_key` derived from its path, replacing
 * whatever keys the builders used. Inside a text block, link `markDefs` get
 * new keys too, and the spans' `marks` follow them.
 */
export function assignKeys<T>(documentId: string, document: T): T {
  return rekey(documentId, document as Json, '') as T
}

function rekey(documentId: string, value: Json, path: string): Json {
  if (Array.isArray(value))
    return value.map((item, index) => {
      const itemPath = `${path}[${index}]`
      const rekeyed = rekey(documentId, item, itemPath)
      if (rekeyed === null || typeof rekeyed !== 'object' || Array.isArray(rekeyed)) return rekeyed
      return {_key: keyFor(documentId, itemPath), ...withoutKey(rekeyed)}
    })
  if (value === null || typeof value !== 'object') return value
  if (value['_type'] === 'block' && Array.isArray(value['markDefs']))
    return rekeyBlock(documentId, value, path)
  const out: {[key: string]: Json} = {}
  for (const [name, child] of Object.entries(value))
    out[name] = rekey(documentId, child, path === '' ? name : `${path}.${name}`)
  return out
}

function rekeyBlock(documentId: string, block: {[key: string]: Json}, path: string): Json {
  const renamed = new Map<string, string>()
  const markDefs = (block['markDefs'] as Json[]).map((def, index) => {
    if (def === null || typeof def !== 'object' || Array.isArray(def)) return def
    const key = keyFor(documentId, `${path}.markDefs[${index}]`)
    if (typeof def['_key'] === 'string') renamed.set(def['_key'], key)
    return {_key: key, ...withoutKey(def)}
  })
  const children = Array.isArray(block['children'])
    ? block['children'].map((child, index) => {
        if (child === null || typeof child !== 'object' || Array.isArray(child)) return child
        const marks = Array.isArray(child['marks'])
          ? child['marks'].map((mark) =>
              typeof mark === 'string' ? (renamed.get(mark) ?? mark) : mark,
            )
          : undefined
        const childPath = `${path}.children[${index}]`
        // An inline object (a footnote) holds text of its own, keyed the same way.
        const inner = rekey(documentId, withoutKey(child), childPath) as {[key: string]: Json}
        return {
          _key: keyFor(documentId, childPath),
          ...inner,
          ...(marks === undefined ? {} : {marks}),
        }
      })
    : block['children']
  const out: {[key: string]: Json} = {}
  for (const [name, child] of Object.entries(block)) {
    if (name === 'markDefs') out[name] = markDefs
    else if (name === 'children' && children !== undefined) out[name] = children
    else out[name] = rekey(documentId, child, `${path}.${name}`)
  }
  return out
}

function withoutKey(value: {[key: string]: Json}): {[key: string]: Json} {
  const {_key: _ignored, ...rest} = value
  return rest
}
