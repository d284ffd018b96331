import {codeInput} from '@sanity/code-input'
import {table} from '@sanity/table'
import {visionTool} from '@sanity/vision'
import {defineConfig} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from './schemas/index.ts'
import {studioEnv} from './studio-env.ts'

// Each variable is read by name: the Studio bundler inlines only literal
// `process.env.SANITY_STUDIO_*` accesses.
const {projectId, dataset, apiHost} = studioEnv({
  SANITY_STUDIO_PROJECT_ID: process.env.SANITY_STUDIO_PROJECT_ID,
  SANITY_STUDIO_DATASET: process.env.SANITY_STUDIO_DATASET,
  SANITY_STUDIO_API_HOST: process.env.SANITY_STUDIO_API_HOST,
})

export default defineConfig({
  name: 'default',
  title: 'Hugo Blog Studio',
  projectId,
  dataset,
  ...(apiHost ? {apiHost} : {}),
  plugins: [structureTool(), visionTool(), codeInput(), table()],
  schema: {types: schemaTypes},
})
