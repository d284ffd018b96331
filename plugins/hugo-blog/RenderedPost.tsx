import {Card, Flex, Spinner, Text} from '@sanity/ui'
import {useEffect, useState} from 'react'
import type {SiteConfig} from '../../converter/config.ts'
import type {AssetPlacement, RenderResult} from '../../converter/index.ts'

/**
 * The post as the blog shows it: PaperMod's layout and styles, math typeset
 * with the blog's MathJax settings, images from the Sanity CDN. It is shown
 * in a sandboxed frame without scripts: posts may embed raw HTML, which must
 * not run inside the Studio.
 */
export function RenderedPost(props: {
  result: RenderResult
  site: SiteConfig
  cdnUrl: (asset: AssetPlacement) => string | undefined
}) {
  const {result, site, cdnUrl} = props
  const [page, setPage] = useState<string | undefined>(undefined)
  useEffect(() => {
    let cancelled = false
    // A separate chunk (markdown-it, MathJax, PaperMod's CSS): only writers who open this tab pay for it.
    import('./rendered/renderPage.ts').then(({renderPage}) => {
      if (!cancelled) setPage(renderPage(result, site, cdnUrl))
    })
    return () => {
      cancelled = true
    }
  }, [result, site, cdnUrl])
  if (page === undefined)
    return (
      <Flex align="center" gap={3} padding={3}>
        <Spinner muted />
        <Text muted size={1}>
          Typesetting…
        </Text>
      </Flex>
    )
  return (
    <Card border radius={2} overflow="hidden">
      <iframe
        title="Rendered post"
        data-testid="hugo-rendered-frame"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={page}
        style={{display: 'block', width: '100%', height: '70vh', border: 0, background: '#fff'}}
      />
    </Card>
  )
}
