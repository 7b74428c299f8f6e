import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../lambdas/core/alert-message.js';
import { DEFAULT_ALERT_POLICY } from '../../lambdas/core/alert-state.js';
import { judge } from '../../lambdas/core/compare.js';
import { PublishError } from '../../lambdas/core/errors.js';
import type { Verdict } from '../../lambdas/core/verdict.js';
import { dynamoAlertStateStore } from '../../lambdas/io/alert-state-store.js';
import { AuditKind, dynamoAuditTrail } from '../../lambdas/io/audit-trail.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { advanceLifecycle, type Lifecycle } from '../../lambdas/lifecycle.js';
import { dynamoClient, uniqueName } from '../support/servers.js';

let lifecycle: Lifecycle;

const mismatch = (targetId: string, checkedAt: string): Verdict =>
  judge(
    {
      targetId,
      observedAt: checkedAt,
      table: { kind: 'rows', values: ['aaa'] },
    },
    {
      targetId,
      sequence: 1,
      heads: ['ccc'],
      deployId: 'd-1',
      recordedAt: '2026-12-04T09:00:00.000Z',
    }
  );

const counting = () => {
  const sent: AlertMessage[] = [];
  return {
    sent,
    alerts: async (message: AlertMessage) => {
      // Give the other run time to interleave with this one.
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent.push(message);
    },
  };
};

beforeAll(async () => {
  const client = dynamoClient();
  const table = uniqueName('lifecycle');
  await ensureLocalTable(client, table);
  lifecycle = {
    states: dynamoAlertStateStore(client, table),
    audit: dynamoAuditTrail(client, table, 30),
    policy: DEFAULT_ALERT_POLICY,
  };
});

describe('Function: advanceLifecycle on DynamoDB Local', () => {
  it('sends exactly one notification when two runs overlap', async () => {
    const targets = ['race-a', 'race-b', 'race-c', 'race-d'];
    const sink = counting();

    const results = await Promise.all(
      targets.flatMap((targetId) =>
        [1, 2].map(() =>
          advanceLifecycle(
            mismatch(targetId, '2026-12-04T10:00:00.000Z'),
            '2026-12-04T10:00:00.000Z',
            {
              lifecycle,
              alerts: sink.alerts,
            }
          )
        )
      )
    );

    expect(sink.sent).toHaveLength(targets.length);
    expect(results.filter((kind) => kind === 'ALERT')).toHaveLength(
      targets.length
    );
    expect(new Set(sink.sent.map((m) => m.attributes.target))).toEqual(
      new Set(targets)
    );
  });

  it('throws and keeps no claim when publishing fails, then sends on the next run', async () => {
    const failing = async () => {
      throw new PublishError('topic unavailable');
    };
    const sink = counting();
    const verdict = mismatch('flaky', '2026-12-04T10:00:00.000Z');

    await expect(
      advanceLifecycle(verdict, '2026-12-04T10:00:00.000Z', {
        lifecycle,
        alerts: failing,
      })
    ).rejects.toBeInstanceOf(PublishError);
    const state = await lifecycle.states.read('flaky');
    expect(state?.open).toBeUndefined();
    expect(state?.pending).toBeUndefined();

    const retried = await advanceLifecycle(
      mismatch('flaky', '2026-12-04T10:05:00.000Z'),
      '2026-12-04T10:05:00.000Z',
      { lifecycle, alerts: sink.alerts }
    );

    expect(retried).toBe('ALERT');
    expect(sink.sent).toHaveLength(1);
  });

  it('appends changes and notifications to the audit trail, not unchanged checks', async () => {
    const sink = counting();
    const run = (minute: number) => {
      const at = `2026-12-04T11:${String(minute).padStart(2, '0')}:00.000Z`;
      return advanceLifecycle(mismatch('audited', at), at, {
        lifecycle,
        alerts: sink.alerts,
      });
    };

    await run(0);
    await run(5);
    await run(10);

    const history = await lifecycle.audit.history('audited', 10);
    expect(history.map((entry) => entry.kind).sort()).toEqual([
      AuditKind.notified,
      AuditKind.observationChanged,
    ]);
    const change = history.find((e) => e.kind === AuditKind.observationChanged);
    expect(change?.facts).toMatchObject({
      observed: ['aaa'],
      expected: ['ccc'],
    });
  });

  it('stores state and audit entries even when an attacker writes 20,000 rows', async () => {
    const at = '2026-12-04T12:00:00.000Z';
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `forged${String(i).padStart(26, '0')}`
    );
    const verdict = judge(
      {
        targetId: 'stuffed',
        observedAt: at,
        table: { kind: 'rows', values: rows },
      },
      {
        targetId: 'stuffed',
        sequence: 1,
        heads: ['ccc'],
        deployId: 'd-1',
        recordedAt: '2026-12-04T09:00:00.000Z',
      }
    );

    const sent = await advanceLifecycle(verdict, at, {
      lifecycle,
      alerts: counting().alerts,
    });

    expect(sent).toBe('ALERT');
    const [change] = (await lifecycle.audit.history('stuffed', 10)).filter(
      (entry) => entry.kind === AuditKind.observationChanged
    );
    expect(change?.facts).toMatchObject({ observedRowCount: 20_000 });
    expect(change?.facts.observed).toHaveLength(20);
  });
});
