import {Card} from '@sanity/ui'
import {useLayoutEffect, useMemo, useRef} from 'react'
import type {LineRange} from './helpers/markdownRegion.ts'

const MONOSPACE: React.CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 13,
  lineHeight: 1.5,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  margin: 0,
}

const MARKED: React.CSSProperties = {
  background: 'var(--card-badge-caution-bg-color, #fdf5d3)',
}

/**
 * The exported file, scrolled to the part written from the field being
 * edited, which is marked. Its text is exactly the file: each line is a span.
 */
export function MarkdownSource({markdown, region}: {markdown: string; region: LineRange}) {
  const scroller = useRef<HTMLDivElement>(null)
  const lines = useMemo(() => markdown.split('\n'), [markdown])
  const last = lines.length - 1

  useLayoutEffect(() => {
    const box = scroller.current
    const line = box?.querySelector<HTMLElement>(`[data-line="${region.start}"]`)
    if (box && line) box.scrollTop = Math.max(0, line.offsetTop - 8)
  }, [region.start])

  return (
    <Card
      ref={scroller}
      padding={3}
      radius={2}
      border
      tone="transparent"
      overflow="auto"
      style={{maxHeight: '70vh', position: 'relative'}}
      data-testid="hugo-markdown-scroller"
    >
      <pre style={MONOSPACE} data-testid="hugo-markdown-source">
        {lines.map((line, i) => {
          const marked = i >= region.start && i < region.end
          return (
            <span
              // Lines are positions in one file: the index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              key={i}
              data-line={i}
              data-marked={marked || undefined}
              style={marked ? MARKED : undefined}
            >
              {i < last ? `${line}\n` : line}
            </span>
          )
        })}
      </pre>
    </Card>
  )
}
