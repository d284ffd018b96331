export const schemaTypes = []
