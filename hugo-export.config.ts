import {defineConfig} from './converter/config.ts'

/**
 * Shared by the Studio plugin (what the "Hugo markdown" preview shows) and the
 * export CLI (what it writes). CLI flags override these values.
 */
export default defineConfig({
  site: {
    baseURL: 'https://ariondas.github.io/blogs',
    contentDir: 'content/posts',
    section: 'posts',
    layout: 'file',
    author: 'ArionDas',
    // params.editPost of the blog's hugo.yaml: the link's address is this
    // folder on GitHub, followed by the post's path under content/.
    editPost: {
      URL: 'https://github.com/ArionDas/blogs/tree/main/content',
      Text: 'Suggest Changes',
      appendFilePath: true,
    },
    // params.cover of the blog's hugo.yaml: PaperMod hides covers unless a post says otherwise.
    cover: {hidden: true, hiddenInList: true, hiddenInSingle: true},
    lyket: true,
    timeZone: 'UTC',
  },
  source: 'sample-data/production.ndjson',
  blogDir: 'out/blog',
  dataset: 'production',
})
