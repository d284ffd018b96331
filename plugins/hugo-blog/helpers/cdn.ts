import type {AssetPlacement} from '../../../converter/index.ts'

export interface ClientFacts {
  projectId?: string | undefined
  dataset?: string | undefined
  apiHost?: string | undefined
}

/**
 * An uploaded image's address on the Sanity CDN, where it exists before any
 * export. The CDN sits beside the API host (`api.` becomes `cdn.`), as Sanity's
 * image URL builder has it; a Studio pointed at another API host is served
 * from that host.
 */
export function cdnImageUrl(client: ClientFacts): (asset: AssetPlacement) => string | undefined {
  const host = (client.apiHost ?? 'https://api.sanity.io').replace('://api.', '://cdn.')
  return (asset) =>
    asset.source.kind === 'ref' && client.projectId && client.dataset
      ? `${host}/images/${client.projectId}/${client.dataset}/${asset.fileName}`
      : undefined
}
