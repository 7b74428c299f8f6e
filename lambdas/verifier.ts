import { AlertState, renderAlert } from './core/alert-message.js';
import { judge, unchecked } from './core/compare.js';
import { PublishError, SentinelError } from './core/errors.js';
import type { Target } from './core/target.js';
import { type Verdict, VerdictStatus } from './core/verdict.js';
import type { AlertSink } from './io/alert-publisher.js';
import type { AttestationStore } from './io/attestation-store.js';
import { type ObserveDeps, readVersionTable } from './observe.js';

/** Everything one verification run needs, injected by the entry point. */
interface VerifierDeps extends ObserveDeps {
  readonly attestations: Pick<AttestationStore, 'latest'>;
  readonly alerts: AlertSink;
  readonly clock: () => Date;
  /** @default 'docs/findings.md' */
  readonly docsUrl?: string;
}

/** What one check of one target did. */
interface CheckOutcome {
  readonly verdict: Verdict;
  readonly alerted: boolean;
}

/** Only our own typed errors carry messages that are safe to show. */
const failureReason = (error: unknown): string =>
  error instanceof SentinelError
    ? error.message
    : `unexpected ${error instanceof Error ? error.name : 'failure'}`;

const verdictFor = async (
  target: Target,
  deps: VerifierDeps
): Promise<Verdict> => {
  const checkedAt = deps.clock().toISOString();
  try {
    const [table, attestation] = await Promise.all([
      readVersionTable(target, deps),
      deps.attestations.latest(target.id),
    ]);
    return judge(
      { targetId: target.id, observedAt: checkedAt, table },
      attestation
    );
  } catch (error) {
    return unchecked(target.id, checkedAt, failureReason(error));
  }
};

/**
 * Checks one target and publishes an alert when it is not OK. A database
 * or store that cannot be read gives an UNCHECKED verdict, never a pass.
 * A publish failure throws, so the platform retries the run.
 */
const checkTarget = async (
  target: Target,
  deps: VerifierDeps
): Promise<CheckOutcome> => {
  const verdict = await verdictFor(target, deps);
  if (verdict.status === VerdictStatus.ok) return { verdict, alerted: false };

  const message = renderAlert(verdict, {
    state: AlertState.alert,
    ...(deps.docsUrl !== undefined && { docsUrl: deps.docsUrl }),
  });
  if (message === undefined) return { verdict, alerted: false };

  await deps.alerts(message);
  return { verdict, alerted: true };
};

/**
 * Checks every target concurrently. Each target is checked even when
 * another fails to alert; afterwards any failed delivery fails the run.
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
      `${failures.length} of ${targets.length} alerts could not be ` +
        `delivered: ${failures.map(failureReason).join('; ')}`,
      { cause: failures }
    );
  }
  return settled.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : []
  );
};

export type { CheckOutcome, VerifierDeps };
export { checkTarget, checkTargets };
