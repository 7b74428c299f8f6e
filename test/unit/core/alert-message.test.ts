import { describe, expect, it } from 'vitest';
import {
  renderAlert,
  SUBJECT_MAX_LENGTH,
} from '../../../lambdas/core/alert-message.js';
import { NotificationKind } from '../../../lambdas/core/alert-state.js';
import { CATALOGUE } from '../../../lambdas/core/catalogue.js';
import { judge } from '../../../lambdas/core/compare.js';
import { FindingCode } from '../../../lambdas/core/findings.js';
import { type Verdict, VerdictStatus } from '../../../lambdas/core/verdict.js';

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

/** A verdict holding one finding of `code`, for every code there is. */
const verdictWith = (code: FindingCode): Verdict => ({
  targetId: 'orders',
  checkedAt: '2026-12-04T10:00:00.000Z',
  status: VerdictStatus.mismatch,
  expectedHeads: ['ccc'],
  observedRows: ['aaa'],
  findings: [
    {
      code,
      severity: CATALOGUE[code].severity,
      summary: `seen for ${code}`,
    },
  ],
});

const verdicts: Record<string, Verdict> = Object.fromEntries(
  Object.values(FindingCode).map((code) => [code, verdictWith(code)])
);

describe('Function: renderAlert', () => {
  it.each(Object.entries(verdicts))(
    'renders %s with a short subject, body fields and attributes',
    (code, verdict) => {
      const message = renderAlert(verdict, { kind: NotificationKind.alert });
      const definition = CATALOGUE[code as FindingCode];

      expect(message).toBeDefined();
      expect(message?.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
      expect(message?.subject).toMatch(/^\[(CRITICAL|HIGH|MEDIUM)\] orders: /);
      expect(message?.subject).not.toMatch(/[\r\n]/);
      expect(message?.text).toContain('Target:   orders');
      expect(message?.text).toContain('Expected:');
      expect(message?.text).toContain('First steps:');
      expect(message?.text).toContain(definition.meaning);
      expect(message?.text).toContain(`What was seen: seen for ${code}`);
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

  it('renders a RESOLVED notice naming what was open', () => {
    const message = renderAlert(verdictOf(['ccc']), {
      kind: NotificationKind.resolved,
      open: {
        fingerprint: 'f',
        codes: ['VERSION_MISMATCH'],
        severity: 'CRITICAL',
        openedAt: '2026-12-04T09:00:00.000Z',
        notifiedAt: '2026-12-04T09:00:00.000Z',
      },
    });

    expect(message.subject).toBe(
      '[RESOLVED] orders: OK again after VERSION_MISMATCH'
    );
    expect(message.text).toContain('Resolved: VERSION_MISMATCH, open since');
    expect(message.attributes).toMatchObject({ state: 'RESOLVED', code: 'OK' });
  });

  it('marks a reminder as STILL in the subject', () => {
    const message = renderAlert(verdictOf(['aaa']), {
      kind: NotificationKind.reminder,
    });

    expect(message.subject).toMatch(/^\[STILL CRITICAL\] orders: /);
    expect(message.attributes.state).toBe('REMINDER');
  });

  it('truncates a long subject to the SNS limit', () => {
    const message = renderAlert(verdictOf(['a'.repeat(200)]), {
      kind: NotificationKind.alert,
    });

    expect(message?.subject).toHaveLength(SUBJECT_MAX_LENGTH);
    expect(message?.subject.endsWith('...')).toBe(true);
  });

  it('uses the configured docs URL for the reference line', () => {
    const message = renderAlert(verdictOf(['aaa']), {
      kind: NotificationKind.alert,
      docsUrl: 'https://wiki.example/sentinel',
    });

    expect(message?.text).toContain(
      'https://wiki.example/sentinel#version-mismatch'
    );
  });

  it('stays far below the SNS size limit however many rows are forged', () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `forged${String(i).padStart(26, '0')}`
    );
    const verdict: Verdict = {
      ...verdictWith(FindingCode.malformedValue),
      observedRows: rows,
      findings: rows.map((row) => ({
        code: FindingCode.malformedValue,
        severity: CATALOGUE[FindingCode.malformedValue].severity,
        summary: `row ${row} ${'x'.repeat(1000)}`,
        observed: rows,
      })),
    };

    const message = renderAlert(verdict, { kind: NotificationKind.alert });

    const bytes =
      Buffer.byteLength(message.text) + Buffer.byteLength(message.json);
    expect(bytes).toBeLessThan(256 * 1024);
    expect(message.text).toContain('and 9980 more');
    expect(message.text).toContain('... and 9990 more findings');
    expect(JSON.parse(message.json).findingCount).toBe(10_000);
  });
});
