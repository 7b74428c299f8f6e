import { ConfigurationError } from './core/errors.js';
import { expectedRows } from './core/graph/heads.js';
import { createRevisionGraph } from './core/graph/revision-graph.js';
import type { Manifest } from './core/manifest/manifest-format.js';
import { printableValue } from './core/revision-value.js';

/**
 * Refuses heads that the shipped manifest cannot produce: an id with no
 * script, or a head that is an ancestor of another (Alembic writes no row
 * for it). Either means the heads and the scripts come from different
 * builds.
 */
const checkHeadsInManifest = (
  heads: readonly string[],
  manifest: Manifest
): void => {
  const graph = createRevisionGraph(manifest.revisions);
  const unknown = heads.find((head) => !graph.revisions.has(head));
  if (unknown !== undefined) {
    throw new ConfigurationError(
      `head ${printableValue(unknown)} is no revision of the manifest ` +
        `(${manifest.revisions.length} scripts); build the manifest from ` +
        'the versions directory that was deployed'
    );
  }

  const rows = expectedRows(graph, heads);
  const implied = heads.filter((head) => !rows.includes(head));
  if (implied.length > 0) {
    throw new ConfigurationError(
      `heads ${implied.join(', ')} come before other heads given; pass ` +
        'only the rows alembic_version holds (alembic heads --resolve-dependencies)'
    );
  }
};

export { checkHeadsInManifest };
