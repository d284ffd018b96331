import {Card, Flex, Spinner, Text} from '@sanity/ui'
import {lazy, Suspense, useCallback} from 'react'
import {type Path, pathToString} from 'sanity'
import {useRouter} from 'sanity/router'
import {type RouterPanes, type UserViewComponent, usePaneRouter} from 'sanity/structure'
import type {PreviewSettings} from './usePreviewProps.ts'
import {usePreviewProps} from './usePreviewProps.ts'

export type HugoMarkdownViewOptions = PreviewSettings

export const HUGO_MARKDOWN_VIEW_ID = 'hugo-markdown'

// The converter and its markdown libraries are a large share of the Studio's
// weight: they load when a preview first opens.
export const HugoMarkdownPane = lazy(() => import('./HugoMarkdownPane.tsx'))

export function Loading() {
  return (
    <Card padding={4}>
      <Flex align="center" gap={3}>
        <Spinner muted />
        <Text muted size={1}>
          Loading the Hugo converter…
        </Text>
      </Flex>
    </Card>
  )
}

/**
 * The panes with `path` set on the form showing beside this view in a split,
 * or undefined when no sibling shows the form.
 */
export function withFieldOpenBeside(
  panes: RouterPanes,
  group: number,
  self: number,
  path: string,
): RouterPanes | undefined {
  const siblings = panes[group] ?? []
  const form = siblings.findIndex(
    (pane, i) => i !== self && (pane.params?.['view'] ?? 'editor') === 'editor',
  )
  if (form === -1) return undefined
  return panes.map((siblingsOf, g) =>
    g !== group
      ? siblingsOf
      : siblingsOf.map((pane, i) =>
          i === form ? {...pane, params: {...pane.params, path}} : pane,
        ),
  )
}

/**
 * The "Hugo markdown" document view. "Go to field" opens the field in the form
 * beside it when the pane is split, and otherwise switches this pane to the
 * form with the field focused, the way a validation marker does.
 */
export const HugoMarkdownView: UserViewComponent<HugoMarkdownViewOptions> = (props) => {
  const {params, setParams, routerPanesState, groupIndex, siblingIndex} = usePaneRouter()
  const router = useRouter()
  const openField = useCallback(
    (path: Path) => {
      const beside = withFieldOpenBeside(
        routerPanesState,
        groupIndex,
        siblingIndex,
        pathToString(path),
      )
      if (beside) {
        router.navigate({...router.state, panes: beside})
        return
      }
      const {view: _view, ...rest} = params ?? {}
      setParams({...rest, path: pathToString(path)})
    },
    [params, setParams, routerPanesState, groupIndex, siblingIndex, router],
  )
  const preview = usePreviewProps(props.options, openField)
  return (
    <Suspense fallback={<Loading />}>
      <HugoMarkdownPane {...preview} />
    </Suspense>
  )
}
