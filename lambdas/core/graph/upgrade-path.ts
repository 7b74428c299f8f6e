import { appliedRevisions } from './ancestry.js';
import type { RevisionGraph } from './revision-graph.js';

/**
 * The revisions `alembic upgrade` runs to go from the state `fromRows`
 * describes to the state `toRows` describes: everything applied at the
 * target, dependencies included, that is not applied at the start. In an
 * order Alembic could run them (parents first, as graph.order); Alembic's
 * own order among independent branches may differ.
 *
 * Run against a rolled-back database, with `fromRows` as observed and
 * `toRows` as attested, it names the revisions the next upgrade would run
 * a second time. Throws ManifestError for an id not in the graph.
 */
const revisionsToUpgrade = (
  graph: RevisionGraph,
  fromRows: readonly string[],
  toRows: readonly string[]
): string[] => {
  const applied = appliedRevisions(graph, fromRows);
  const needed = appliedRevisions(graph, toRows);

  return graph.order.filter((id) => needed.has(id) && !applied.has(id));
};

export { revisionsToUpgrade };
