import fc from 'fast-check';
import type { GraphRevision } from '../../../lambdas/core/graph/topology.js';

/** A random DAG in creation order: parents always come earlier. */
interface RandomDag {
  readonly revisions: readonly GraphRevision[];
  /** Every revision's ancestors, computed independently of the graph code. */
  readonly ancestors: ReadonlyMap<string, ReadonlySet<string>>;
  /** Fewest edges from a revision down to each of its ancestors. */
  readonly distances: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Reference ancestry by dynamic programming over creation order, so the
 * properties compare the breadth-first walks against something else.
 */
const referenceAncestry = (revisions: readonly GraphRevision[]) => {
  const ancestors = new Map<string, Set<string>>();
  const distances = new Map<string, Map<string, number>>();
  for (const revision of revisions) {
    const own = new Set<string>();
    const steps = new Map<string, number>();
    for (const parent of [...revision.downRevisions, ...revision.dependsOn]) {
      own.add(parent);
      steps.set(parent, 1);
      for (const [above, distance] of distances.get(parent) ?? []) {
        own.add(above);
        steps.set(above, Math.min(steps.get(above) ?? Infinity, distance + 1));
      }
    }
    ancestors.set(revision.id, own);
    distances.set(revision.id, steps);
  }
  return { ancestors, distances };
};

/**
 * Random DAGs of 1 to 30 revisions with bases, branches, merges of up to
 * three parents and depends_on across branches, listed in random order.
 */
const randomDag: fc.Arbitrary<RandomDag> = fc
  .integer({ min: 1, max: 30 })
  .chain((size) =>
    fc.record({
      ids: fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{3,12}$/), {
        minLength: size,
        maxLength: size,
      }),
      edges: fc.array(
        fc.record({
          down: fc.array(fc.nat(), { maxLength: 3 }),
          dependsOn: fc.array(fc.nat(), { maxLength: 2 }),
        }),
        { minLength: size, maxLength: size }
      ),
    })
  )
  .map(({ ids, edges }) =>
    ids.map((id, index): GraphRevision => {
      const earlier = (picks: readonly number[]) =>
        index === 0 ? [] : unique(picks.map((n) => ids[n % index] ?? ''));
      const downRevisions = earlier(edges[index]?.down ?? []);
      const dependsOn = earlier(edges[index]?.dependsOn ?? []).filter(
        (parent) => !downRevisions.includes(parent)
      );
      return { id, downRevisions, dependsOn };
    })
  )
  .chain((created) =>
    fc
      .shuffledSubarray(created, {
        minLength: created.length,
        maxLength: created.length,
      })
      .map((revisions) => ({ revisions, ...referenceAncestry(created) }))
  );

export type { RandomDag };
export { randomDag };
