import { ManifestError } from '../errors.js';
import { compareIds, type GraphRevision, walkTopology } from './topology.js';

/**
 * The revision graph of a set of migration scripts, checked and indexed.
 * Edges point from a revision to its parents: its down_revision entries
 * and its depends_on entries (resolved to ids).
 */
interface RevisionGraph {
  readonly revisions: ReadonlyMap<string, GraphRevision>;
  /** Every id, parents before children; deterministic (see walkTopology). */
  readonly order: readonly string[];
  /** Index of each id in `order`. */
  readonly position: ReadonlyMap<string, number>;
  /** Revisions naming the key as down_revision, sorted. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Revisions naming the key in depends_on, sorted. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

/** Appends `value` under `key`, creating the list on first use. */
const addTo = (map: Map<string, string[]>, key: string, value: string) => {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
};

/**
 * Checks and indexes revisions: ids unique, every down_revision and
 * depends_on naming a known id, no cycles. Throws ManifestError otherwise;
 * buildManifest checks the same earlier with file names in the message.
 */
const createRevisionGraph = (
  revisions: readonly GraphRevision[]
): RevisionGraph => {
  const byId = new Map<string, GraphRevision>();
  for (const revision of revisions) {
    if (byId.has(revision.id)) {
      throw new ManifestError(
        'duplicate',
        `revision '${revision.id}' appears more than once`
      );
    }
    byId.set(revision.id, revision);
  }

  const children = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const revision of byId.values()) {
    for (const [list, parents] of [
      [children, revision.downRevisions],
      [dependents, revision.dependsOn],
    ] as const) {
      for (const parent of parents) {
        if (!byId.has(parent)) {
          throw new ManifestError(
            'unknown-reference',
            `revision '${revision.id}' names '${parent}', which is not a ` +
              'known revision'
          );
        }
        addTo(list, parent, revision.id);
      }
    }
  }

  const topology = walkTopology(revisions);
  if (topology.kind === 'cycle') {
    throw new ManifestError(
      'cycle',
      'revisions form a cycle, each naming the next as down_revision or ' +
        `depends_on: ${[...topology.cycle, topology.cycle[0]].join(' -> ')}`
    );
  }
  for (const list of [...children.values(), ...dependents.values()]) {
    list.sort(compareIds);
  }

  return {
    revisions: byId,
    order: topology.order,
    position: new Map(topology.order.map((id, index) => [id, index])),
    children,
    dependents,
  };
};

/** Throws ManifestError (`unknown-reference`) for an id not in the graph. */
const requireRevision = (graph: RevisionGraph, id: string): GraphRevision => {
  const revision = graph.revisions.get(id);
  if (revision === undefined) {
    throw new ManifestError(
      'unknown-reference',
      `revision '${id}' is not in the manifest`
    );
  }
  return revision;
};

export type { RevisionGraph };
export { createRevisionGraph, requireRevision };
