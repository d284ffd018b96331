import {describe, expect, it} from 'vitest'
import {DEFAULT_SITE} from '../../converter/config.ts'
import {blockingProblems, RenderError, renderPost} from '../../converter/index.ts'
import {post} from '../fixtures/converter/fixture.ts'

/** What renderPost throws for the document, as a path and the message after "<id> at <path>: ". */
function thrown(doc: Record<string, unknown>): {path: unknown[]; message: string} | undefined {
  try {
    renderPost(doc, DEFAULT_SITE)
    return undefined
  } catch (error) {
    if (!(error instanceof RenderError)) throw error
    return {path: error.path, message: error.message.replace(/^.*?: /, '')}
  }
}

describe('everything that blocks a post', () => {
  const {
    slug: _slug,
    title: _title,
    ...bare
  } = post({
    date: 'yesterday',
    publishDate: '2026-02-30T09:00:00+05:30',
  })

  it('is listed at once, slug and title first, then every unreadable date', () => {
    expect(blockingProblems(bare)).toEqual([
      {
        path: ['slug', 'current'],
        message: 'The post needs a URL slug: it becomes the file name and the address of the post.',
      },
      {path: ['title'], message: 'The post needs a title.'},
      {
        path: ['date'],
        message:
          'The post needs a publication date and time (ISO 8601, e.g. 2025-10-01T09:00:00Z), got "yesterday".',
      },
      {
        path: ['publishDate'],
        message:
          'The time to appear on the blog is not a date and time (ISO 8601, e.g. 2025-10-01T09:00:00+05:30), got "2026-02-30T09:00:00+05:30"; the post is not exported until it is, so that it does not show at the wrong time.',
      },
    ])
  })

  it('starts with what renderPost throws, as each is fixed in turn', () => {
    let doc: Record<string, unknown> = bare
    const fixes: Record<string, unknown>[] = [
      {slug: {_type: 'slug', current: 'fixed'}},
      {title: 'Fixed'},
      {date: '2026-01-01T09:00:00Z'},
      {publishDate: '2026-02-28T09:00:00+05:30'},
    ]
    for (const fix of fixes) {
      expect(thrown(doc)).toEqual(blockingProblems(doc)[0])
      doc = {...doc, ...fix}
    }
    expect([thrown(doc), blockingProblems(doc)]).toEqual([undefined, []])
  })
})
