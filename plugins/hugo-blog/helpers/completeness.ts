import {hasContent} from '../../../converter/content.ts'

/** One archetype section and the document fields whose content makes it appear. */
export interface SectionSpec {
  heading: string
  /** Dotted field paths, e.g. `introduction` or `dataFlow.writePath`. */
  fields: readonly string[]
}

export interface SectionStatus {
  heading: string
  /** The first listed field, so the UI can open the form where the section is written. */
  field: string
  filled: boolean
}

export interface Completeness {
  sections: SectionStatus[]
  filled: string[]
  empty: string[]
}

function valueAt(doc: unknown, dotted: string): unknown {
  let value: unknown = doc
  for (const key of dotted.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/**
 * Which sections the exported post will contain. Uses the same `hasContent`
 * rule as the converter, so a section listed as empty is one the file leaves out.
 */
export function sectionCompleteness(doc: unknown, specs: readonly SectionSpec[]): Completeness {
  const sections = specs.map((spec) => ({
    heading: spec.heading,
    field: spec.fields[0] ?? '',
    filled: spec.fields.some((field) => hasContent(valueAt(doc, field))),
  }))
  return {
    sections,
    filled: sections.filter((s) => s.filled).map((s) => s.heading),
    empty: sections.filter((s) => !s.filled).map((s) => s.heading),
  }
}
