import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedRows, heads } from '../../../lambdas/core/graph/heads.js';
import { createRevisionGraph } from '../../../lambdas/core/graph/revision-graph.js';
import type { GraphRevision } from '../../../lambdas/core/graph/topology.js';
import { revisionsToUpgrade } from '../../../lambdas/core/graph/upgrade-path.js';

/**
 * What Alembic 1.8.1 printed and wrote for these graphs, recorded from the
 * real tool on SQLite: `alembic heads`, `alembic heads
 * --resolve-dependencies`, the rows after `alembic upgrade heads`, and the
 * revisions `upgrade heads` ran after `alembic stamp`.
 */
interface ObservedGraph {
  readonly name: string;
  readonly revisions: readonly GraphRevision[];
  readonly alembicHeads: readonly string[];
  readonly resolvedHeads: readonly string[];
  readonly rowsAfterUpgradeHeads: readonly string[];
  readonly fromStamp: {
    readonly stamped: readonly string[];
    readonly ranByUpgradeHeads: readonly string[];
    readonly rowsAfter: readonly string[];
  };
}

const observed: { readonly graphs: readonly ObservedGraph[] } = JSON.parse(
  readFileSync(
    new URL('../../fixtures/manifest/alembic-observed.json', import.meta.url),
    'utf8'
  )
);

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe.each(observed.graphs)('revision graph of $name', (graph) => {
  const revisionGraph = createRevisionGraph(graph.revisions);

  it('returns the heads alembic heads printed', () => {
    expect(heads(revisionGraph)).toEqual(sorted(graph.alembicHeads));
  });

  it('returns the rows alembic upgrade heads wrote when given every head', () => {
    const rows = expectedRows(revisionGraph, heads(revisionGraph));

    expect(rows).toEqual(sorted(graph.rowsAfterUpgradeHeads));
    expect(rows).toEqual(sorted(graph.resolvedHeads));
  });

  it('returns the revisions upgrade heads ran when starting from the stamp', () => {
    const ran = revisionsToUpgrade(
      revisionGraph,
      graph.fromStamp.stamped,
      heads(revisionGraph)
    );

    expect(sorted(ran)).toEqual(sorted(graph.fromStamp.ranByUpgradeHeads));
  });

  it('returns the rows left after upgrading from the stamp', () => {
    const rows = expectedRows(revisionGraph, [
      ...graph.fromStamp.stamped,
      ...heads(revisionGraph),
    ]);

    expect(rows).toEqual(sorted(graph.fromStamp.rowsAfter));
  });
});
