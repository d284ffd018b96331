import {CheckmarkIcon} from '@sanity/icons/Checkmark'
import {CopyIcon} from '@sanity/icons/Copy'
import {Box, Button, Card, Flex, Label, Stack, Tab, TabList, TabPanel, Text} from '@sanity/ui'
import {useDeferredValue, useId, useMemo, useState} from 'react'
import type {Path, SchemaType} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {RenderError, type RenderResult, renderPost} from '../../converter/index.ts'
import {describeTime, type PostStatus, postStatus, statusLabel} from '../../converter/schedule.ts'
import {sectionCompleteness} from './helpers/completeness.ts'
import {errorReason} from './helpers/errorReason.ts'
import {type FieldPathSegment, fieldTitles} from './helpers/fieldLabel.ts'
import {RenderedPost} from './RenderedPost.tsx'
import {SectionList} from './SectionList.tsx'
import {sectionsFor} from './sections.ts'

export interface HugoMarkdownPaneProps {
  /** The document as the form shows it, drafts included; empty until it loads. */
  document: unknown
  site: SiteConfig
  schemaType?: SchemaType | undefined
  /** Switches to the form with this field focused; without it, fields are only named. */
  onOpenField?: ((path: Path) => void) | undefined
}

type Outcome =
  | {kind: 'loading'}
  | {kind: 'rendered'; result: RenderResult}
  | {kind: 'invalid'; error: RenderError}
  | {kind: 'failed'; message: string}

function render(document: unknown, site: SiteConfig): Outcome {
  if (typeof document !== 'object' || document === null || !('_type' in document))
    return {kind: 'loading'}
  try {
    return {kind: 'rendered', result: renderPost(document, site)}
  } catch (error) {
    if (error instanceof RenderError) return {kind: 'invalid', error}
    // A converter bug must not take the Studio pane down with it.
    return {kind: 'failed', message: error instanceof Error ? error.message : String(error)}
  }
}

const MONOSPACE: React.CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 13,
  lineHeight: 1.5,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  margin: 0,
}

function FieldProblem(props: {
  tone: 'caution' | 'critical'
  path: FieldPathSegment[]
  message: string
  document: unknown
  schemaType: SchemaType | undefined
  onOpenField: ((path: Path) => void) | undefined
}) {
  const {tone, path, message, document, schemaType, onOpenField} = props
  const titles = path.length > 0 ? fieldTitles(schemaType, path, document) : ['Post']
  return (
    <Card as="li" tone={tone} padding={3} radius={2} border data-testid="hugo-markdown-warning">
      <Flex align="flex-start" gap={3}>
        <Stack gap={2} flex={1}>
          <Text size={1} weight="semibold" data-testid="hugo-markdown-warning-field">
            {titles.join(' › ')}
          </Text>
          <Text size={1} data-testid="hugo-markdown-warning-message">
            {message}
          </Text>
        </Stack>
        {onOpenField && path.length > 0 ? (
          <Button
            mode="ghost"
            fontSize={1}
            padding={2}
            text="Go to field"
            onClick={() => onOpenField(path)}
          />
        ) : null}
      </Flex>
    </Card>
  )
}

/** Whether the blog shows the post now: "Scheduled for …" or "Expired", and what that means. */
function ScheduleNote({status}: {status: PostStatus}) {
  const label = statusLabel(status)
  if (label === undefined || status.kind === 'shown') return null
  const meaning =
    status.kind === 'scheduled'
      ? 'Publishing sends the file to the blog now; the post appears there at that time, within about 15 minutes.'
      : `The post was taken off the blog at ${describeTime(status.at)}; its file stays in the repository.`
  return (
    <Card
      tone={status.kind === 'scheduled' ? 'primary' : 'caution'}
      padding={3}
      radius={2}
      border
      data-testid="hugo-markdown-schedule"
    >
      <Text size={1}>
        <strong>{label}.</strong> {meaning}
      </Text>
    </Card>
  )
}

function CopyButton({text}: {text: string}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
    if (!clipboard) {
      setState('failed')
      return
    }
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  }
  return (
    <Button
      icon={state === 'copied' ? CheckmarkIcon : CopyIcon}
      mode="ghost"
      fontSize={1}
      padding={2}
      text={
        state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Copy failed: select the text instead'
            : 'Copy markdown'
      }
      onClick={copy}
      data-testid="hugo-markdown-copy"
    />
  )
}

/**
 * The exact file the exporter writes for this post, rendered by the same
 * converter with the same site options, with the problems it found.
 */
export default function HugoMarkdownPane(props: HugoMarkdownPaneProps) {
  const {site, schemaType, onOpenField} = props
  // Typing stays responsive on long posts: React renders the preview when idle.
  const document = useDeferredValue(props.document)
  const outcome = useMemo(() => render(document, site), [document, site])
  const [tab, setTab] = useState<'markdown' | 'rendered' | 'sections'>('markdown')
  const sections = sectionsFor(
    typeof document === 'object' && document !== null && '_type' in document
      ? document._type
      : undefined,
  )
  const completeness = useMemo(
    () => (sections === undefined ? undefined : sectionCompleteness(document, sections)),
    [document, sections],
  )
  const id = useId()

  return (
    <Box padding={4} data-testid="hugo-markdown-pane">
      <Stack gap={4}>
        <Text size={1} muted>
          This is the file the exporter writes to the blog for this post, as it stands now. It
          updates as you type.
          {completeness ? ' Sections you leave empty are left out of the post.' : null}
        </Text>

        {outcome.kind === 'loading' ? (
          <Text size={1} muted>
            Waiting for the document…
          </Text>
        ) : null}

        {outcome.kind === 'failed' ? (
          <Card tone="critical" padding={3} radius={2} border data-testid="hugo-markdown-error">
            <Text size={1}>The converter failed on this post: {outcome.message}</Text>
          </Card>
        ) : null}

        {outcome.kind === 'invalid' ? (
          <Stack gap={3} data-testid="hugo-markdown-error">
            <Text size={1} weight="semibold">
              This post cannot be exported yet
            </Text>
            <Stack as="ul" gap={2} style={{margin: 0, padding: 0, listStyle: 'none'}}>
              <FieldProblem
                tone="critical"
                path={outcome.error.path}
                message={errorReason(outcome.error)}
                document={document}
                schemaType={schemaType}
                onOpenField={onOpenField}
              />
            </Stack>
          </Stack>
        ) : null}

        {outcome.kind === 'rendered' ? (
          <>
            <Flex align="center" gap={3} wrap="wrap">
              <Stack gap={2} flex={1}>
                <Label size={1} muted>
                  File in the blog repository
                </Label>
                <Text size={1}>
                  <code data-testid="hugo-markdown-path">{outcome.result.path}</code>
                </Text>
              </Stack>
              <CopyButton text={outcome.result.markdown} />
            </Flex>

            <ScheduleNote status={postStatus(outcome.result.schedule, Date.now())} />

            {outcome.result.assets.length > 0 ? (
              <Stack gap={2}>
                <Label size={1} muted>
                  Images copied with it
                </Label>
                {outcome.result.assets.map((asset) => (
                  <Text key={asset.path} size={1}>
                    <code>{asset.path}</code>
                  </Text>
                ))}
              </Stack>
            ) : null}

            {outcome.result.warnings.length > 0 ? (
              <Stack gap={3}>
                <Text size={1} weight="semibold">
                  {outcome.result.warnings.length === 1
                    ? '1 thing to check'
                    : `${outcome.result.warnings.length} things to check`}
                </Text>
                <Stack
                  as="ul"
                  gap={2}
                  style={{margin: 0, padding: 0, listStyle: 'none'}}
                  data-testid="hugo-markdown-warnings"
                >
                  {outcome.result.warnings.map((warning) => (
                    <FieldProblem
                      key={`${warning.pathString}\n${warning.message}`}
                      tone="caution"
                      path={warning.path}
                      message={warning.message}
                      document={document}
                      schemaType={schemaType}
                      onOpenField={onOpenField}
                    />
                  ))}
                </Stack>
              </Stack>
            ) : null}

            <TabList gap={2}>
              <Tab
                id={`${id}-markdown-tab`}
                aria-controls={`${id}-markdown-panel`}
                label="Markdown"
                selected={tab === 'markdown'}
                onClick={() => setTab('markdown')}
              />
              <Tab
                id={`${id}-rendered-tab`}
                aria-controls={`${id}-rendered-panel`}
                label="Rendered"
                selected={tab === 'rendered'}
                onClick={() => setTab('rendered')}
              />
              {completeness ? (
                <Tab
                  id={`${id}-sections-tab`}
                  aria-controls={`${id}-sections-panel`}
                  label={`Sections ${completeness.filled.length}/${completeness.sections.length}`}
                  selected={tab === 'sections'}
                  onClick={() => setTab('sections')}
                />
              ) : null}
            </TabList>

            <TabPanel
              id={`${id}-markdown-panel`}
              aria-labelledby={`${id}-markdown-tab`}
              hidden={tab !== 'markdown'}
            >
              <Card padding={3} radius={2} border tone="transparent" overflow="auto">
                <pre style={MONOSPACE} data-testid="hugo-markdown-source">
                  {outcome.result.markdown}
                </pre>
              </Card>
            </TabPanel>
            <TabPanel
              id={`${id}-rendered-panel`}
              aria-labelledby={`${id}-rendered-tab`}
              hidden={tab !== 'rendered'}
            >
              {tab === 'rendered' ? <RenderedPost markdown={outcome.result.markdown} /> : null}
            </TabPanel>
            {completeness ? (
              <TabPanel
                id={`${id}-sections-panel`}
                aria-labelledby={`${id}-sections-tab`}
                hidden={tab !== 'sections'}
              >
                <SectionList completeness={completeness} onOpenField={onOpenField} />
              </TabPanel>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Box>
  )
}
