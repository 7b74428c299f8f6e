import { describe, expect, it } from 'vitest';
import type { Attestation } from '../../../lambdas/core/attestation.js';
import { judge, unchecked } from '../../../lambdas/core/compare.js';
import { FindingCode, Severity } from '../../../lambdas/core/findings.js';
import type { VersionTableRead } from '../../../lambdas/core/observation.js';
import { VerdictStatus } from '../../../lambdas/core/verdict.js';

const attested = (heads: string[]): Attestation => ({
  targetId: 'orders',
  sequence: 7,
  heads,
  deployId: 'deploy-7',
  recordedAt: '2026-12-01T00:00:00.000Z',
});

const observe = (table: VersionTableRead) => ({
  targetId: 'orders',
  observedAt: '2026-12-04T10:00:00.000Z',
  table,
});

const rows = (...values: string[]) => observe({ kind: 'rows', values });

describe('Function: judge', () => {
  it('returns OK when the rows equal the attested heads in any order', () => {
    // Act
    const verdict = judge(rows('bbb', 'aaa'), attested(['aaa', 'bbb']));

    // Assess
    expect(verdict.status).toBe(VerdictStatus.ok);
    expect(verdict.findings).toEqual([]);
    expect(verdict.attestationSequence).toBe(7);
  });

  it('returns VERSION_MISMATCH naming both sides when rolled back', () => {
    const verdict = judge(rows('aaa'), attested(['ccc']));

    expect(verdict.status).toBe(VerdictStatus.mismatch);
    expect(verdict.findings).toHaveLength(1);
    const [finding] = verdict.findings;
    expect(finding?.code).toBe(FindingCode.versionMismatch);
    expect(finding?.severity).toBe(Severity.critical);
    expect(finding?.expected).toEqual(['ccc']);
    expect(finding?.observed).toEqual(['aaa']);
    expect(finding?.summary).toBe('expected ccc, found aaa');
  });

  it('returns VERSION_MISMATCH when a head row is duplicated', () => {
    const verdict = judge(rows('aaa', 'aaa'), attested(['aaa']));

    expect(verdict.findings[0]?.code).toBe(FindingCode.versionMismatch);
  });

  it('returns VERSION_MISMATCH when one of two heads is missing', () => {
    const verdict = judge(rows('aaa'), attested(['aaa', 'bbb']));

    expect(verdict.findings[0]?.summary).toBe('expected aaa, bbb, found aaa');
  });

  it('returns NO_ATTESTATION with the observed rows when none exists', () => {
    const verdict = judge(rows('aaa'), undefined);

    expect(verdict.status).toBe(VerdictStatus.unattested);
    expect(verdict.findings[0]?.code).toBe(FindingCode.noAttestation);
    expect(verdict.findings[0]?.observed).toEqual(['aaa']);
  });

  it('returns TABLE_MISSING with a hint when another schema has it', () => {
    const table: VersionTableRead = {
      kind: 'missing',
      foundInSchemas: ['legacy'],
    };

    const verdict = judge(observe(table), attested(['aaa']));

    expect(verdict.findings[0]?.code).toBe(FindingCode.tableMissing);
    expect(verdict.findings[0]?.summary).toContain('schema legacy');
    expect(verdict.observedRows).toBeUndefined();
  });

  it('returns TABLE_EMPTY even when no attestation exists', () => {
    const verdict = judge(rows(), undefined);

    expect(verdict.status).toBe(VerdictStatus.mismatch);
    expect(verdict.findings[0]?.code).toBe(FindingCode.tableEmpty);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' aaa'],
    ['non-printable', 'aa\u0007a'],
    ['over-long', 'a'.repeat(256)],
  ])('returns MALFORMED_VALUE for a %s value', (_kind, value) => {
    const verdict = judge(rows(value), attested(['aaa']));

    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]?.code).toBe(FindingCode.malformedValue);
  });

  it('escapes control characters in the summary of a forged row', () => {
    const verdict = judge(rows('a\nSubject: fake'), attested(['aaa']));

    expect(verdict.findings[0]?.summary).not.toContain('\n');
    expect(verdict.findings[0]?.summary).toContain('\\u{a}');
  });
});

describe('Function: unchecked', () => {
  it('returns an UNCHECKED verdict with COULD_NOT_CHECK, never OK', () => {
    const verdict = unchecked('orders', '2026-12-04T10:00:00Z', 'timed out');

    expect(verdict.status).toBe(VerdictStatus.unchecked);
    expect(verdict.findings[0]?.code).toBe(FindingCode.couldNotCheck);
    expect(verdict.findings[0]?.summary).toBe('timed out');
  });
});
