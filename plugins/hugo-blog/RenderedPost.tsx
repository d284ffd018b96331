import {Card, Flex, Spinner, Text} from '@sanity/ui'
import {useEffect, useState} from 'react'

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/

const PAGE_STYLE = `
body{font:16px/1.6 system-ui,sans-serif;margin:0;padding:16px 24px;color:#1f2328;max-width:760px}
pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:90%}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px}
img{max-width:100%}
`

/**
 * The post body as HTML, close to what the blog shows. Math stays as written,
 * because the blog renders it in the browser. The HTML is shown in a sandboxed
 * frame without scripts: posts may embed raw HTML, which must not run inside
 * the Studio.
 */
export function RenderedPost({markdown}: {markdown: string}) {
  const [html, setHtml] = useState<string | undefined>(undefined)
  useEffect(() => {
    let cancelled = false
    // A separate chunk: only writers who open this tab pay for it.
    import('markdown-it').then(({default: MarkdownIt}) => {
      if (cancelled) return
      // Like the blog's Goldmark with `unsafe: true`: raw HTML passes through.
      const md = new MarkdownIt({html: true})
      setHtml(md.render(markdown.replace(FRONT_MATTER, '')))
    })
    return () => {
      cancelled = true
    }
  }, [markdown])
  if (html === undefined)
    return (
      <Flex align="center" gap={3} padding={3}>
        <Spinner muted />
        <Text muted size={1}>
          Rendering…
        </Text>
      </Flex>
    )
  return (
    <Card border radius={2} overflow="hidden">
      <iframe
        title="Rendered post"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><style>${PAGE_STYLE}</style>${html}`}
        style={{display: 'block', width: '100%', height: '70vh', border: 0, background: '#fff'}}
      />
    </Card>
  )
}
