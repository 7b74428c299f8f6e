import { describe, expect, it } from 'vitest';
import { decide } from '../../../lambdas/core/alert-lifecycle.js';
import {
  type AlertPolicy,
  type AlertState,
  DEFAULT_ALERT_POLICY,
} from '../../../lambdas/core/alert-state.js';
import { judge, unchecked } from '../../../lambdas/core/compare.js';
import type { Verdict } from '../../../lambdas/core/verdict.js';

const policy: AlertPolicy = {
  ...DEFAULT_ALERT_POLICY,
  remindAfterMillis: 60 * 60_000,
  uncheckedThreshold: 3,
  heartbeatMillis: 30 * 60_000,
  claimLeaseMillis: 2 * 60_000,
};

const at = (minute: number) =>
  new Date(Date.UTC(2026, 11, 4, 10, 0) + minute * 60_000).toISOString();

const attestation = {
  targetId: 'orders',
  sequence: 1,
  heads: ['ccc'],
  deployId: 'd-1',
  recordedAt: at(-60),
};

const seen = (minute: number, ...values: string[]): Verdict =>
  judge(
    {
      targetId: 'orders',
      observedAt: at(minute),
      table: { kind: 'rows', values },
    },
    attestation
  );

const down = (minute: number) => unchecked('orders', at(minute), 'timed out');

/** Runs verdicts through decide as a verifier would; returns what it sent. */
const simulate = (verdicts: Verdict[], start?: AlertState) => {
  let state = start;
  const sent: string[] = [];
  const writes: number[] = [];
  for (const verdict of verdicts) {
    const { step } = decide(state, verdict, policy, verdict.checkedAt);
    if (step.kind === 'write') state = step.next;
    if (step.kind === 'notify') {
      state = step.confirm;
      sent.push(`${step.notification}@${verdict.checkedAt.slice(11, 16)}`);
    }
    if (step.kind !== 'none')
      writes.push(Number(verdict.checkedAt.slice(14, 16)));
  }
  return { sent, state, writes };
};

describe('Function: decide', () => {
  it('notifies once when a problem appears, not on every check', () => {
    const { sent } = simulate([
      seen(0, 'ccc'),
      seen(5, 'aaa'),
      seen(10, 'aaa'),
    ]);

    expect(sent).toEqual(['ALERT@10:05']);
  });

  it('notifies again when the findings change', () => {
    const { sent } = simulate([seen(0, 'aaa'), seen(5, 'bbb')]);

    expect(sent).toEqual(['ALERT@10:00', 'ALERT@10:05']);
  });

  it('reminds after the interval while unresolved, then resolves', () => {
    const verdicts = [0, 30, 60, 65].map((m) => seen(m, 'aaa'));

    const { sent } = simulate([...verdicts, seen(70, 'ccc'), seen(75, 'ccc')]);

    expect(sent).toEqual(['ALERT@10:00', 'REMINDER@11:00', 'RESOLVED@11:10']);
  });

  it('stays quiet for a blip of could-not-check below the threshold', () => {
    const { sent } = simulate([
      seen(0, 'ccc'),
      down(5),
      down(10),
      seen(15, 'ccc'),
    ]);

    expect(sent).toEqual([]);
  });

  it('alerts could-not-check after N consecutive failures, then resolves', () => {
    const { sent } = simulate([
      down(0),
      down(5),
      down(10),
      down(15),
      seen(20, 'ccc'),
    ]);

    expect(sent).toEqual(['ALERT@10:10', 'RESOLVED@10:20']);
  });

  it('does not write on an unchanged check before the heartbeat is due', () => {
    const verdicts = [0, 5, 10, 30, 35].map((m) => seen(m, 'ccc'));

    const { writes } = simulate(verdicts);

    expect(writes).toEqual([0, 30]);
  });

  it('sends nothing while another run holds a live claim', () => {
    const first = decide(undefined, seen(0, 'aaa'), policy, at(0));
    if (first.step.kind !== 'notify') throw new Error('expected a claim');

    const overlapping = decide(first.step.claim, seen(0, 'aaa'), policy, at(1));

    expect(overlapping.step.kind).toBe('none');
  });

  it('notifies again after a restart that lost the confirming update', () => {
    const first = decide(undefined, seen(0, 'aaa'), policy, at(0));
    if (first.step.kind !== 'notify') throw new Error('expected a claim');

    // The run died after its claim; the lease has expired by minute 5.
    const { sent } = simulate([seen(5, 'aaa')], first.step.claim);

    expect(sent).toEqual(['ALERT@10:05']);
  });

  it('notifies on the next run when publishing failed and released the claim', () => {
    const first = decide(undefined, seen(0, 'aaa'), policy, at(0));
    if (first.step.kind !== 'notify') throw new Error('expected a claim');

    const { sent } = simulate([seen(5, 'aaa')], first.step.release);

    expect(first.step.release.open).toBeUndefined();
    expect(first.step.release.pending).toBeUndefined();
    expect(sent).toEqual(['ALERT@10:05']);
  });

  it('reports an observation change only when the database showed something new', () => {
    const first = decide(undefined, seen(0, 'ccc'), policy, at(0));
    if (first.step.kind !== 'write') throw new Error('expected a write');

    const same = decide(first.step.next, seen(5, 'ccc'), policy, at(5));
    const moved = decide(first.step.next, seen(10, 'aaa'), policy, at(10));

    expect(first.observationChanged).toBe(true);
    expect(same.observationChanged).toBe(false);
    expect(moved.observationChanged).toBe(true);
  });
});
