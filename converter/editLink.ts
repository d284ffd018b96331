/**
 * PaperMod's "Suggest Changes" link is `editPost.URL`, then `/` and the post's
 * path under content/ (`posts/<slug>.md`). GitHub serves a repository's files
 * only under `/tree/<branch>/`, `/blob/<branch>/` or `/edit/<branch>/`, so an
 * address without one (`github.com/<owner>/<repo>/content`, the archetype's)
 * sends every reader to a 404. Imported by the schema, so it stays pure.
 */

const SERVED_FOLDER = /\/(?:tree|blob|edit)\/[^/]+\//

/** Why the edit address would not open the post's file, or undefined when it would. */
export function editUrlProblem(url: string | undefined): string | undefined {
  if (url === undefined || url.trim() === '') return undefined
  let path: string
  try {
    path = new URL(url.trim()).pathname
  } catch {
    // Not an address at all: the field's own address rule says so.
    return undefined
  }
  if (SERVED_FOLDER.test(path)) return undefined
  return 'This address has no “/tree/<branch>/”, “/blob/<branch>/” or “/edit/<branch>/” part, so the “Suggest Changes” link under the post leads to a page GitHub does not have. Open the blog’s content folder on GitHub and copy its address, for example https://github.com/owner/repo/tree/main/content.'
}
