/** One archetype section and the document fields it is written from. */
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

/**
 * Which of the archetype's sections the exported file contains, given the
 * headings the converter reports it wrote: the count is read from the output,
 * never judged from the fields a second time.
 */
export function sectionCompleteness(
  written: readonly string[],
  specs: readonly SectionSpec[],
): Completeness {
  const present = new Set(written)
  const sections = specs.map((spec) => ({
    heading: spec.heading,
    field: spec.fields[0] ?? '',
    filled: present.has(spec.heading),
  }))
  return {
    sections,
    filled: sections.filter((s) => s.filled).map((s) => s.heading),
    empty: sections.filter((s) => !s.filled).map((s) => s.heading),
  }
}
