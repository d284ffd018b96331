import {useMemo} from 'react'
import {type Path, useClient} from 'sanity'
import {useDocumentPane} from 'sanity/structure'
import type {SiteConfig} from '../../converter/config.ts'
import type {HugoMarkdownPaneProps} from './HugoMarkdownPane.tsx'
import {cdnImageUrl} from './helpers/cdn.ts'
import type {ExportStatusConfig, PublishedPost} from './helpers/exportStatus.ts'
import type {FieldPathSegment} from './helpers/fieldLabel.ts'

export interface PreviewSettings {
  site: SiteConfig
  /** Where to read whether a published post has reached the blog; absent, it is not shown. */
  exportStatus?: ExportStatusConfig | undefined
}

const API_VERSION = '2025-02-19'

/** A marker's path in the form the pane names fields by; index ranges (never on a field) are dropped. */
function fieldPath(path: Path): FieldPathSegment[] {
  return path.flatMap((segment): FieldPathSegment[] => (Array.isArray(segment) ? [] : [segment]))
}

function publishedSlug(slug: unknown): string | undefined {
  const current =
    typeof slug === 'object' && slug !== null && 'current' in slug ? slug.current : undefined
  return typeof current === 'string' && current !== '' ? current : undefined
}

/** What the preview shows, from the document pane it sits in. */
export function usePreviewProps(
  settings: PreviewSettings,
  onOpenField: (path: Path) => void,
): HugoMarkdownPaneProps {
  const {displayed, schemaType, validation, focusPath, editState} = useDocumentPane()
  const client = useClient({apiVersion: API_VERSION})
  const cdnUrl = useMemo(() => cdnImageUrl(client.config()), [client])
  const validationErrors = useMemo(
    () =>
      validation
        .filter((marker) => marker.level === 'error')
        .map((marker) => ({path: fieldPath(marker.path), message: marker.message})),
    [validation],
  )
  const publishedDoc = editState?.published
  const published = useMemo<PublishedPost | undefined>(
    () =>
      publishedDoc
        ? {
            _id: publishedDoc._id,
            _rev: publishedDoc._rev,
            hidden: publishedDoc['hugoDraft'] === true,
            slug: publishedSlug(publishedDoc['slug']),
          }
        : undefined,
    [publishedDoc],
  )
  return {
    document: displayed,
    site: settings.site,
    schemaType,
    onOpenField,
    validationErrors,
    focusPath,
    cdnUrl,
    published,
    exportStatus: settings.exportStatus,
  }
}
