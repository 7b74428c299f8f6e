import { describe, expect, it } from 'vitest';
import {
  AlertState,
  renderAlert,
  SUBJECT_MAX_LENGTH,
} from '../../../lambdas/core/alert-message.js';
import { judge, unchecked } from '../../../lambdas/core/compare.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import type { Verdict } from '../../../lambdas/core/verdict.js';

const attestation = {
  targetId: 'orders',
  sequence: 3,
  heads: ['ccc'],
  deployId: 'd-3',
  recordedAt: '2026-12-01T00:00:00.000Z',
};

const verdictOf = (values: string[]): Verdict =>
  judge(
    {
      targetId: 'orders',
      observedAt: '2026-12-04T10:00:00.000Z',
      table: { kind: 'rows', values },
    },
    attestation
  );

const verdicts: Record<string, Verdict> = {
  [FindingCode.versionMismatch]: verdictOf(['aaa']),
  [FindingCode.tableEmpty]: verdictOf([]),
  [FindingCode.malformedValue]: verdictOf(['x y']),
  [FindingCode.couldNotCheck]: unchecked('orders', 'now', 'timed out'),
  [FindingCode.noAttestation]: judge(
    {
      targetId: 'orders',
      observedAt: 'now',
      table: { kind: 'rows', values: ['aaa'] },
    },
    undefined
  ),
  [FindingCode.tableMissing]: judge(
    {
      targetId: 'orders',
      observedAt: 'now',
      table: { kind: 'missing', foundInSchemas: [] },
    },
    attestation
  ),
};

describe('Function: renderAlert', () => {
  it('covers every finding code in this table of cases', () => {
    expect(Object.keys(verdicts).sort()).toEqual(
      Object.values(FindingCode).sort()
    );
  });

  it.each(Object.entries(verdicts))(
    'renders %s with a short subject, body fields and attributes',
    (code, verdict) => {
      const message = renderAlert(verdict, { state: AlertState.alert });

      expect(message).toBeDefined();
      expect(message?.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
      expect(message?.subject).toMatch(/^\[(CRITICAL|HIGH|MEDIUM)\] orders: /);
      expect(message?.subject).not.toMatch(/[\r\n]/);
      expect(message?.text).toContain('Target:   orders');
      expect(message?.text).toContain('Expected:');
      expect(message?.text).toContain('First steps:');
      expect(message?.text).toContain(
        `docs/findings.md#${code.toLowerCase().replaceAll('_', '-')}`
      );
      expect(message?.attributes).toMatchObject({
        target: 'orders',
        code,
        state: 'ALERT',
      });
      expect(JSON.parse(message?.json ?? '{}')).toMatchObject({
        schemaVersion: 1,
        targetId: 'orders',
      });
    }
  );

  it('returns undefined for an OK verdict', () => {
    expect(
      renderAlert(verdictOf(['ccc']), { state: AlertState.alert })
    ).toBeUndefined();
  });

  it('truncates a long subject to the SNS limit', () => {
    const message = renderAlert(verdictOf(['a'.repeat(200)]), {
      state: AlertState.alert,
    });

    expect(message?.subject).toHaveLength(SUBJECT_MAX_LENGTH);
    expect(message?.subject.endsWith('...')).toBe(true);
  });

  it('uses the configured docs URL for the reference line', () => {
    const message = renderAlert(verdictOf(['aaa']), {
      state: AlertState.alert,
      docsUrl: 'https://wiki.example/sentinel',
    });

    expect(message?.text).toContain(
      'https://wiki.example/sentinel#version-mismatch'
    );
  });
});
