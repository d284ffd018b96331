import {CheckmarkIcon} from '@sanity/icons/Checkmark'
import {CopyIcon} from '@sanity/icons/Copy'
import {Box, Button, Card, Flex, Label, Stack, Tab, TabList, TabPanel, Text} from '@sanity/ui'
import {useDeferredValue, useId, useMemo, useState} from 'react'
import type {Path, SchemaType} from 'sanity'
import type {SiteConfig} from '../../converter/config.ts'
import {
  type AssetPlacement,
  blockingProblems,
  RenderError,
  type RenderResult,
  renderPost,
} from '../../converter/index.ts'
import {postUrl} from '../../converter/path.ts'
import {describeTime, type PostStatus, postStatus, statusLabel} from '../../converter/schedule.ts'
import {ExportStatusCard} from './ExportStatusCard.tsx'
import {sectionCompleteness} from './helpers/completeness.ts'
import type {ExportStatusConfig, PublishedPost} from './helpers/exportStatus.ts'
import {type FieldPathSegment, fieldTitles} from './helpers/fieldLabel.ts'
import {markdownRegion} from './helpers/markdownRegion.ts'
import {MarkdownSource} from './MarkdownSource.tsx'
import {RenderedPost} from './RenderedPost.tsx'
import {SectionList} from './SectionList.tsx'
import {sectionsFor} from './sections.ts'

/** A problem that stops publishing: Sanity's validation errors, and what stops an export. */
export interface BlockingProblem {
  path: FieldPathSegment[]
  message: string
}

export interface HugoMarkdownPaneProps {
  /** The document as the form shows it, drafts included; empty until it loads. */
  document: unknown
  site: SiteConfig
  schemaType?: SchemaType | undefined
  /** Opens this field in the form; without it, fields are only named. */
  onOpenField?: ((path: Path) => void) | undefined
  /** The document's validation errors, which block publishing. */
  validationErrors?: readonly BlockingProblem[] | undefined
  /** The field being edited in the form: the Markdown tab shows the part written from it. */
  focusPath?: readonly unknown[] | undefined
  /** The image's address on the Sanity CDN, so the Rendered tab can show images not yet exported. */
  cdnUrl?: ((asset: AssetPlacement) => string | undefined) | undefined
  /** The published version, and where to read whether it has reached the blog. */
  published?: PublishedPost | undefined
  exportStatus?: ExportStatusConfig | undefined
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

const NO_CDN = () => undefined

/**
 * Everything that blocks publishing, once per field: Sanity's errors first
 * (they are what stops the Publish button), then anything the converter
 * adds that they do not already name.
 */
function blockers(
  document: unknown,
  outcome: Outcome,
  validation: readonly BlockingProblem[],
): BlockingProblem[] {
  const listed =
    outcome.kind === 'invalid' && typeof document === 'object' && document !== null
      ? blockingProblems(document as Record<string, unknown>)
      : []
  // What the converter threw is always shown, should it be something blockingProblems does not list.
  const converter =
    outcome.kind === 'invalid' && listed.length === 0
      ? [{path: outcome.error.path, message: outcome.error.message}]
      : listed
  const fieldOf = (path: readonly FieldPathSegment[]) => String(path[0] ?? '')
  const named = new Set(validation.map((problem) => fieldOf(problem.path)))
  return [...validation, ...converter.filter((problem) => !named.has(fieldOf(problem.path)))]
}

function FieldProblem(props: {
  tone: 'caution' | 'critical'
  path: FieldPathSegment[]
  message: string
  document: unknown
  schemaType: SchemaType | undefined
  onOpenField: ((path: Path) => void) | undefined
  testId: string
}) {
  const {tone, path, message, document, schemaType, onOpenField, testId} = props
  const titles = path.length > 0 ? fieldTitles(schemaType, path, document) : ['Post']
  return (
    <Card as="li" tone={tone} padding={3} radius={2} border data-testid={testId}>
      <Flex align="flex-start" gap={3}>
        <Stack gap={2} flex={1}>
          <Text size={1} weight="semibold" data-testid={`${testId}-field`}>
            {titles.join(' › ')}
          </Text>
          <Text size={1} data-testid={`${testId}-message`}>
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

const LIST_STYLE: React.CSSProperties = {margin: 0, padding: 0, listStyle: 'none'}
// A long file path wraps inside the narrow preview beside the form instead of running off it.
const PATH_STYLE: React.CSSProperties = {overflowWrap: 'anywhere'}

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

/** The problems that stop publishing, all at once, each with its field. */
function Blockers(props: {
  problems: readonly BlockingProblem[]
  document: unknown
  schemaType: SchemaType | undefined
  onOpenField: ((path: Path) => void) | undefined
}) {
  const {problems, ...field} = props
  if (problems.length === 0) return null
  return (
    <Stack gap={3} data-testid="hugo-markdown-error">
      <Text size={1} weight="semibold">
        {problems.length === 1
          ? 'Fix this before publishing'
          : `Fix these ${problems.length} things before publishing`}
      </Text>
      <Stack as="ul" gap={2} style={LIST_STYLE}>
        {problems.map((problem) => (
          <FieldProblem
            key={`${JSON.stringify(problem.path)}\n${problem.message}`}
            tone="critical"
            path={problem.path}
            message={problem.message}
            testId="hugo-markdown-blocker"
            {...field}
          />
        ))}
      </Stack>
    </Stack>
  )
}

/** What the converter reports but lets through: each says what will happen. */
function Warnings(props: {
  result: RenderResult
  document: unknown
  schemaType: SchemaType | undefined
  onOpenField: ((path: Path) => void) | undefined
}) {
  const {result, ...field} = props
  const count = result.warnings.length
  if (count === 0) return null
  return (
    <Stack gap={3}>
      <Text size={1} weight="semibold">
        {count === 1 ? '1 thing to check' : `${count} things to check`}
      </Text>
      <Stack as="ul" gap={2} style={LIST_STYLE} data-testid="hugo-markdown-warnings">
        {result.warnings.map((warning) => (
          <FieldProblem
            key={`${warning.pathString}\n${warning.message}`}
            tone="caution"
            path={warning.path}
            message={warning.message}
            testId="hugo-markdown-warning"
            {...field}
          />
        ))}
      </Stack>
    </Stack>
  )
}

function FileFacts({result}: {result: RenderResult}) {
  return (
    <>
      <Flex align="center" gap={3} wrap="wrap">
        <Stack gap={2} flex={1}>
          <Label size={1} muted>
            File in the blog repository
          </Label>
          <Text size={1}>
            <code style={PATH_STYLE} data-testid="hugo-markdown-path">
              {result.path}
            </code>
          </Text>
        </Stack>
        <CopyButton text={result.markdown} />
      </Flex>
      <ScheduleNote status={postStatus(result.schedule, Date.now())} />
      {result.assets.length > 0 ? (
        <Stack gap={2}>
          <Label size={1} muted>
            Images copied with it
          </Label>
          {result.assets.map((asset) => (
            <Text key={asset.path} size={1}>
              <code style={PATH_STYLE}>{asset.path}</code>
            </Text>
          ))}
        </Stack>
      ) : null}
    </>
  )
}

type TabName = 'markdown' | 'rendered' | 'sections'

/**
 * The exact file the exporter writes for this post, rendered by the same
 * converter with the same site options. What blocks publishing comes first,
 * then whether the post is on the blog, then the file, its warnings, and the
 * Markdown, Rendered and Sections tabs.
 */
export default function HugoMarkdownPane(props: HugoMarkdownPaneProps) {
  const {site, schemaType, onOpenField, focusPath, published, exportStatus} = props
  // Typing stays responsive on long posts: React renders the preview when idle.
  const document = useDeferredValue(props.document)
  const outcome = useMemo(() => render(document, site), [document, site])
  const [tab, setTab] = useState<TabName>('markdown')
  const type =
    typeof document === 'object' && document !== null && '_type' in document
      ? document._type
      : undefined
  const sections = sectionsFor(type)
  const result = outcome.kind === 'rendered' ? outcome.result : undefined
  const completeness = useMemo(
    () =>
      sections === undefined || result === undefined
        ? undefined
        : sectionCompleteness(result.sections, sections),
    [result, sections],
  )
  const region = useMemo(
    () => (result ? markdownRegion(result.markdown, focusPath ?? [], sections ?? []) : undefined),
    [result, focusPath, sections],
  )
  const problems = blockers(document, outcome, props.validationErrors ?? [])
  // The address readers use is the published one, until an edited slug is published too.
  const slug = published?.slug ?? result?.slug
  const field = {document, schemaType, onOpenField}
  const id = useId()
  const tabs: {name: TabName; label: string}[] = [
    {name: 'markdown', label: 'Markdown'},
    {name: 'rendered', label: 'Rendered'},
    ...(completeness
      ? [
          {
            name: 'sections' as const,
            label: `Sections ${completeness.filled.length}/${completeness.sections.length}`,
          },
        ]
      : []),
  ]

  return (
    <Box padding={4} data-testid="hugo-markdown-pane">
      <Stack gap={4}>
        <Blockers problems={problems} {...field} />

        {exportStatus && slug ? (
          <ExportStatusCard
            address={postUrl(site, slug)}
            published={published}
            config={exportStatus}
          />
        ) : null}

        <Text size={1} muted>
          The file the exporter writes to the blog for this post, as it stands now. It follows your
          typing and shows the part you are editing.
        </Text>

        {outcome.kind === 'loading' ? (
          <Text size={1} muted>
            Waiting for the document…
          </Text>
        ) : null}

        {outcome.kind === 'failed' ? (
          <Card tone="critical" padding={3} radius={2} border data-testid="hugo-markdown-failure">
            <Text size={1}>The converter failed on this post: {outcome.message}</Text>
          </Card>
        ) : null}

        {result && region ? (
          <>
            <FileFacts result={result} />
            <Warnings result={result} {...field} />
            <TabList gap={2}>
              {tabs.map(({name, label}) => (
                <Tab
                  key={name}
                  id={`${id}-${name}-tab`}
                  aria-controls={`${id}-${name}-panel`}
                  label={label}
                  selected={tab === name}
                  onClick={() => setTab(name)}
                />
              ))}
            </TabList>
            <TabPanel
              id={`${id}-markdown-panel`}
              aria-labelledby={`${id}-markdown-tab`}
              hidden={tab !== 'markdown'}
            >
              <MarkdownSource markdown={result.markdown} region={region} />
            </TabPanel>
            <TabPanel
              id={`${id}-rendered-panel`}
              aria-labelledby={`${id}-rendered-tab`}
              hidden={tab !== 'rendered'}
            >
              {tab === 'rendered' ? (
                <RenderedPost result={result} site={site} cdnUrl={props.cdnUrl ?? NO_CDN} />
              ) : null}
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
