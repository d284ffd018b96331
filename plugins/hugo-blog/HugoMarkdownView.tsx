import {Card, Flex, Spinner, Text} from '@sanity/ui'
import {lazy, Suspense, useCallback} from 'react'
import {type Path, pathToString} from 'sanity'
import {type UserViewComponent, usePaneRouter} from 'sanity/structure'
import type {SiteConfig} from '../../converter/config.ts'

export interface HugoMarkdownViewOptions {
  site: SiteConfig
}

// The converter and its markdown libraries are a large share of the Studio's
// weight, and most sessions never open this view: load them on first open.
const HugoMarkdownPane = lazy(() => import('./HugoMarkdownPane.tsx'))

function Loading() {
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
 * The "Hugo markdown" document view. Opening a field from a warning switches
 * back to the form with that field focused, the way a validation marker does.
 */
export const HugoMarkdownView: UserViewComponent<HugoMarkdownViewOptions> = (props) => {
  const {params, setParams} = usePaneRouter()
  const openField = useCallback(
    (path: Path) => {
      const {view: _view, ...rest} = params ?? {}
      setParams({...rest, path: pathToString(path)})
    },
    [params, setParams],
  )
  return (
    <Suspense fallback={<Loading />}>
      <HugoMarkdownPane
        document={props.document.displayed}
        site={props.options.site}
        schemaType={props.schemaType}
        onOpenField={openField}
      />
    </Suspense>
  )
}
