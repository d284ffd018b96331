import {
  type Archetype,
  type BodyNode,
  joinPath,
  sectionMorePath,
} from '../../../converter/archetypes/spec.ts'
import type {SectionSpec} from './completeness.ts'

function fieldsOf(node: BodyNode, scope: string): string[] {
  switch (node.kind) {
    case 'kvList':
      return node.items.map((item) => joinPath(scope, item.path))
    case 'sub':
      return node.children.flatMap((child) => fieldsOf(child, joinPath(scope, node.path)))
    // An array item's fields only matter through the array holding it.
    case 'repeat':
    case 'prose':
    case 'list':
    case 'labelled':
    case 'formula':
    case 'table':
    case 'fence':
    case 'references':
    case 'links':
      return [joinPath(scope, node.path)]
    // Switches and fixed text: nothing a writer fills in.
    case 'lyket':
    case 'static':
      return []
  }
}

/**
 * The archetype's sections with the document fields each is written from.
 * Sections made only of switches and fixed text (the like buttons) are not
 * listed: there is nothing in them to fill in.
 */
export function archetypeSectionSpecs(archetype: Archetype): SectionSpec[] {
  return archetype.sections.flatMap((section) => {
    const fields = section.children.flatMap((child) => fieldsOf(child, section.path))
    // The section's own free text fills it too, but only a section with fields to fill counts.
    return fields.length === 0
      ? []
      : [{heading: section.heading, fields: [...fields, sectionMorePath(section)]}]
  })
}
