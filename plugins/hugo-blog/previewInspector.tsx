import {EyeOpenIcon} from '@sanity/icons/EyeOpen'
import {Box, Card, Flex, Text} from '@sanity/ui'
import {Suspense, useCallback, useEffect} from 'react'
import type {DocumentInspector, DocumentInspectorProps, Path} from 'sanity'
import {DocumentInspectorHeader, useDocumentPane} from 'sanity/structure'
import {HUGO_MARKDOWN_VIEW_ID, HugoMarkdownPane, Loading} from './HugoMarkdownView.tsx'
import {type PreviewSettings, usePreviewProps} from './usePreviewProps.ts'

export const PREVIEW_INSPECTOR = 'hugo-preview'

// Remembered per browser: a writer who closes the preview keeps it closed.
const PREFERENCE = 'hugo-blog.preview-beside'
// Below this width the form and the preview would both be too narrow to use.
const WIDE_ENOUGH = 1200

/** The writer's choice, where the browser keeps one. */
function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage
  } catch {
    return undefined
  }
}

/** Whether the preview opens by itself: on a wide enough screen, unless the writer closed it. */
export function previewWanted(store: Pick<Storage, 'getItem'> | undefined, width: number): boolean {
  return store?.getItem(PREFERENCE) !== 'closed' && width >= WIDE_ENOUGH
}

export function rememberPreview(
  store: Pick<Storage, 'setItem'> | undefined,
  choice: 'open' | 'closed',
) {
  try {
    store?.setItem(PREFERENCE, choice)
  } catch {
    // A browser that keeps nothing (private mode, full storage) asks again next time.
  }
}

/**
 * The preview beside the form, in the document pane's inspector panel: the
 * same view of the exported file, and "Go to field" focuses the form next to
 * it rather than replacing the preview.
 */
export function hugoPreviewInspector(settings: PreviewSettings): DocumentInspector {
  // Made once per plugin, so the component keeps its identity across renders.
  // biome-ignore lint/correctness/noComponentHookFactories: the settings are the plugin's options
  function PreviewInspector(props: DocumentInspectorProps) {
    const {onPathOpen, onFocus, activeViewId} = useDocumentPane()
    const openField = useCallback(
      (path: Path) => {
        onPathOpen(path)
        onFocus(path)
      },
      [onPathOpen, onFocus],
    )
    const preview = usePreviewProps(settings, openField)
    return (
      <Flex direction="column" height="fill" data-testid="hugo-preview-inspector">
        <DocumentInspectorHeader
          as="header"
          flex="none"
          closeButtonLabel="Close the preview"
          onClose={props.onClose}
          title="Preview: the post on the blog"
        />
        <Card flex={1} overflow="auto">
          {activeViewId === HUGO_MARKDOWN_VIEW_ID ? (
            // The same preview fills the pane beside: showing it twice would only crowd it.
            <Box padding={4}>
              <Text size={1} muted>
                The preview is open in full in the Hugo markdown view. Switch to the Editor to write
                beside it.
              </Text>
            </Box>
          ) : (
            <Suspense fallback={<Loading />}>
              <HugoMarkdownPane {...preview} />
            </Suspense>
          )}
        </Card>
      </Flex>
    )
  }
  return {
    name: PREVIEW_INSPECTOR,
    component: PreviewInspector,
    useMenuItem: () => ({icon: EyeOpenIcon, title: 'Preview', showAsAction: true}),
    onOpen: ({params}) => {
      rememberPreview(storage(), 'open')
      return {params}
    },
    onClose: ({params}) => {
      rememberPreview(storage(), 'closed')
      return {params}
    },
  }
}

/**
 * Wraps a post's form: opens the preview beside it on a wide enough screen,
 * unless the writer has closed it before.
 */
export function OpensPreview({children}: {children: React.ReactNode}) {
  const {inspector, openInspector} = useDocumentPane()
  // Once, when the form first shows: afterwards the writer decides.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only
  useEffect(() => {
    if (!inspector && previewWanted(storage(), window.innerWidth)) openInspector(PREVIEW_INSPECTOR)
  }, [])
  return <Box>{children}</Box>
}
