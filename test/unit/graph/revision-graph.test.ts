import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lambdas/core/errors.js';
import {
  ancestorsOf,
  appliedRevisions,
  relateRevisions,
} from '../../../lambdas/core/graph/ancestry.js';
import { expectedRows, heads } from '../../../lambdas/core/graph/heads.js';
import { createRevisionGraph } from '../../../lambdas/core/graph/revision-graph.js';
import type { GraphRevision } from '../../../lambdas/core/graph/topology.js';
import { revisionsToUpgrade } from '../../../lambdas/core/graph/upgrade-path.js';

const rev = (
  id: string,
  downRevisions: string[] = [],
  dependsOn: string[] = []
): GraphRevision => ({ id, downRevisions, dependsOn });

/**
 *   a1 - a2 - a3 ---- m1        (a3 depends on c1)
 *      \          /
 *        b1 -----
 *   c1 - c2 - c3                (c3 depends on e1)
 *   e1
 */
const graph = createRevisionGraph([
  rev('a1'),
  rev('a2', ['a1']),
  rev('a3', ['a2'], ['c1']),
  rev('b1', ['a1']),
  rev('m1', ['a3', 'b1']),
  rev('c1'),
  rev('c2', ['c1']),
  rev('c3', ['c2'], ['e1']),
  rev('e1'),
]);

describe('createRevisionGraph', () => {
  it.each([
    ['duplicate', [rev('a'), rev('a')]],
    ['unknown-reference', [rev('a', ['zz'])]],
    ['unknown-reference', [rev('a', [], ['zz'])]],
    ['cycle', [rev('a', ['b']), rev('b', ['a'])]],
    ['cycle', [rev('a', [], ['b']), rev('b', ['a'])]],
  ] as const)(
    'throws %s when the revisions are invalid',
    (reason, revisions) => {
      expect(() => createRevisionGraph(revisions)).toThrow(ManifestError);
      expect(() => createRevisionGraph(revisions)).toThrow(
        expect.objectContaining({ reason })
      );
    }
  );

  it('returns an order with parents before children when built', () => {
    const position = (id: string) => graph.order.indexOf(id);

    expect(position('c1')).toBeLessThan(position('a3'));
    expect(position('b1')).toBeLessThan(position('m1'));
    expect(graph.order).toHaveLength(9);
  });
});

describe('heads and expectedRows', () => {
  it('returns heads including one only named in depends_on', () => {
    expect(heads(graph)).toEqual(['c3', 'e1', 'm1']);
  });

  it('returns no row for a head that another head depends on', () => {
    expect(expectedRows(graph, heads(graph))).toEqual(['c3', 'm1']);
  });

  it('returns no row for a target below another target', () => {
    expect(expectedRows(graph, ['a2', 'm1', 'c1', 'a2'])).toEqual(['m1']);
  });

  it('throws unknown-reference when a target is not in the graph', () => {
    expect(() => expectedRows(graph, ['nope'])).toThrow(
      "revision 'nope' is not in the manifest"
    );
  });
});

describe('ancestry', () => {
  it('returns ancestors through depends_on by default', () => {
    expect([...ancestorsOf(graph, 'a3')].sort()).toEqual(['a1', 'a2', 'c1']);
  });

  it('returns ancestors through down_revision only when dependencies are excluded', () => {
    const ancestors = ancestorsOf(graph, 'a3', { includeDependencies: false });

    expect([...ancestors].sort()).toEqual(['a1', 'a2']);
  });

  it('returns every applied revision when given version rows', () => {
    expect([...appliedRevisions(graph, ['c3', 'b1'])].sort()).toEqual([
      'a1',
      'b1',
      'c1',
      'c2',
      'c3',
      'e1',
    ]);
  });

  it.each([
    ['a1', 'm1', { kind: 'ancestor', distance: 2 }],
    ['c1', 'm1', { kind: 'ancestor', distance: 2 }],
    ['m1', 'a2', { kind: 'descendant', distance: 2 }],
    ['b1', 'a3', { kind: 'unrelated' }],
    ['c2', 'c2', { kind: 'same' }],
  ])('returns how %s relates to %s', (revision, reference, relation) => {
    expect(relateRevisions(graph, revision, reference)).toEqual(relation);
  });

  it('returns unrelated for a dependency when dependencies are excluded', () => {
    const relation = relateRevisions(graph, 'c1', 'm1', {
      includeDependencies: false,
    });

    expect(relation).toEqual({ kind: 'unrelated' });
  });
});

describe('revisionsToUpgrade', () => {
  it('returns the revisions a rolled-back database would run again', () => {
    expect(revisionsToUpgrade(graph, ['a2'], ['m1'])).toEqual([
      'c1',
      'a3',
      'b1',
      'm1',
    ]);
  });

  it('returns nothing when the start is already at or past the target', () => {
    expect(revisionsToUpgrade(graph, ['m1'], ['a3', 'b1'])).toEqual([]);
  });
});
