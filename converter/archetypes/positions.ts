import {type Archetype, type BodyNode, joinPath, MORE, sectionMorePath} from './spec.ts'

/**
 * Where a writer's free text can sit inside a section, a sub-section or a
 * repeated item: right under its heading, or after any of the parts the
 * archetype writes there. The renderer writes each piece of free text at its
 * position, the importer records where each was found, and the Studio offers
 * the same list, so nothing a writer adds moves.
 */
export interface Position {
  /** Stored in a free-text entry's `at`. */
  readonly id: string
  /** Shown to the writer. */
  readonly title: string
}

export const START = 'start'

/** The id of the position right after a node, or undefined for fixed text. */
export function nodeId(node: BodyNode): string | undefined {
  switch (node.kind) {
    case 'kvList':
      return node.items[0]?.path
    case 'static':
      return undefined
    case 'sub':
      return node.path === '' ? `#${node.heading}` : node.path
    default:
      return node.path
  }
}

function words(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1)
  const spaced = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

function nodeTitle(node: BodyNode): string {
  switch (node.kind) {
    case 'labelled':
      return `After “${node.label}”`
    case 'list':
      return `After “${node.label ?? words(node.path)}”`
    case 'kvList':
      return `After “${node.items.map((item) => item.label).join(', ')}”`
    case 'repeat':
      return `After the last ${node.noun.toLowerCase()}`
    case 'sub':
      return `After “${node.heading}”`
    case 'lyket':
      return 'After the like buttons'
    case 'formula':
      return `After the formula “${node.label ?? words(node.path)}”`
    case 'static':
      return ''
    default:
      return `After “${words(node.path)}”`
  }
}

const known = new WeakMap<readonly BodyNode[], readonly Position[]>()

/** The positions of one scope, in the order the post is written; worked out once per scope. */
export function scopePositions(heading: string, nodes: readonly BodyNode[]): readonly Position[] {
  return positionsOf(`Right under the heading “${heading}”`, nodes)
}

/** The positions of a repeated item (a component, a decision…), whose heading varies. */
export function itemPositions(node: Extract<BodyNode, {kind: 'repeat'}>): readonly Position[] {
  // A noun such as "vs." reads badly in a sentence; such items are just items.
  const noun = /^[A-Za-z -]+$/.test(node.noun) ? node.noun.toLowerCase() : 'item'
  return positionsOf(`Right under the ${noun}’s heading`, node.children)
}

function positionsOf(start: string, nodes: readonly BodyNode[]): readonly Position[] {
  let positions = known.get(nodes)
  if (positions === undefined) {
    positions = listPositions(start, nodes)
    known.set(nodes, positions)
  }
  return positions
}

function listPositions(start: string, nodes: readonly BodyNode[]): Position[] {
  const positions: Position[] = [{id: START, title: start}]
  const visit = (children: readonly BodyNode[]) => {
    for (const node of children) {
      const id = nodeId(node)
      if (id === undefined) continue
      if (node.kind === 'sub' && node.path === '') {
        positions.push({id, title: `Right under “${node.heading}”`})
        visit(node.children)
      } else positions.push({id, title: nodeTitle(node)})
    }
  }
  visit(nodes)
  return positions
}

/** A scope of an archetype: where its free text is kept, from the document, and its positions. */
export interface ScopeMore {
  /** Dotted from the document, `[]` after an array: `components[].more`. */
  readonly path: string
  readonly positions: readonly Position[]
}

/** Every scope of an archetype with the field that holds its free text. */
export function scopeMores(archetype: Archetype): ScopeMore[] {
  const scopes: ScopeMore[] = []
  const visit = (
    positions: readonly Position[],
    children: readonly BodyNode[],
    more: string,
    scope: string,
  ) => {
    scopes.push({path: more, positions})
    const walk = (nodes: readonly BodyNode[]) => {
      for (const node of nodes) {
        if (node.kind === 'sub' && node.path === '') walk(node.children)
        else if (node.kind === 'sub') {
          const path = joinPath(scope, node.path)
          visit(
            scopePositions(node.heading, node.children),
            node.children,
            joinPath(path, MORE),
            path,
          )
        } else if (node.kind === 'repeat') {
          const path = `${joinPath(scope, node.path)}[]`
          visit(itemPositions(node), node.children, joinPath(path, MORE), path)
        }
      }
    }
    walk(children)
  }
  for (const section of archetype.sections)
    visit(
      scopePositions(section.heading, section.children),
      section.children,
      sectionMorePath(section),
      section.path,
    )
  return scopes
}

/** The positions of the scope whose free text is kept at `path` (see `scopeMores`). */
export function positionsAt(archetype: Archetype, path: string): readonly Position[] {
  const scope = scopeMores(archetype).find((candidate) => candidate.path === path)
  if (scope === undefined) throw new Error(`No section or item keeps its free text at "${path}".`)
  return scope.positions
}
