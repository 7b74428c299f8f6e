import { walkDown } from './ancestry.js';
import { type RevisionGraph, requireRevision } from './revision-graph.js';
import { compareIds } from './topology.js';

/**
 * The heads `alembic heads` prints: revisions no other revision names as
 * down_revision, sorted. A revision only named in depends_on stays a head
 * (Alembic marks it "effective head"); it gets no version row of its own
 * when the revision depending on it is applied (see expectedRows).
 */
const heads = (graph: RevisionGraph): string[] =>
  graph.order
    .filter((id) => (graph.children.get(id) ?? []).length === 0)
    .sort(compareIds);

/**
 * The rows `alembic_version` holds once exactly `targets` and everything
 * before them are applied: one row per target, except a target that is an
 * ancestor of another target, through down_revision or depends_on, has
 * none. For every head this equals `alembic heads --resolve-dependencies`.
 * Sorted and without duplicates. Throws ManifestError for an unknown id.
 */
const expectedRows = (
  graph: RevisionGraph,
  targets: readonly string[]
): string[] => {
  const parents = targets.flatMap((id) => {
    const revision = requireRevision(graph, id);
    return [...revision.downRevisions, ...revision.dependsOn];
  });
  const implied = walkDown(graph, parents, {});

  return [...new Set(targets)]
    .filter((id) => !implied.has(id))
    .sort(compareIds);
};

export { expectedRows, heads };
