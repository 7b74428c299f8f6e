import {
  type AlertPolicy,
  type AlertState,
  NotificationKind,
  type OpenAlert,
} from './alert-state.js';
import { findingsFingerprint, observationDigest } from './fingerprint.js';
import { mostSevere } from './severity.js';
import { findingCodes, type Verdict, VerdictStatus } from './verdict.js';

/** What a run must do with the alert state after one check. */
type LifecycleStep =
  | { readonly kind: 'none' }
  | { readonly kind: 'write'; readonly next: AlertState }
  | {
      readonly kind: 'notify';
      readonly notification: NotificationKind;
      /** Written before publishing: marks the notification as in flight. */
      readonly claim: AlertState;
      /** Written after publishing succeeded. */
      readonly confirm: AlertState;
      /** Written when publishing failed: nothing claims it was sent. */
      readonly release: AlertState;
    };

interface Decision {
  readonly step: LifecycleStep;
  /** True when the database showed something other than last time. */
  readonly observationChanged: boolean;
}

const millis = (iso: string): number => Date.parse(iso);

const openAlertFor = (
  verdict: Verdict,
  fingerprint: string,
  now: string,
  previous: OpenAlert | undefined
): OpenAlert => ({
  fingerprint,
  codes: findingCodes(verdict),
  severity: mostSevere(verdict.findings)?.severity ?? 'LOW',
  openedAt: previous?.openedAt ?? now,
  notifiedAt: now,
});

/** The notification this verdict calls for, given what is open. */
const notificationFor = (
  verdict: Verdict,
  open: OpenAlert | undefined,
  consecutiveUnchecked: number,
  policy: AlertPolicy,
  now: string
): NotificationKind | undefined => {
  if (verdict.status === VerdictStatus.ok) {
    return open ? NotificationKind.resolved : undefined;
  }
  const quietBlip =
    verdict.status === VerdictStatus.unchecked &&
    consecutiveUnchecked < policy.uncheckedThreshold;
  if (quietBlip) return undefined;

  if (open?.fingerprint !== findingsFingerprint(verdict)) {
    return NotificationKind.alert;
  }
  const sinceNotified = millis(now) - millis(open.notifiedAt);
  return sinceNotified >= policy.remindAfterMillis
    ? NotificationKind.reminder
    : undefined;
};

/**
 * Decides, from the previous alert state and a new verdict, whether to
 * notify and what to store. Pure: the clock arrives as `now`.
 */
const decide = (
  previous: AlertState | undefined,
  verdict: Verdict,
  policy: AlertPolicy,
  now: string
): Decision => {
  const digest = observationDigest(verdict);
  const observationChanged = previous?.observationDigest !== digest;
  const pendingIsLive =
    previous?.pending !== undefined &&
    millis(now) - millis(previous.pending.claimedAt) < policy.claimLeaseMillis;
  if (pendingIsLive) return { step: { kind: 'none' }, observationChanged };

  const consecutiveUnchecked =
    verdict.status === VerdictStatus.unchecked
      ? (previous?.consecutiveUnchecked ?? 0) + 1
      : 0;
  const base: AlertState = {
    targetId: verdict.targetId,
    version: (previous?.version ?? 0) + 1,
    lastStatus: verdict.status,
    lastCheckedAt: now,
    observationDigest: digest,
    consecutiveUnchecked,
    ...(previous?.open && { open: previous.open }),
  };

  const open = previous?.open;
  const notification = notificationFor(
    verdict,
    open,
    consecutiveUnchecked,
    policy,
    now
  );
  if (notification !== undefined) {
    const fingerprint = findingsFingerprint(verdict);
    const { open: _dropped, ...closed } = base;
    const confirmed: AlertState =
      notification === NotificationKind.resolved
        ? { ...closed, version: base.version + 1 }
        : {
            ...base,
            version: base.version + 1,
            open: openAlertFor(verdict, fingerprint, now, open),
          };
    return {
      observationChanged,
      step: {
        kind: 'notify',
        notification,
        claim: {
          ...base,
          pending: { kind: notification, fingerprint, claimedAt: now },
        },
        confirm: confirmed,
        release: { ...base, version: base.version + 1 },
      },
    };
  }

  const heartbeatDue =
    previous === undefined ||
    millis(now) - millis(previous.lastCheckedAt) >= policy.heartbeatMillis;
  const changed =
    observationChanged ||
    previous?.lastStatus !== verdict.status ||
    previous?.consecutiveUnchecked !== consecutiveUnchecked ||
    previous?.pending !== undefined;
  return changed || heartbeatDue
    ? { step: { kind: 'write', next: base }, observationChanged }
    : { step: { kind: 'none' }, observationChanged };
};

export type { Decision, LifecycleStep };
export { decide };
