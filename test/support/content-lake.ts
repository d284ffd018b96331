/**
 * A local stand-in for the Content Lake HTTP API, for tests and for running the Studio
 * offline. See `content-lake/server.ts` for the endpoints it answers.
 */
export {mendozaDiff} from './content-lake/mendoza.ts'
export {startContentLake} from './content-lake/server.ts'
export type {
  ContentLake,
  ContentLakeOptions,
  Doc,
  Fault,
  FaultRequest,
  MutationInput,
  RecordedRequest,
} from './content-lake/types.ts'
