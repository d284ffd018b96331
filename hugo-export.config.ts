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
    editPost: {
      URL: 'https://github.com/ArionDas/blogs/content',
      Text: 'Suggest Changes',
      appendFilePath: true,
    },
    lyket: true,
    timeZone: 'UTC',
  },
  source: 'sample-data/production.ndjson',
  blogDir: 'out/blog',
  dataset: 'production',
})
