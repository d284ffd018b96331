import {defineCliConfig} from 'sanity/cli'
import {studioEnv} from './studio-env.ts'

const {projectId, dataset, studioHost} = studioEnv(process.env)

export default defineCliConfig({
  api: {projectId, dataset},
  typegen: {
    path: ['./schemas/**/*.ts', './plugins/**/*.{ts,tsx}', './scripts/**/*.ts'],
    schema: './schema.json',
    generates: './sanity.types.ts',
  },
  deployment: {autoUpdates: false},
  // Where `sanity deploy` puts the Studio for writers: https://<studioHost>.sanity.studio.
  ...(studioHost ? {studioHost} : {}),
})
