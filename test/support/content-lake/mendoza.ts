import {isDeepStrictEqual} from 'node:util'
import type {RawPatch} from 'mendoza'
import type {Doc} from './types.ts'

// Opcodes of the mendoza patch format (indexes into its operation table).
const OP_VALUE = 0
const OP_COPY = 1
const OP_OBJECT_SET_FIELD_VALUE = 17
const OP_OBJECT_DELETE_FIELD = 19

/** The document as listeners see it: they apply effects to their copy without `_rev`. */
export function withoutRev(doc: Doc | null): Omit<Doc, '_rev'> | null {
  if (doc === null) return null
  const {_rev, ...rest} = doc
  return rest
}

/**
 * A mendoza patch turning `left` into `right`.
 *
 * Works on top-level fields only: a changed field is sent whole. That is coarser than
 * what the real API sends but applies to the same result, which is all a client checks.
 */
export function mendozaDiff(
  left: Record<string, unknown> | null,
  right: Record<string, unknown> | null,
): RawPatch {
  if (left === null || right === null) return [OP_VALUE, right]
  const patch: RawPatch = [OP_COPY]
  // Field indexes refer to the input's keys in this exact order (the patcher sorts them so).
  const leftKeys = Object.keys(left).sort()
  leftKeys.forEach((key, index) => {
    if (!Object.hasOwn(right, key)) patch.push(OP_OBJECT_DELETE_FIELD, index)
  })
  for (const [key, value] of Object.entries(right)) {
    if (!Object.hasOwn(left, key) || !isDeepStrictEqual(left[key], value)) {
      patch.push(OP_OBJECT_SET_FIELD_VALUE, value, key)
    }
  }
  return patch
}

export function mendozaEffects(
  before: Doc | null,
  after: Doc | null,
): {apply: RawPatch; revert: RawPatch} {
  const left = withoutRev(before)
  const right = withoutRev(after)
  return {apply: mendozaDiff(left, right), revert: mendozaDiff(right, left)}
}
