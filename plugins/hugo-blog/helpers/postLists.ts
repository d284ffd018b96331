/**
 * The post lists, named by what a reader of the blog sees. Sanity's document
 * lists read through the drafts perspective, where a post that is live and a
 * post never published look alike once either has unpublished edits; so the
 * lists are drawn from the raw documents (published and `drafts.` ids side by
 * side) and handed to the list pane as id sets.
 */

export type PostListId = 'on-the-blog' | 'unpublished-changes' | 'not-on-the-blog' | 'hidden'

export interface PostListSpec {
  id: PostListId
  title: string
}

/** In the order the structure shows them. */
export const POST_LISTS: readonly PostListSpec[] = [
  {id: 'on-the-blog', title: 'On the blog'},
  {id: 'unpublished-changes', title: 'On the blog, with unpublished changes'},
  {id: 'not-on-the-blog', title: 'Not on the blog yet'},
  {id: 'hidden', title: 'Hidden on the blog (Hugo drafts)'},
]

/** What `POST_STATUS_QUERY` returns, read with the raw perspective. */
export interface PostStatus {
  /** Published posts, each with whether the published version is a Hugo draft. */
  published: readonly {_id: string; hidden: boolean}[]
  /** The `drafts.` ids of posts with unpublished changes (or never published). */
  drafts: readonly string[]
}

export const POST_STATUS_QUERY = `{
  "published": *[_type == $type && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{_id, "hidden": hugoDraft == true},
  "drafts": *[_type == $type && _id in path("drafts.**")]._id
}`

const DRAFT_PREFIX = 'drafts.'

/** The published ids of the posts in each list. */
export function postListIds(status: PostStatus): Record<PostListId, string[]> {
  const published = new Set(status.published.map((post) => post._id))
  const edited = status.drafts.map((id) => id.slice(DRAFT_PREFIX.length))
  return {
    // What readers see is the published version: its own Hugo-draft switch decides.
    'on-the-blog': status.published.filter((post) => !post.hidden).map((post) => post._id),
    'unpublished-changes': edited.filter((id) => published.has(id)),
    'not-on-the-blog': edited.filter((id) => !published.has(id)),
    hidden: status.published.filter((post) => post.hidden).map((post) => post._id),
  }
}

/**
 * The list pane's filter parameters for a set of posts. The pane reads through
 * the drafts perspective, which shows a draft under its published id; the
 * `drafts.` ids are listed too so the filter holds under the raw perspective.
 */
export function idsParam(ids: readonly string[]): string[] {
  return [...ids, ...ids.map((id) => `${DRAFT_PREFIX}${id}`)]
}
