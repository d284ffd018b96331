type Op = {kind: ' ' | '-' | '+'; line: string}

/** Splits into lines, remembering whether the text ended with a newline. */
function lines(text: string): string[] {
  if (text === '') return []
  const parts = text.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts
}

/**
 * The shortest edit script between two line lists (Myers' O(ND) algorithm): small
 * edits to long posts cost little, which matters when a dry run diffs many files.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length
  const m = b.length
  const max = n + m
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = true
        break
      }
    }
  }
  const ops: Op[] = []
  let x = n
  let y = m
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array
    const k = x - y
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0))
    const prevK = down ? k + 1 : k - 1
    const prevX = vd[offset + prevK] ?? 0
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push({kind: ' ', line: a[x - 1] as string})
      x--
      y--
    }
    if (d > 0) {
      if (down) ops.push({kind: '+', line: b[y - 1] as string})
      else ops.push({kind: '-', line: a[x - 1] as string})
    }
    x = prevX
    y = prevY
  }
  return ops.reverse()
}

/**
 * A unified diff (`diff -u` / `git diff` style) of one file; empty when equal.
 * `undefined` stands for a file that does not exist on that side.
 */
export function unifiedDiff(
  path: string,
  before: string | undefined,
  after: string | undefined,
  context = 3,
): string {
  if (before === after) return ''
  const a = lines(before ?? '')
  const b = lines(after ?? '')
  const ops = editScript(a, b)
  const header = [
    `--- ${before === undefined ? '/dev/null' : `a/${path}`}`,
    `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`,
  ]
  const out: string[] = []
  let i = 0
  let aLine = 0
  let bLine = 0
  const positions = ops.map((op) => {
    const at = {a: aLine, b: bLine}
    if (op.kind !== '+') aLine++
    if (op.kind !== '-') bLine++
    return at
  })
  while (i < ops.length) {
    if ((ops[i] as Op).kind === ' ') {
      i++
      continue
    }
    const start = Math.max(0, i - context)
    let end = i
    // Extend the hunk while the next change is within two contexts.
    for (let j = i; j < ops.length; j++) {
      if ((ops[j] as Op).kind !== ' ') end = j
      else if (j - end > 2 * context) break
    }
    const stop = Math.min(ops.length, end + context + 1)
    const hunk = ops.slice(start, stop)
    const from = positions[start] as {a: number; b: number}
    const aCount = hunk.filter((op) => op.kind !== '+').length
    const bCount = hunk.filter((op) => op.kind !== '-').length
    out.push(
      `@@ -${aCount === 0 ? from.a : from.a + 1},${aCount} +${bCount === 0 ? from.b : from.b + 1},${bCount} @@`,
    )
    for (const op of hunk) out.push(`${op.kind}${op.line}`)
    i = stop
  }
  // Equal lines but different text: only the final newline differs.
  if (out.length === 0) out.push('@@ the files differ only in the final newline @@')
  return `${[...header, ...out].join('\n')}\n`
}
