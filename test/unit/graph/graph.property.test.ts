import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lambdas/core/errors.js';
import {
  ancestorsOf,
  appliedRevisions,
  relateRevisions,
} from '../../../lambdas/core/graph/ancestry.js';
import { expectedRows, heads } from '../../../lambdas/core/graph/heads.js';
import {
  createRevisionGraph,
  type RevisionGraph,
} from '../../../lambdas/core/graph/revision-graph.js';
import { revisionsToUpgrade } from '../../../lambdas/core/graph/upgrade-path.js';
import { type RandomDag, randomDag } from './random-dag.js';

const withSubset = randomDag.chain((dag) =>
  fc.record({
    dag: fc.constant(dag),
    from: fc.subarray(dag.revisions.map((r) => r.id)),
    to: fc.subarray(dag.revisions.map((r) => r.id)),
  })
);

/** Whether no id in `ids` is an ancestor of another, by the reference. */
const isAntichain = (dag: RandomDag, ids: readonly string[]) =>
  ids.every((id) => ids.every((other) => !dag.ancestors.get(other)?.has(id)));

/** Applied set by the reference: the ids and all their ancestors. */
const referenceApplied = (dag: RandomDag, ids: readonly string[]) =>
  new Set(ids.flatMap((id) => [id, ...(dag.ancestors.get(id) ?? [])]));

const graphOf = (dag: RandomDag): RevisionGraph =>
  createRevisionGraph(dag.revisions);

describe('revision graph properties', () => {
  it('returns heads that are never ancestors of each other through down_revision', () => {
    fc.assert(
      fc.property(randomDag, (dag) => {
        const graph = graphOf(dag);
        const found = heads(graph);

        for (const head of found) {
          const below = ancestorsOf(graph, head, {
            includeDependencies: false,
          });
          expect(found.filter((other) => below.has(other))).toEqual([]);
        }
      })
    );
  });

  it('returns heads from which every revision is reached through down_revision', () => {
    fc.assert(
      fc.property(randomDag, (dag) => {
        const graph = graphOf(dag);
        const reached = new Set(
          heads(graph).flatMap((head) => [
            head,
            ...ancestorsOf(graph, head, { includeDependencies: false }),
          ])
        );

        expect(reached.size).toBe(dag.revisions.length);
      })
    );
  });

  it('returns rows for every head that form an antichain covering the graph', () => {
    fc.assert(
      fc.property(randomDag, (dag) => {
        const graph = graphOf(dag);
        const rows = expectedRows(graph, heads(graph));
        const realHeads = dag.revisions
          .map((r) => r.id)
          .filter((id) => !graph.children.has(id) && !graph.dependents.has(id));

        expect(isAntichain(dag, rows)).toBe(true);
        expect(rows).toEqual([...realHeads].sort());
        expect(appliedRevisions(graph, rows).size).toBe(dag.revisions.length);
      })
    );
  });

  it('returns rows for any targets that keep what the targets imply applied', () => {
    fc.assert(
      fc.property(withSubset, ({ dag, to }) => {
        const rows = expectedRows(graphOf(dag), to);

        expect(rows.every((id) => to.includes(id))).toBe(true);
        expect(isAntichain(dag, rows)).toBe(true);
        expect(referenceApplied(dag, rows)).toEqual(referenceApplied(dag, to));
      })
    );
  });

  it('returns the relation and distance the reference ancestry gives', () => {
    fc.assert(
      fc.property(randomDag, fc.nat(), fc.nat(), (dag, i, j) => {
        const a = dag.revisions[i % dag.revisions.length]?.id ?? '';
        const b = dag.revisions[j % dag.revisions.length]?.id ?? '';
        const down = dag.distances.get(b)?.get(a);
        const up = dag.distances.get(a)?.get(b);
        const expected =
          a === b
            ? { kind: 'same' }
            : down !== undefined
              ? { kind: 'ancestor', distance: down }
              : up !== undefined
                ? { kind: 'descendant', distance: up }
                : { kind: 'unrelated' };

        expect(relateRevisions(graphOf(dag), a, b)).toEqual(expected);
      })
    );
  });

  it('returns an upgrade path that brings any start to the target, parents first', () => {
    fc.assert(
      fc.property(withSubset, ({ dag, from, to }) => {
        const graph = graphOf(dag);
        const path = revisionsToUpgrade(graph, from, to);
        const start = referenceApplied(dag, from);
        const target = referenceApplied(dag, to);

        const missing = [...target].filter((id) => !start.has(id));
        expect([...path].sort()).toEqual(missing.sort());
        path.forEach((id, index) => {
          const parents = dag.ancestors.get(id) ?? new Set<string>();
          const later = path.slice(index + 1);
          expect(later.filter((other) => parents.has(other))).toEqual([]);
        });
      })
    );
  });

  it('returns the same order and heads whatever order the revisions come in', () => {
    fc.assert(
      fc.property(randomDag, (dag) => {
        const forward = graphOf(dag);
        const backward = createRevisionGraph([...dag.revisions].reverse());

        expect(backward.order).toEqual(forward.order);
        expect(heads(backward)).toEqual(heads(forward));
      })
    );
  });

  it('throws cycle when a revision is made to follow one of its descendants', () => {
    const withEdge = randomDag.filter((dag) =>
      dag.revisions.some((r) => (dag.ancestors.get(r.id)?.size ?? 0) > 0)
    );
    fc.assert(
      fc.property(withEdge, fc.boolean(), (dag, viaDependency) => {
        const child = dag.revisions.find(
          (r) => (dag.ancestors.get(r.id)?.size ?? 0) > 0
        );
        const [ancestor = ''] = dag.ancestors.get(child?.id ?? '') ?? [];
        const looped = dag.revisions.map((r) =>
          r.id !== ancestor
            ? r
            : viaDependency
              ? { ...r, dependsOn: [...r.dependsOn, child?.id ?? ''] }
              : { ...r, downRevisions: [...r.downRevisions, child?.id ?? ''] }
        );

        expect(() => createRevisionGraph(looped)).toThrow(
          expect.objectContaining({ reason: 'cycle' })
        );
        expect(() => createRevisionGraph(looped)).toThrow(ManifestError);
      })
    );
  });
});
