import { describe, expect, it } from 'vitest';
import { explainMismatch } from '../../../lambdas/core/classify/explain-mismatch.js';
import { refineVerdict } from '../../../lambdas/core/classify/refine-verdict.js';
import { newFinding } from '../../../lambdas/core/evidence/new-finding.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import { createRevisionGraph } from '../../../lambdas/core/graph/revision-graph.js';
import type { Manifest } from '../../../lambdas/core/manifest/manifest-format.js';
import { VerdictStatus } from '../../../lambdas/core/verdict.js';

const revision = (
  id: string,
  down: string[] = [],
  dependsOn: string[] = []
) => ({ id, downRevisions: down, dependsOn });

// The shape of test/fixtures/alembic-branching:
// base - b1 - b2 - b3 ------ m - fix        billing
//      \ c1 - c2 (depends on b2) /          audit
//      \ r1                                 reports
const revisions = [
  revision('base'),
  revision('b1', ['base']),
  revision('b2', ['b1']),
  revision('b3', ['b2']),
  revision('c1', ['base']),
  revision('c2', ['c1'], ['b2']),
  revision('m', ['b3', 'c2']),
  revision('fix', ['m']),
  revision('r1', ['base']),
];
const graph = createRevisionGraph(revisions);

const explain = (expected: string[], observed: string[]) =>
  explainMismatch(graph, expected, observed);

const codes = (expected: string[], observed: string[]) =>
  explain(expected, observed).map((f) => f.code);

describe('Function: explainMismatch on branches joined by depends_on', () => {
  it('returns PARTIAL_HEADS naming what re-runs when a row folded into a dependent', () => {
    // alembic downgrade billing@-1 from b3, c2 leaves c2 alone: b2 is
    // applied through c2's depends_on, so b3's row is deleted.
    const [finding, ...rest] = explain(['b3', 'c2'], ['c2']);

    expect(rest).toEqual([]);
    expect(finding?.code).toBe(FindingCode.partialHeads);
    expect(finding?.summary).toBe(
      'no row for recorded head b3; other heads in place; ' +
        'the next upgrade re-runs b3'
    );
  });

  it('returns ROLLED_BACK alone when two rows sit below the recorded heads', () => {
    // b2 and c1 are both below c2: neither is an extra row
    const [finding, ...rest] = explain(['b3', 'c2'], ['b2', 'c1']);

    expect(rest).toEqual([]);
    expect(finding?.code).toBe(FindingCode.rolledBack);
    expect(finding?.summary).toContain('the next upgrade re-runs b3, c2');
  });

  it('names only revisions no recorded head covers as never recorded', () => {
    const findings = explain(['b3', 'c2'], ['fix']);

    expect(findings.map((f) => f.summary)).toEqual([
      'moved forward to fix, 2 revisions past the recorded b3; ' +
        'never recorded: m, fix',
      'moved forward to fix, 2 revisions past the recorded c2; ' +
        'never recorded: m, fix',
    ]);
  });

  it('measures a rollback from the nearest row and reports a row below it as extra', () => {
    const findings = explain(['b3'], ['b1', 'b2']);

    expect(findings.map((f) => [f.code, f.summary])).toEqual([
      [
        FindingCode.rolledBack,
        'rolled back: b2 is 1 revision below b3; the next upgrade re-runs b3',
      ],
      [FindingCode.extraRows, 'extra 1 row b1 beside the recorded heads'],
    ]);
  });

  it('returns SIDEWAYS, not PARTIAL_HEADS, for a branch stamped onto another', () => {
    expect(codes(['b3', 'c2'], ['b3', 'r1'])).toEqual([FindingCode.sideways]);
  });

  it('reports unknown rows as one finding, the same whatever their order', () => {
    const summaries = (observed: string[]) =>
      explain(['b3'], observed).map((f) => f.summary);

    expect(summaries(['zz2', 'B3', 'zz1'])).toEqual(
      summaries(['zz1', 'zz2', 'B3'])
    );
    expect(summaries(['zz2', 'B3', 'zz1'])).toEqual([
      'row B3 is no revision of the recorded manifest; ' +
        'it looks like b3 with other case or spaces (and 2 more rows)',
    ]);
  });
});

describe('Function: refineVerdict', () => {
  const manifest: Manifest = {
    formatVersion: 1,
    hashAlgorithm: 'sha256',
    revisions: revisions.map((r) => ({
      ...r,
      branchLabels: [],
      fileName: `${r.id}.py`,
      fileHash: '0'.repeat(64),
    })),
    digest: '0'.repeat(64),
  };
  const drift = newFinding(FindingCode.schemaDrift, 'schema differs');

  it('replaces VERSION_MISMATCH with the graph findings and keeps the others', () => {
    const verdict = {
      targetId: 'ledger',
      checkedAt: '2026-12-04T10:00:00.000Z',
      status: VerdictStatus.mismatch,
      findings: [
        newFinding(FindingCode.versionMismatch, 'expected b3, c2, found c2', {
          expected: ['b3', 'c2'],
          observed: ['c2'],
        }),
        drift,
      ],
    };

    const refined = refineVerdict(verdict, manifest);

    expect(refined.findings.map((f) => f.code)).toEqual([
      FindingCode.partialHeads,
      FindingCode.schemaDrift,
    ]);
    expect(refined.status).toBe(VerdictStatus.mismatch);
  });

  it('returns the verdict itself when there is no mismatch to explain', () => {
    const verdict = {
      targetId: 'ledger',
      checkedAt: '2026-12-04T10:00:00.000Z',
      status: VerdictStatus.mismatch,
      findings: [drift],
    };

    expect(refineVerdict(verdict, manifest)).toBe(verdict);
  });
});
