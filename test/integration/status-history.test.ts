import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ExitCode } from '../../lambdas/cli/exit-codes.js';
import { runHistory } from '../../lambdas/cli/history-command.js';
import { runStatus } from '../../lambdas/cli/status-command.js';
import { DEFAULT_ALERT_POLICY } from '../../lambdas/core/alert-state.js';
import { judge } from '../../lambdas/core/compare.js';
import { dynamoAlertStateStore } from '../../lambdas/io/alert-state-store.js';
import { dynamoAttestationStore } from '../../lambdas/io/attestation-store.js';
import { dynamoAuditTrail } from '../../lambdas/io/audit-trail.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { advanceLifecycle } from '../../lambdas/lifecycle.js';
import { dynamoClient, uniqueName } from '../support/servers.js';

const NOW = '2026-12-04T12:00:00.000Z';
let table: string;

const check = async (targetId: string, values: string[], at = NOW) => {
  const client = dynamoClient();
  const attestation = await dynamoAttestationStore(client, table).latest(
    targetId
  );
  const verdict = judge(
    { targetId, observedAt: at, table: { kind: 'rows', values } },
    attestation
  );
  await advanceLifecycle(verdict, at, {
    lifecycle: {
      states: dynamoAlertStateStore(client, table),
      audit: dynamoAuditTrail(client, table, 30),
      policy: DEFAULT_ALERT_POLICY,
    },
    alerts: async () => {},
  });
};

const printed = () => {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
};

beforeAll(async () => {
  table = uniqueName('status');
  const client = dynamoClient();
  await ensureLocalTable(client, table);
  const store = dynamoAttestationStore(client, table);
  for (const targetId of ['quiet', 'broken', 'stale']) {
    await store.append({
      targetId,
      heads: ['ccc'],
      deployId: `deploy-${targetId}`,
      recordedAt: '2026-12-04T09:00:00.000Z',
      actor: 'ci',
    });
  }
  await check('quiet', ['ccc']);
  await check('broken', ['aaa']);
  await check('stale', ['ccc'], '2026-12-04T08:00:00.000Z');
});

describe('Commands: status and history on DynamoDB Local', () => {
  it('reports each target as quiet, alerting, stale or never checked', async () => {
    const out = printed();

    const code = await runStatus(
      {
        targets: ['quiet', 'broken', 'stale', 'unknown'],
        staleAfterMinutes: 120,
        table,
        dynamodbEndpoint: inject('dynamoEndpoint'),
        json: true,
        now: new Date(NOW),
      },
      out.write
    );

    expect(code).toBe(ExitCode.findings);
    const { targets } = JSON.parse(out.lines[0] ?? '{}');
    expect(
      targets.map((t: { target: string; state: string }) => [t.target, t.state])
    ).toEqual([
      ['quiet', 'QUIET'],
      ['broken', 'ALERTING'],
      ['stale', 'STALE'],
      ['unknown', 'NEVER CHECKED'],
    ]);
    expect(targets[1].openCodes).toEqual(['VERSION_MISMATCH']);
  });

  it('exits 0 when every listed target is quiet', async () => {
    const code = await runStatus(
      {
        targets: ['quiet'],
        staleAfterMinutes: 120,
        table,
        dynamodbEndpoint: inject('dynamoEndpoint'),
        now: new Date(NOW),
      },
      printed().write
    );

    expect(code).toBe(ExitCode.ok);
  });

  it('lists the deploy, the observed change and the notification, newest first', async () => {
    const out = printed();

    await runHistory(
      {
        target: 'broken',
        limit: 10,
        table,
        dynamodbEndpoint: inject('dynamoEndpoint'),
        json: true,
      },
      out.write
    );

    const { entries } = JSON.parse(out.lines[0] ?? '{}');
    expect(entries.map((entry: { kind: string }) => entry.kind)).toEqual([
      'NOTIFIED',
      'OBSERVATION_CHANGED',
      'DEPLOY_RECORDED',
    ]);
    expect(entries[2].facts).toMatchObject({
      deployId: 'deploy-broken',
      actor: 'ci',
    });
  });
});
