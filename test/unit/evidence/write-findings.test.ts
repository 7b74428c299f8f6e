import { describe, expect, it } from 'vitest';
import { judge } from '../../../lambdas/core/compare.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import { VerdictStatus } from '../../../lambdas/core/verdict.js';
import { attested, HEAD, observed, writes } from './evidence-fixtures.js';

const codes = (verdict: ReturnType<typeof judge>) =>
  verdict.findings.map((finding) => finding.code);

describe('Function: judge, write evidence', () => {
  it('returns OK when oid, xmin and counters are as recorded', () => {
    const verdict = judge(observed(), attested());

    expect(verdict.status).toBe(VerdictStatus.ok);
    expect(verdict.findings).toEqual([]);
  });

  it('returns ROW_REWRITTEN when the row holds the value under a new xmin', () => {
    const now = writes({ rows: [{ value: HEAD, xmin: '802' }] });

    const verdict = judge(observed({ writes: now }), attested());

    expect(verdict.status).toBe(VerdictStatus.mismatch);
    expect(codes(verdict)).toEqual([FindingCode.rowRewritten]);
    const [finding] = verdict.findings;
    expect(finding?.summary).toContain('xmin 741 -> 802');
    expect(finding?.summary).toContain('restored or rewritten');
    expect(finding?.expected).toEqual([`${HEAD} xmin 741`]);
    expect(finding?.observed).toEqual([`${HEAD} xmin 802`]);
  });

  it('keeps ROW_REWRITTEN identical across checks while counters grow', () => {
    const rewritten = { rows: [{ value: HEAD, xmin: '802' }] };
    const first = judge(observed({ writes: writes(rewritten) }), attested());
    const later = judge(
      observed({
        writes: writes({
          ...rewritten,
          counters: { inserted: 1, updated: 9, deleted: 0, hotUpdated: 9 },
        }),
      }),
      attested()
    );

    expect(later.findings[0]?.expected).toEqual(first.findings[0]?.expected);
    expect(later.findings[0]?.observed).toEqual(first.findings[0]?.observed);
    expect(later.findings[0]?.summary).toContain('statistics count 7 updates');
  });

  it('returns TABLE_REPLACED alone when the table has a new oid', () => {
    const now = writes({
      tableOid: '16999',
      relfilenode: '16999',
      rows: [{ value: HEAD, xmin: '900' }],
    });

    const verdict = judge(observed({ writes: now }), attested());

    expect(codes(verdict)).toEqual([FindingCode.tableReplaced]);
    expect(verdict.findings[0]?.summary).toContain('restored or rewritten');
  });

  it('returns OK when only the relfilenode changed, as after VACUUM FULL', () => {
    const now = writes({ relfilenode: '16420' });

    expect(judge(observed({ writes: now }), attested()).status).toBe(
      VerdictStatus.ok
    );
  });

  it('returns OK when the statistics were reset and counters went down', () => {
    const now = writes({
      counters: { inserted: 0, updated: 0, deleted: 0, hotUpdated: 0 },
      statsResetAt: '2026-12-03T00:00:00.000Z',
    });

    expect(judge(observed({ writes: now }), attested()).status).toBe(
      VerdictStatus.ok
    );
  });

  it('returns OK when counters went down without a reset time, as after a crash', () => {
    const now = writes({
      counters: { inserted: 0, updated: 0, deleted: 0, hotUpdated: 0 },
    });

    expect(judge(observed({ writes: now }), attested()).status).toBe(
      VerdictStatus.ok
    );
  });

  it('returns WRITES_COUNTED when counters rose but the row is untouched', () => {
    const now = writes({
      counters: { inserted: 2, updated: 2, deleted: 1, hotUpdated: 2 },
    });

    const verdict = judge(observed({ writes: now }), attested());

    expect(codes(verdict)).toEqual([FindingCode.writesCounted]);
    expect(verdict.findings[0]?.observed).toEqual(['1 insert', '1 delete']);
  });

  it('says counters are not comparable in ROW_REWRITTEN after a reset', () => {
    const now = writes({
      rows: [{ value: HEAD, xmin: '802' }],
      counters: { inserted: 0, updated: 1, deleted: 0, hotUpdated: 1 },
      statsResetAt: '2026-12-03T00:00:00.000Z',
    });

    const [finding] = judge(observed({ writes: now }), attested()).findings;

    expect(finding?.summary).toContain('statistics were reset since');
  });

  it('returns only VERSION_MISMATCH when the heads differ', () => {
    const now = writes({ rows: [{ value: 'aaa', xmin: '802' }] });

    const verdict = judge(observed({ writes: now }, ['aaa']), attested());

    expect(codes(verdict)).toEqual([FindingCode.versionMismatch]);
  });

  it('returns OK for an attestation recorded without evidence', () => {
    const { writes: _w, schema: _s, ...bare } = attested();
    const now = writes({ rows: [{ value: HEAD, xmin: '802' }] });

    expect(judge(observed({ writes: now }), bare).status).toBe(
      VerdictStatus.ok
    );
  });
});
