import { decide } from './core/alert-lifecycle.js';
import { renderAlert } from './core/alert-message.js';
import type {
  AlertPolicy,
  AlertState,
  NotificationKind,
} from './core/alert-state.js';
import { StoreError } from './core/errors.js';
import { VALUES_LISTED } from './core/revision-value.js';
import { findingCodes, type Verdict } from './core/verdict.js';
import type { AlertSink } from './io/alert-publisher.js';
import type { AlertStateStore } from './io/alert-state-store.js';
import { AuditKind, type AuditTrail } from './io/audit-trail.js';

/** Alert state, audit trail and policy: what makes alerts stateful. */
interface Lifecycle {
  readonly states: AlertStateStore;
  readonly audit: AuditTrail;
  readonly policy: AlertPolicy;
}

interface LifecycleDeps {
  readonly lifecycle: Lifecycle;
  readonly alerts: AlertSink;
  /** @default 'docs/findings.md' */
  readonly docsUrl?: string;
}

/** How often a run re-reads the state after losing a race for it. */
const STATE_ATTEMPTS = 4;

const recordChange = (deps: LifecycleDeps, verdict: Verdict, at: string) =>
  deps.lifecycle.audit.append({
    targetId: verdict.targetId,
    at,
    kind: AuditKind.observationChanged,
    facts: {
      status: verdict.status,
      // An audit item must stay far below DynamoDB's 400 KB however many
      // rows an attacker writes: lists are capped, with the full count.
      observed: verdict.observedRows?.slice(0, VALUES_LISTED) ?? null,
      observedRowCount: verdict.observedRows?.length ?? null,
      expected: verdict.expectedHeads?.slice(0, VALUES_LISTED) ?? null,
      codes: findingCodes(verdict),
    },
  });

const publishClaimed = async (
  deps: LifecycleDeps,
  verdict: Verdict,
  kind: NotificationKind,
  previous: AlertState | undefined,
  release: AlertState
) => {
  const message = renderAlert(verdict, {
    kind,
    ...(previous?.open && { open: previous.open }),
    ...(deps.docsUrl !== undefined && { docsUrl: deps.docsUrl }),
  });
  try {
    await deps.alerts(message);
  } catch (error) {
    // Give the claim back so the retry (or the next run) publishes again.
    await deps.lifecycle.states.replace(release).catch(() => false);
    throw error;
  }
  return message;
};

/**
 * Moves a target's alert state on by one verdict: notifies when the
 * findings change, reminds, resolves, and appends to the audit trail.
 * Claims the notification with a conditional write before publishing,
 * so overlapping runs notify once; a failed publish releases the claim
 * and throws. Returns the notification sent, if any.
 */
const advanceLifecycle = async (
  verdict: Verdict,
  now: string,
  deps: LifecycleDeps
): Promise<NotificationKind | undefined> => {
  const { states, audit, policy } = deps.lifecycle;
  for (let attempt = 0; attempt < STATE_ATTEMPTS; attempt += 1) {
    const previous = await states.read(verdict.targetId, attempt > 0);
    const { step, observationChanged } = decide(previous, verdict, policy, now);
    if (step.kind === 'none') return undefined;

    const won = await states.replace(
      step.kind === 'write' ? step.next : step.claim
    );
    if (!won) continue;
    if (observationChanged) await recordChange(deps, verdict, now);
    if (step.kind === 'write') return undefined;

    const message = await publishClaimed(
      deps,
      verdict,
      step.notification,
      previous,
      step.release
    );
    await states.replace(step.confirm);
    await audit.append({
      targetId: verdict.targetId,
      at: now,
      kind: AuditKind.notified,
      facts: { notification: step.notification, subject: message.subject },
    });
    return step.notification;
  }
  throw new StoreError(
    `target ${verdict.targetId}: the alert state kept changing under ` +
      `this run (${STATE_ATTEMPTS} attempts); another verifier is running`
  );
};

export type { Lifecycle, LifecycleDeps };
export { advanceLifecycle };
