import { describe, expect, it } from 'vitest';
import { explainMismatch } from '../../../lambdas/core/classify/explain-mismatch.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import { createRevisionGraph } from '../../../lambdas/core/graph/revision-graph.js';

const revision = (
  id: string,
  down: string[] = [],
  dependsOn: string[] = []
) => ({
  id,
  downRevisions: down,
  dependsOn,
});

// base - a1 - a2 - a3              (main line, a2 is a security fix)
//           \- b1 - b2             (branch b from a1)
//  m merges a3 and b2; c1 is a separate branch depending on a2
const graph = createRevisionGraph([
  revision('base'),
  revision('a1', ['base']),
  revision('a2', ['a1']),
  revision('a3', ['a2']),
  revision('b1', ['a1']),
  revision('b2', ['b1']),
  revision('m', ['a3', 'b2']),
  revision('c1', [], ['a2']),
]);

const codes = (expected: string[], observed: string[]) =>
  explainMismatch(graph, expected, observed).map((f) => f.code);

describe('Function: explainMismatch', () => {
  it('returns ROLLED_BACK with the distance and what would re-run', () => {
    const [finding] = explainMismatch(graph, ['a3'], ['a1']);

    expect(finding?.code).toBe(FindingCode.rolledBack);
    expect(finding?.summary).toBe(
      'rolled back: a1 is 2 revisions below a3; the next upgrade re-runs a2, a3'
    );
  });

  it('returns SKIPPED_FORWARD naming the revisions never recorded', () => {
    const [finding] = explainMismatch(graph, ['a1'], ['a3']);

    expect(finding?.code).toBe(FindingCode.skippedForward);
    expect(finding?.summary).toBe(
      'moved forward to a3, 2 revisions past the recorded a1; ' +
        'never recorded: a2, a3'
    );
  });

  it('returns SIDEWAYS when the row sits on another branch', () => {
    expect(codes(['a3'], ['b2'])).toEqual([FindingCode.sideways]);
  });

  it('returns UNKNOWN_REVISION with a hint for a case or space variant', () => {
    const [finding] = explainMismatch(graph, ['a3'], ['A3']);

    expect(finding?.code).toBe(FindingCode.unknownRevision);
    expect(finding?.summary).toContain('looks like a3 with other case');
  });

  it('returns UNKNOWN_REVISION without a hint for a forged id', () => {
    const [finding] = explainMismatch(graph, ['a3'], ['deadbeef0000']);

    expect(finding?.summary).toBe(
      'row deadbeef0000 is no revision of the recorded manifest'
    );
  });

  it('returns PARTIAL_HEADS when one of two heads lags', () => {
    const [finding] = explainMismatch(graph, ['a3', 'b2'], ['a3', 'b1']);

    expect(finding?.code).toBe(FindingCode.partialHeads);
    expect(finding?.summary).toContain('b1 is 1 revision below b2');
    expect(finding?.summary).toContain('re-runs b2');
  });

  it('returns DUPLICATE_ROWS for a repeated head', () => {
    expect(codes(['a3'], ['a3', 'a3'])).toEqual([FindingCode.duplicateRows]);
  });

  it('returns EXTRA_ROWS for a leftover ancestor row beside the head', () => {
    const [finding] = explainMismatch(graph, ['a3'], ['a3', 'a1']);

    expect(finding?.code).toBe(FindingCode.extraRows);
    expect(finding?.summary).toBe('extra 1 row a1 beside the recorded heads');
  });

  it('ignores the order of rows', () => {
    expect(codes(['a3', 'b2'], ['b1', 'a3'])).toEqual(
      codes(['a3', 'b2'], ['a3', 'b1'])
    );
  });

  it('counts depends_on as ancestry when rolling back a dependent branch', () => {
    const [finding] = explainMismatch(graph, ['c1'], ['a1']);

    expect(finding?.code).toBe(FindingCode.rolledBack);
    expect(finding?.summary).toContain('re-runs a2, c1');
  });
});
