import type {RenderError} from '../../../converter/types.ts'

/**
 * A RenderError's message without the "<id> at <path>: " prefix the converter
 * adds for logs: the pane already names the post and shows the field.
 */
export function errorReason(error: RenderError): string {
  const prefix = `${error.documentId || '(no id)'}${error.pathString ? ` at ${error.pathString}` : ''}: `
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message
}
