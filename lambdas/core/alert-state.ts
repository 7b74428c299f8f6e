import type { Severity } from './findings.js';
import type { VerdictStatus } from './verdict.js';

/** What a notification tells its readers. */
const NotificationKind = {
  /** A new problem, or the findings changed. */
  alert: 'ALERT',
  /** The same problem is still there after the reminder interval. */
  reminder: 'REMINDER',
  /** The target is OK again. */
  resolved: 'RESOLVED',
} as const;

type NotificationKind =
  (typeof NotificationKind)[keyof typeof NotificationKind];

/** The problem that was last notified and is not yet resolved. */
interface OpenAlert {
  readonly fingerprint: string;
  readonly codes: readonly string[];
  readonly severity: Severity;
  readonly openedAt: string;
  readonly notifiedAt: string;
}

/** A notification a run has claimed and is about to publish. */
interface PendingNotification {
  readonly kind: NotificationKind;
  readonly fingerprint: string;
  readonly claimedAt: string;
}

/**
 * Per target: what was last alerted and whether it is resolved. Updated
 * only with a condition on `version`, so overlapping runs cannot both win.
 */
interface AlertState {
  readonly targetId: string;
  readonly version: number;
  readonly lastStatus: VerdictStatus;
  /** Refreshed on change, or at most once per heartbeat interval. */
  readonly lastCheckedAt: string;
  readonly observationDigest: string;
  readonly consecutiveUnchecked: number;
  readonly open?: OpenAlert;
  readonly pending?: PendingNotification;
}

/** Knobs of the alert lifecycle. */
interface AlertPolicy {
  /** Re-notify an unresolved problem after this long. */
  readonly remindAfterMillis: number;
  /** Consecutive failed checks before "could not check" alerts. */
  readonly uncheckedThreshold: number;
  /** Refresh `lastCheckedAt` of an unchanged target this often. */
  readonly heartbeatMillis: number;
  /** A claim older than this was lost with its run; redo it. */
  readonly claimLeaseMillis: number;
}

const DEFAULT_ALERT_POLICY: AlertPolicy = {
  remindAfterMillis: 24 * 60 * 60 * 1000,
  uncheckedThreshold: 3,
  heartbeatMillis: 60 * 60 * 1000,
  claimLeaseMillis: 2 * 60 * 1000,
};

export type { AlertPolicy, AlertState, OpenAlert, PendingNotification };
export { DEFAULT_ALERT_POLICY, NotificationKind };
