import { describe, expect, it } from 'vitest';
import type { Attestation } from '../../../lambdas/core/attestation.js';
import {
  applyWindow,
  type DeployWindow,
  onPath,
} from '../../../lambdas/core/deploy-window.js';
import { newFinding } from '../../../lambdas/core/evidence/new-finding.js';
import { type Finding, FindingCode } from '../../../lambdas/core/findings.js';
import { createRevisionGraph } from '../../../lambdas/core/graph/revision-graph.js';
import { type Verdict, VerdictStatus } from '../../../lambdas/core/verdict.js';

const revision = (
  id: string,
  down: string[] = [],
  dependsOn: string[] = []
) => ({ id, downRevisions: down, dependsOn });

// base - b1 - b2 - b3          billing
//      \ c1 - c2               audit; c2 depends on b2
//        m merges b3 and c2; r1 is a third branch from base
const graph = createRevisionGraph([
  revision('base'),
  revision('b1', ['base']),
  revision('b2', ['b1']),
  revision('b3', ['b2']),
  revision('c1', ['base']),
  revision('c2', ['c1'], ['b2']),
  revision('m', ['b3', 'c2']),
  revision('r1', ['base']),
]);

const OPENED = '2026-12-04T10:00:00.000Z';
const EXPIRES = '2026-12-04T11:00:00.000Z';
const DURING = '2026-12-04T10:20:00.000Z';

const window: DeployWindow = {
  targetId: 'shop',
  deployId: 'deploy-8',
  fromHeads: ['b1', 'c1'],
  toHeads: ['b3', 'c2'],
  openedAt: OPENED,
  expiresAt: EXPIRES,
};

const attestation = (
  deployId: string,
  recordedAt: string,
  heads: string[] = ['b1', 'c1']
): Attestation => ({
  targetId: 'shop',
  sequence: 7,
  heads,
  deployId,
  recordedAt,
});

/** The deploy before the window: recorded before it opened. */
const before = attestation('deploy-7', '2026-12-03T09:00:00.000Z');

const mismatch = (observed: string[], expected = ['b1', 'c1']): Finding =>
  newFinding(FindingCode.versionMismatch, 'expected ..., found ...', {
    expected,
    observed,
  });

const verdictOf = (
  observedRows: string[] | undefined,
  findings: Finding[],
  status: VerdictStatus = findings.length === 0
    ? VerdictStatus.ok
    : VerdictStatus.mismatch
): Verdict => ({
  targetId: 'shop',
  checkedAt: DURING,
  status,
  findings,
  expectedHeads: ['b1', 'c1'],
  ...(observedRows && { observedRows }),
});

/** A verdict as judge gives it for rows other than the attested heads. */
const movedTo = (...rows: string[]) =>
  verdictOf([...rows].sort(), [mismatch([...rows].sort())]);

const schemaDrift = newFinding(
  FindingCode.schemaDrift,
  'schema differs from deploy deploy-7: 1 added',
  { expected: ['digest a'], observed: ['digest b'] }
);

const codes = (verdict: Verdict) => verdict.findings.map((f) => f.code);

describe('Function: onPath', () => {
  it('accepts only the old and the new heads, in any order, without a graph', () => {
    expect(onPath(window, ['c1', 'b1'], undefined)).toBe(true);
    expect(onPath(window, ['c2', 'b3'], undefined)).toBe(true);
    expect(onPath(window, ['b2', 'c1'], undefined)).toBe(false);
    expect(onPath(window, ['c2'], undefined)).toBe(false);
  });

  it.each([
    [['b2', 'c1']],
    [['b3', 'c1']],
    // upgrading c2 folds b2's row into c2, which depends on it
    [['c2']],
    [['b3', 'c2']],
  ])('accepts the intermediate state %j with a graph', (rows) => {
    expect(onPath(window, rows, graph)).toBe(true);
  });

  it.each([
    ['past the new heads', ['m']],
    ['on a branch the deploy does not touch', ['b1', 'c1', 'r1']],
    ['with a revision the manifest lacks', ['b2', 'zz9']],
    ['of an empty table', []],
  ])('rejects a state %s', (_, rows) => {
    expect(onPath(window, rows, graph)).toBe(false);
  });

  it.each([
    ['below both old heads', ['base']],
    ['below one old head', ['b3', 'base']],
  ])('rejects rows strictly %s', (_, rows) => {
    expect(onPath(window, rows, graph)).toBe(false);
  });

  it('rejects a state that lost the row of an old head', () => {
    // audit's row is gone: the next upgrade would run c1 again
    expect(onPath(window, ['b2'], graph)).toBe(false);
  });

  it('rejects a leftover ancestor row Alembic never writes', () => {
    expect(onPath(window, ['b1', 'b2', 'c1'], graph)).toBe(false);
  });

  it('rejects a row that appears twice', () => {
    expect(onPath(window, ['b2', 'b2', 'c1'], graph)).toBe(false);
    expect(onPath(window, ['b1', 'b1', 'c1'], undefined)).toBe(false);
  });
});

describe('Function: applyWindow', () => {
  it('returns the verdict unchanged without a window', () => {
    const verdict = movedTo('b2', 'c1');

    expect(applyWindow(verdict, undefined, before, graph, DURING)).toBe(
      verdict
    );
  });

  it('returns OK for a mismatch on the path while the window is open', () => {
    const windowed = applyWindow(
      movedTo('b2', 'c1'),
      window,
      before,
      graph,
      DURING
    );

    expect(windowed.status).toBe(VerdictStatus.ok);
    expect(windowed.findings).toEqual([]);
  });

  it('returns OK when the migrations also changed the schema on the path', () => {
    const verdict = verdictOf(['c2'], [mismatch(['c2']), schemaDrift]);

    const windowed = applyWindow(verdict, window, before, graph, DURING);

    expect(windowed.status).toBe(VerdictStatus.ok);
    expect(windowed.findings).toEqual([]);
  });

  it('keeps a mismatch off the path while the window is open', () => {
    const verdict = movedTo('b1', 'r1');

    expect(applyWindow(verdict, window, before, graph, DURING)).toBe(verdict);
  });

  it('keeps schema drift off the path while the window is open', () => {
    const verdict = verdictOf(['base'], [mismatch(['base']), schemaDrift]);

    expect(applyWindow(verdict, window, before, graph, DURING)).toBe(verdict);
  });

  it.each([
    [
      'TABLE_EMPTY',
      verdictOf([], [newFinding(FindingCode.tableEmpty, 'no rows')]),
    ],
    [
      'COULD_NOT_CHECK',
      verdictOf(
        undefined,
        [newFinding(FindingCode.couldNotCheck, 'timeout')],
        VerdictStatus.unchecked
      ),
    ],
    [
      'ROW_REWRITTEN',
      verdictOf(
        ['b1', 'c1'],
        [newFinding(FindingCode.rowRewritten, 'xmin 10 -> 12')]
      ),
    ],
  ])('does not hide %s while the window is open', (_, verdict) => {
    expect(applyWindow(verdict, window, before, graph, DURING)).toBe(verdict);
  });

  it('keeps a finding the deploy does not explain beside a mismatch on the path', () => {
    const canWrite = newFinding(
      FindingCode.verifierCanWrite,
      'login can write'
    );
    const verdict = verdictOf(['b2', 'c1'], [mismatch(['b2', 'c1']), canWrite]);

    const windowed = applyWindow(verdict, window, before, graph, DURING);

    expect(windowed.status).toBe(VerdictStatus.mismatch);
    expect(windowed.findings).toEqual([canWrite]);
  });

  it('adds WINDOW_EXPIRED once expired, even when the table is OK', () => {
    const windowed = applyWindow(
      verdictOf(['b1', 'c1'], []),
      window,
      before,
      graph,
      EXPIRES
    );

    expect(windowed.status).toBe(VerdictStatus.mismatch);
    expect(codes(windowed)).toEqual([FindingCode.windowExpired]);
    expect(windowed.findings[0]?.summary).toBe(
      `deploy deploy-8 opened ${OPENED} expired ${EXPIRES} without a record`
    );
    expect(windowed.findings[0]?.expected).toEqual(['b3', 'c2']);
  });

  it('adds WINDOW_EXPIRED beside a mismatch on the path once expired', () => {
    const windowed = applyWindow(
      movedTo('b2', 'c1'),
      window,
      before,
      graph,
      '2026-12-04T12:00:00.000Z'
    );

    expect(codes(windowed)).toEqual([
      FindingCode.versionMismatch,
      FindingCode.windowExpired,
    ]);
  });

  it('treats the window as closed once an attestation carries its deploy id', () => {
    const completed = attestation('deploy-8', DURING, ['b3', 'c2']);
    const verdict = movedTo('b2', 'c1');

    expect(applyWindow(verdict, window, completed, graph, DURING)).toBe(
      verdict
    );
    const ok = verdictOf(['b3', 'c2'], []);
    expect(applyWindow(ok, window, completed, graph, EXPIRES)).toBe(ok);
  });

  it('treats the window as closed once a later deploy was recorded', () => {
    // the deploy failed, was rolled back, and the old heads recorded again
    const rerecorded = attestation('deploy-8-rollback', DURING);
    const ok = verdictOf(['b1', 'c1'], []);

    expect(applyWindow(ok, window, rerecorded, graph, EXPIRES)).toBe(ok);
  });
});
