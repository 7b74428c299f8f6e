import type { AlertState } from '../core/alert-state.js';
import type { Attestation } from '../core/attestation.js';
import { printableValue } from '../core/revision-value.js';
import { dynamoAlertStateStore } from '../io/alert-state-store.js';
import { dynamoAttestationStore } from '../io/attestation-store.js';
import { ExitCode } from './exit-codes.js';
import { type StoreOptions, storeClient } from './store-client.js';

interface StatusOptions extends StoreOptions {
  readonly targets: readonly string[];
  /** A target unchecked for longer than this is STALE. */
  readonly staleAfterMinutes: number;
  readonly json?: boolean;
  readonly now: Date;
}

/** One target's row in the status table. */
interface TargetStatus {
  readonly target: string;
  readonly state: string;
  readonly lastStatus: string | null;
  readonly lastCheckedAt: string | null;
  readonly openCodes: readonly string[];
  readonly openSince: string | null;
  readonly attestedHeads: readonly string[];
  readonly attestation: number | null;
}

const stateOf = (
  state: AlertState | undefined,
  staleBeforeMillis: number
): string => {
  if (state === undefined) return 'NEVER CHECKED';
  if (Date.parse(state.lastCheckedAt) < staleBeforeMillis) return 'STALE';
  return state.open ? 'ALERTING' : 'QUIET';
};

const row = (
  target: string,
  state: AlertState | undefined,
  attestation: Attestation | undefined,
  staleBeforeMillis: number
): TargetStatus => ({
  target,
  state: stateOf(state, staleBeforeMillis),
  lastStatus: state?.lastStatus ?? null,
  lastCheckedAt: state?.lastCheckedAt ?? null,
  openCodes: state?.open?.codes ?? [],
  openSince: state?.open?.openedAt ?? null,
  attestedHeads: attestation?.heads ?? [],
  attestation: attestation?.sequence ?? null,
});

const line = (status: TargetStatus): string =>
  [
    printableValue(status.target).padEnd(24),
    status.state.padEnd(14),
    (status.lastStatus ?? '-').padEnd(11),
    (status.lastCheckedAt ?? '-').padEnd(25),
    status.openCodes.length > 0
      ? `${status.openCodes.join(',')} since ${status.openSince}`
      : `#${status.attestation ?? '-'} ${status.attestedHeads.join(',')}`,
  ].join(' ');

/**
 * `alembic-sentinel status`: every target's alert state and expectation.
 * Exits 1 when any target is alerting, stale or never checked.
 */
const runStatus = async (
  options: StatusOptions,
  write: (text: string) => void
): Promise<ExitCode> => {
  const client = storeClient(options);
  const states = dynamoAlertStateStore(client, options.table);
  const attestations = dynamoAttestationStore(client, options.table);
  const staleBefore =
    options.now.getTime() - options.staleAfterMinutes * 60_000;

  const rows = await Promise.all(
    options.targets.map(async (target) =>
      row(
        target,
        await states.read(target),
        await attestations.latest(target),
        staleBefore
      )
    )
  );

  if (options.json) {
    write(JSON.stringify({ targets: rows }));
  } else {
    write(
      `${'TARGET'.padEnd(24)} ${'STATE'.padEnd(14)} ${'LAST'.padEnd(11)} ` +
        `${'CHECKED'.padEnd(25)} OPEN ALERT OR EXPECTATION`
    );
    for (const status of rows) write(line(status));
  }
  return rows.every((status) => status.state === 'QUIET')
    ? ExitCode.ok
    : ExitCode.findings;
};

export type { StatusOptions, TargetStatus };
export { runStatus };
