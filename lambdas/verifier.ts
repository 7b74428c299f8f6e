import { renderAlert } from './core/alert-message.js';
import { NotificationKind } from './core/alert-state.js';
import { judge, unchecked } from './core/compare.js';
import { PublishError, SentinelError } from './core/errors.js';
import type { Target } from './core/target.js';
import { type Verdict, VerdictStatus } from './core/verdict.js';
import { explain } from './explain.js';
import type { AlertSink } from './io/alert-publisher.js';
import type { AttestationStore } from './io/attestation-store.js';
import type { ManifestStore } from './io/manifest-store.js';
import type { WindowStore } from './io/window-store.js';
import { advanceLifecycle, type Lifecycle } from './lifecycle.js';
import {
  judgeContextFor,
  type ObserveDeps,
  readVersionTable,
} from './observe.js';

/** Everything one verification run needs, injected by the entry point. */
interface VerifierDeps extends ObserveDeps {
  readonly attestations: Pick<AttestationStore, 'latest'>;
  readonly alerts: AlertSink;
  readonly clock: () => Date;
  /**
   * Alert state and audit trail. Without it every non-OK verdict is
   * published (one-off checks from the CLI).
   * @default - stateless
   */
  readonly lifecycle?: Lifecycle;
  /**
   * Recorded manifests, to explain a mismatch through the revision graph.
   * @default - mismatches are reported as VERSION_MISMATCH
   */
  readonly manifests?: Pick<ManifestStore, 'get'>;
  /**
   * Deploy windows opened by pipelines.
   * @default - windows are not consulted
   */
  readonly windows?: Pick<WindowStore, 'current'>;
  /** @default 'docs/findings.md' */
  readonly docsUrl?: string;
}

/** What one check of one target did. */
interface CheckOutcome {
  readonly verdict: Verdict;
  /** The notification published by this check, if any. */
  readonly notified?: NotificationKind;
}

/** Only our own typed errors carry messages that are safe to show. */
const failureReason = (error: unknown): string =>
  error instanceof SentinelError
    ? error.message
    : `unexpected ${error instanceof Error ? error.name : 'failure'}`;

const verdictFor = async (
  target: Target,
  deps: VerifierDeps,
  checkedAt: string
): Promise<Verdict> => {
  try {
    const [table, attestation, window] = await Promise.all([
      readVersionTable(target, deps),
      deps.attestations.latest(target.id),
      deps.windows?.current(target.id),
    ]);
    const observation = { targetId: target.id, observedAt: checkedAt, table };
    const context = await judgeContextFor(target, table, attestation, deps);
    const judged = judge(observation, attestation, context);
    return await explain(
      judged,
      { target, attestation, window, checkedAt },
      deps
    );
  } catch (error) {
    return unchecked(target.id, checkedAt, failureReason(error));
  }
};

const notifyStateless = async (
  verdict: Verdict,
  deps: VerifierDeps
): Promise<NotificationKind | undefined> => {
  if (verdict.status === VerdictStatus.ok) return undefined;
  await deps.alerts(
    renderAlert(verdict, {
      kind: NotificationKind.alert,
      ...(deps.docsUrl !== undefined && { docsUrl: deps.docsUrl }),
    })
  );
  return NotificationKind.alert;
};

/**
 * Checks one target and notifies as its alert lifecycle calls for. A
 * database or store that cannot be read gives an UNCHECKED verdict, never
 * a pass. A publish failure throws, so the platform retries the run.
 */
const checkTarget = async (
  target: Target,
  deps: VerifierDeps
): Promise<CheckOutcome> => {
  const checkedAt = deps.clock().toISOString();
  const verdict = await verdictFor(target, deps, checkedAt);
  const notified = deps.lifecycle
    ? await advanceLifecycle(verdict, checkedAt, {
        lifecycle: deps.lifecycle,
        alerts: deps.alerts,
        ...(deps.docsUrl !== undefined && { docsUrl: deps.docsUrl }),
      })
    : await notifyStateless(verdict, deps);
  return notified === undefined ? { verdict } : { verdict, notified };
};

/**
 * Checks every target concurrently. Each target is checked even when
 * another fails to alert; afterwards any failure fails the run.
 */
const checkTargets = async (
  targets: readonly Target[],
  deps: VerifierDeps
): Promise<CheckOutcome[]> => {
  const settled = await Promise.allSettled(
    targets.map((target) => checkTarget(target, deps))
  );
  const failures = settled.flatMap((result) =>
    result.status === 'rejected' ? [result.reason] : []
  );
  if (failures.length > 0) {
    throw new PublishError(
      `${failures.length} of ${targets.length} targets could not be ` +
        `notified: ${failures.map(failureReason).join('; ')}`,
      { cause: failures }
    );
  }
  return settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : []
  );
};

export type { CheckOutcome, VerifierDeps };
export { checkTarget, checkTargets };
