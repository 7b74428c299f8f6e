import { type RevisionGraph, requireRevision } from './revision-graph.js';

/** Which edges count as "comes before". */
interface AncestryOptions {
  /**
   * Follow depends_on as well as down_revision. Alembic does both when it
   * decides what an upgrade runs and which heads need a version row.
   * @default true
   */
  readonly includeDependencies?: boolean;
}

/**
 * How one revision stands relative to a reference revision. `distance` is
 * the fewest edges between them.
 */
type RevisionRelation =
  | { readonly kind: 'same' }
  | { readonly kind: 'ancestor'; readonly distance: number }
  | { readonly kind: 'descendant'; readonly distance: number }
  | { readonly kind: 'unrelated' };

/** Parents of one revision under the chosen edges. */
const parentsOf = (
  graph: RevisionGraph,
  id: string,
  options: AncestryOptions
): readonly string[] => {
  const revision = requireRevision(graph, id);
  return options.includeDependencies === false
    ? revision.downRevisions
    : [...revision.downRevisions, ...revision.dependsOn];
};

/**
 * Walks from `starts` towards the bases, breadth first, and returns each
 * reached id with its distance. Starts are at distance 0.
 */
const walkDown = (
  graph: RevisionGraph,
  starts: readonly string[],
  options: AncestryOptions
): Map<string, number> => {
  let frontier = [...new Set(starts)];
  const distances = new Map(frontier.map((id) => [id, 0]));

  for (let distance = 1; frontier.length > 0; distance += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const parent of parentsOf(graph, id, options)) {
        if (!distances.has(parent)) {
          distances.set(parent, distance);
          next.push(parent);
        }
      }
    }
    frontier = next;
  }
  return distances;
};

/**
 * The strict ancestors of a revision: everything it revises or depends on,
 * directly or not. Throws ManifestError for an id not in the graph.
 */
const ancestorsOf = (
  graph: RevisionGraph,
  id: string,
  options: AncestryOptions = {}
): Set<string> => {
  const reached = new Set(walkDown(graph, [id], options).keys());
  reached.delete(id);
  return reached;
};

/**
 * Every revision a set of version rows says is applied: the rows and all
 * their ancestors through down_revision and depends_on.
 */
const appliedRevisions = (
  graph: RevisionGraph,
  rows: readonly string[]
): Set<string> => new Set(walkDown(graph, rows, {}).keys());

/**
 * Relates `revision` to `reference`: the same, an ancestor of it (applied
 * before it), a descendant of it, or neither (another branch). Throws
 * ManifestError for an id not in the graph.
 */
const relateRevisions = (
  graph: RevisionGraph,
  revision: string,
  reference: string,
  options: AncestryOptions = {}
): RevisionRelation => {
  requireRevision(graph, revision);
  if (revision === reference) {
    return { kind: 'same' };
  }

  const below = walkDown(graph, [reference], options).get(revision);
  if (below !== undefined) {
    return { kind: 'ancestor', distance: below };
  }
  const above = walkDown(graph, [revision], options).get(reference);
  if (above !== undefined) {
    return { kind: 'descendant', distance: above };
  }
  return { kind: 'unrelated' };
};

export type { AncestryOptions, RevisionRelation };
export { ancestorsOf, appliedRevisions, relateRevisions, walkDown };
