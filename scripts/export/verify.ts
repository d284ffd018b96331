import type {SiteConfig} from '../../converter/config.ts'
import {renderPost} from '../../converter/index.ts'
import {writtenLineFields} from '../../converter/lines.ts'
import {type LineFields, pathToString} from '../../converter/types.ts'
import {buildSite, HUGO_ARGS, type HugoBuild, type HugoMessage} from './hugo.ts'
import {type Drafts, type FileWrite, type Hold, type Plan, settlePlan} from './plan.ts'
import {changesOf, type DocChange, type ReadWrite, Scratch} from './scratch.ts'

/**
 * The build gate: before anything is written into the blog, the site is built with
 * Hugo, as the blog's deploy builds it, in a scratch copy holding the run's changes.
 * A post that makes the build fail or warn is held back (it fails like any document
 * that cannot be exported, its field named where Hugo says a line) and the rest is
 * built again; what is finally written has been built. When the site does not build
 * even without the run's changes (a Hugo too old for the theme, a broken config), no
 * post is at fault, and nothing is written at all.
 */

export interface VerifyOptions {
  hugo: string
  /** `hugo version`'s version, for messages. */
  version: string
  blogDir: string
  /** The site options the posts were rendered with, to render one again with its line map. */
  site: SiteConfig
  env: NodeJS.ProcessEnv
  read: ReadWrite
  /** The whole document, to tell the field at a line; undefined when it cannot be had. */
  document: (id: string) => Promise<unknown>
}

export interface HeldPost {
  id: string
  slug: string | null
  path: string | null
  /** Sanity path of the field Hugo's message points at, when it can be told. */
  field: string | null
  /** Where Hugo points, e.g. `content/posts/x.md:120:3`; null when it names no place in the post. */
  at: string | null
  message: string
}

export interface VerifyReport {
  /** Hugo's version and the command the site was built with. */
  hugo: string
  command: string
  builds: number
  /**
   * passed: what is written builds; held: posts were held back and the rest builds;
   * site: the site does not build even without the run's changes, so nothing is
   * written; unchanged: the run changes nothing, so nothing was built.
   */
  outcome: 'passed' | 'held' | 'site' | 'unchanged'
  /** Why the site does not build, for outcome `site`. */
  site: string | null
  held: HeldPost[]
}

export async function verifyPlan(
  drafts: Drafts,
  options: VerifyOptions,
): Promise<{plan: Plan; report: VerifyReport}> {
  const report: VerifyReport = {
    hugo: options.version,
    command: ['hugo', ...HUGO_ARGS].join(' '),
    builds: 0,
    outcome: 'unchanged',
    site: null,
    held: [],
  }
  let plan = settlePlan(drafts)
  if (changesOf(plan).length === 0) return {plan, report}
  const scratch = await Scratch.create(options.blogDir, options.read)
  try {
    const build = async (changes: readonly DocChange[], ids: Iterable<string>) => {
      await scratch.show(changes, new Set(ids))
      report.builds += 1
      return buildSite(options.hugo, scratch.dir, options.env)
    }
    const held = new Map<string, Hold>()
    let baseline: HugoBuild | undefined
    for (let changes = changesOf(plan); changes.length > 0; changes = changesOf(plan)) {
      const ids = changes.map((change) => change.id)
      const full = await build(changes, ids)
      const blamed = blame(full.messages, changes)
      if (blamed.size === 0) {
        if (full.ok && !full.messages.some((message) => message.level === 'warn')) break
        baseline ??= await build(changes, [])
        if (!baseline.ok) {
          report.outcome = 'site'
          report.site = siteProblem(baseline.messages, options.version)
          return {plan, report}
        }
        const found = await byHalves(ids, full, baseline, (subset) => build(changes, subset))
        if (found === undefined) break
        blamed.set(found.id, found.evidence)
      }
      for (const [id, messages] of blamed) {
        const post = await heldPost(id, messages, changes, plan, options)
        report.held.push(post)
        held.set(id, holdFor(post, messages))
      }
      plan = settlePlan(drafts, held)
    }
    report.outcome = held.size > 0 ? 'held' : 'passed'
    return {plan, report}
  } finally {
    await scratch.remove()
  }
}

/** Messages that name a file a document changes: that document is at fault. */
function blame(
  messages: readonly HugoMessage[],
  changes: readonly DocChange[],
): Map<string, readonly HugoMessage[]> {
  const owner = new Map<string, string>()
  for (const change of changes) {
    for (const write of change.writes) owner.set(write.path, change.id)
    for (const remove of change.deletes) owner.set(remove.path, change.id)
  }
  const blamed = new Map<string, HugoMessage[]>()
  for (const message of messages)
    for (const place of message.places) {
      const id = owner.get(place.file)
      if (id === undefined) continue
      const list = blamed.get(id) ?? []
      if (!list.includes(message)) list.push(message)
      blamed.set(id, list)
    }
  return blamed
}

/** The document whose changes make the build say what the blog without them does not. */
function byHalves(
  ids: readonly string[],
  full: HugoBuild,
  baseline: HugoBuild,
  build: (subset: readonly string[]) => Promise<HugoBuild>,
) {
  return bisect(ids, news(full, baseline), async (subset) => {
    const found = news(await build(subset), baseline)
    return found.length > 0 ? found : undefined
  })
}

/** What a build says that the blog without the run's changes does not: its errors, its new warnings. */
function news(build: HugoBuild, baseline: HugoBuild): HugoMessage[] {
  const known = new Set(baseline.messages.map((message) => message.text))
  return build.messages.filter(
    (message) =>
      (message.level === 'error' && !build.ok) ||
      (message.level === 'warn' && !known.has(message.text)),
  )
}

/**
 * The document whose changes first make the build go wrong, taken in order: the
 * changes are added in halves, so n documents take about log2(n) builds. `bad` is
 * what the build of all of them said; `test` builds a prefix and says what went
 * wrong, if anything. Undefined when all of them build (`bad` is empty).
 */
export async function bisect<T>(
  ids: readonly string[],
  bad: readonly T[],
  test: (prefix: readonly string[]) => Promise<readonly T[] | undefined>,
): Promise<{id: string; evidence: readonly T[]} | undefined> {
  if (bad.length === 0) return undefined
  let good = 0
  let wrong = ids.length
  let evidence = bad
  while (wrong - good > 1) {
    const middle = Math.floor((good + wrong) / 2)
    const found = await test(ids.slice(0, middle))
    if (found === undefined) good = middle
    else {
      wrong = middle
      evidence = found
    }
  }
  const id = ids[wrong - 1]
  return id === undefined ? undefined : {id, evidence}
}

function holdFor(post: HeldPost, messages: readonly HugoMessage[]): Hold {
  const warns = messages.every((message) => message.level === 'warn')
  const hold: Hold = {
    reason: `${warns ? 'makes the Hugo build warn' : 'breaks the Hugo build'}: ${post.message}`,
  }
  if (post.field !== null) hold.field = post.field
  return hold
}

async function heldPost(
  id: string,
  messages: readonly HugoMessage[],
  changes: readonly DocChange[],
  plan: Plan,
  options: VerifyOptions,
): Promise<HeldPost> {
  const report = plan.reports.find((candidate) => candidate.id === id)
  const markdown = changes
    .find((change) => change.id === id)
    ?.writes.find((write) => write.kind === 'markdown')
  const place = messages
    .flatMap((message) => message.places)
    .find((candidate) => candidate.file === markdown?.path && candidate.line !== undefined)
  const at =
    place === undefined
      ? null
      : [place.file, place.line, place.column].filter((part) => part !== undefined).join(':')
  return {
    id,
    slug: report?.slug ?? null,
    path: report?.path ?? null,
    field:
      markdown === undefined ? null : await fieldOf(id, markdown, place?.line, messages, options),
    at,
    message: messages.map((message) => message.text).join('; '),
  }
}

/** The field at Hugo's line in the post, or at the line quoting the message. */
async function fieldOf(
  id: string,
  markdown: FileWrite,
  line: number | undefined,
  messages: readonly HugoMessage[],
  options: VerifyOptions,
): Promise<string | null> {
  let fields: LineFields | undefined
  const content = await options.read(markdown)
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8')
  try {
    const doc = await options.document(id)
    const rendered = renderPost(doc, {...options.site, lineFields: true})
    if (rendered.fields !== undefined)
      fields = writtenLineFields(text, {markdown: rendered.markdown, fields: rendered.fields})
  } catch {
    // The field is a help, not a need: the post is named either way.
    return null
  }
  const at = line ?? lineQuoted(text, messages)
  const field = at === undefined ? undefined : fields?.[at - 1]
  return field === undefined ? null : pathToString(field)
}

/**
 * Without a line, the post's line that holds a distinctive word of the message (an
 * address, a file name: something with a dot, slash, colon or digit in it), e.g. the
 * link a render hook rejected.
 */
function lineQuoted(text: string, messages: readonly HugoMessage[]): number | undefined {
  const lines = text.split('\n')
  const words = messages
    .flatMap((message) => message.text.split(/[\s"'`()<>[\],;]+/))
    .filter((word) => word.length >= 6 && /[./:_\d-]/.test(word))
  for (const word of words) {
    const index = lines.findIndex((line) => line.includes(word))
    if (index !== -1) return index + 1
  }
  return undefined
}

const REQUIRED = /\bv?(\d+\.\d+(?:\.\d+)?) or (?:greater|later|newer) is required/i
const INCOMPATIBLE = /is not compatible with this Hugo version(?:: Min (\d+\.\d+(?:\.\d+)?))?/i

/** The message for a site that does not build without the run's changes. */
export function siteProblem(messages: readonly HugoMessage[], version: string): string {
  const said = messages
    .filter((message) => message.level === 'error')
    .map((message) => message.text)
    .join('; ')
  const texts = messages.map((message) => message.text)
  const minimum = texts
    .map((text) => REQUIRED.exec(text)?.[1] ?? INCOMPATIBLE.exec(text)?.[1])
    .find(Boolean)
  const tooOld = minimum !== undefined || texts.some((text) => INCOMPATIBLE.test(text))
  const cause = tooOld
    ? `the site needs a newer Hugo than ${version}${minimum === undefined ? '' : ` (${minimum} or later)`}: raise the Hugo version the blog deploys with (HUGO_VERSION in its .github/workflows/hugo.yml), which the export workflow installs too`
    : `the site does not build with Hugo ${version}`
  return `${cause}. This happens without this run's changes too, so no post is at fault, and nothing was written, committed or pushed. Hugo said: ${said}`
}
