import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AttestationStore,
  dynamoAttestationStore,
} from '../../lambdas/io/attestation-store.js';
import { ensureLocalTable } from '../../lambdas/io/table.js';
import { dynamoClient, uniqueName } from '../support/servers.js';

let store: AttestationStore;

const draft = (targetId: string, deployId: string, heads = ['aaa']) => ({
  targetId,
  heads,
  deployId,
  recordedAt: '2026-12-04T10:00:00.000Z',
});

beforeAll(async () => {
  const client = dynamoClient();
  const table = uniqueName('attestations');
  await ensureLocalTable(client, table);
  store = dynamoAttestationStore(client, table);
});

describe('Function: dynamoAttestationStore', () => {
  it('returns undefined as latest when nothing was recorded', async () => {
    expect(await store.latest('never-recorded')).toBeUndefined();
  });

  it('appends with rising sequence numbers and reads the newest', async () => {
    const first = await store.append(draft('rising', 'd-1', ['aaa']));
    const second = await store.append({
      ...draft('rising', 'd-2', ['bbb']),
      commit: 'c0ffee',
      actor: 'ci',
    });

    expect(first.attestation.sequence).toBe(1);
    expect(second.attestation.sequence).toBe(2);
    expect(await store.latest('rising')).toEqual({
      ...draft('rising', 'd-2', ['bbb']),
      commit: 'c0ffee',
      actor: 'ci',
      sequence: 2,
    });
  });

  it('returns the first attestation when a deploy id is sent again', async () => {
    await store.append(draft('retry', 'd-1'));

    const again = await store.append(draft('retry', 'd-1'));

    expect(again.created).toBe(false);
    expect(again.attestation.sequence).toBe(1);
    expect(await store.recent('retry', 10)).toHaveLength(1);
  });

  it('keeps every one of many concurrent appends, none overwritten', async () => {
    const deploys = Array.from({ length: 6 }, (_, index) => `race-${index}`);

    const results = await Promise.allSettled(
      deploys.map((deployId) => store.append(draft('race', deployId)))
    );

    const landed = results.flatMap((result) =>
      result.status === 'fulfilled' ? [result.value.attestation] : []
    );
    const lost = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : []
    );
    // Each round of the race has a winner, so six racers need at most six
    // of the store's eight attempts: all of them must land.
    expect(lost).toEqual([]);
    const stored = await store.recent('race', 50);
    expect(stored).toHaveLength(landed.length);
    expect(new Set(stored.map((item) => item.deployId))).toEqual(
      new Set(landed.map((item) => item.deployId))
    );
    expect(stored.map((item) => item.sequence).sort((a, b) => a - b)).toEqual(
      stored.map((_, index) => index + 1)
    );
    expect(landed).toHaveLength(deploys.length);
  });
});
