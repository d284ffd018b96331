import {Button, Card, Flex, Stack, Text} from '@sanity/ui'
import {useCallback, useEffect, useState} from 'react'
import {
  checkExportStatus,
  type ExportStatus,
  type ExportStatusConfig,
  type PublishedPost,
} from './helpers/exportStatus.ts'

// While an export is awaited, the manifest is read again this often.
const RECHECK_MS = 30_000

function statusText(status: ExportStatus | undefined): {
  tone: 'positive' | 'caution' | 'default'
  text: string
} {
  if (status === undefined) return {tone: 'default', text: 'Checking the blog…'}
  switch (status.kind) {
    case 'unpublished':
      return {tone: 'default', text: 'Not on the blog yet: publish to send it there.'}
    case 'waiting':
      return {
        tone: 'caution',
        text: 'Waiting for the next export: the published version is not on the blog yet. It usually arrives within minutes.',
      }
    case 'live': {
      const since = status.commit ? ` since ${status.commit.sha.slice(0, 7)}` : ''
      return status.hidden
        ? {
            tone: 'caution',
            text: `In the blog repository${since}, hidden on the site (Hugo draft).`,
          }
        : {tone: 'positive', text: `Live${since}.`}
    }
    case 'unknown':
      return {tone: 'default', text: `Could not check the blog: ${status.reason}.`}
  }
}

/** Where the published post lives on the blog, and whether the export has put it there yet. */
export function ExportStatusCard(props: {
  address: string
  published: PublishedPost | undefined
  config: ExportStatusConfig
}) {
  const {address, published, config} = props
  const [status, setStatus] = useState<ExportStatus | undefined>(undefined)
  const [round, setRound] = useState(0)
  const check = useCallback(() => setRound((n) => n + 1), [])

  const id = published?._id
  const rev = published?._rev
  const hidden = published?.hidden ?? false
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` changes to ask for a new check
  useEffect(() => {
    let live = true
    const post = id === undefined || rev === undefined ? undefined : {_id: id, _rev: rev, hidden}
    setStatus(undefined)
    checkExportStatus(post, config, (url, init) => fetch(url, init)).then((next) => {
      if (live) setStatus(next)
    })
    return () => {
      live = false
    }
  }, [id, rev, hidden, config, round])

  useEffect(() => {
    if (status?.kind !== 'waiting') return
    const timer = setTimeout(check, RECHECK_MS)
    return () => clearTimeout(timer)
  }, [status, check])

  const {tone, text} = statusText(status)
  const commit = status?.kind === 'live' ? status.commit : undefined
  return (
    <Card tone={tone} padding={3} radius={2} border data-testid="export-status">
      <Stack gap={3}>
        <Text size={1} weight="semibold" data-testid="export-status-text">
          {text}
        </Text>
        {published ? (
          <Text size={1}>
            On the blog at{' '}
            <a href={address} target="_blank" rel="noreferrer" data-testid="export-status-address">
              {address}
            </a>
          </Text>
        ) : null}
        <Flex gap={3} wrap="wrap" align="center">
          {commit ? (
            <Text size={1}>
              <a
                href={commit.url}
                target="_blank"
                rel="noreferrer"
                data-testid="export-status-commit"
              >
                Commit {commit.sha.slice(0, 7)}
                {commit.date ? ` (${commit.date.slice(0, 16).replace('T', ' ')} UTC)` : ''}
              </a>
            </Text>
          ) : null}
          <Text size={1}>
            <a href={config.workflowRunsUrl} target="_blank" rel="noreferrer">
              Export runs
            </a>
          </Text>
          {published ? (
            <Button mode="ghost" fontSize={1} padding={2} text="Check again" onClick={check} />
          ) : null}
        </Flex>
      </Stack>
    </Card>
  )
}
