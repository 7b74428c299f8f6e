import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { printableValue } from '../core/revision-value.js';
import { dynamoAttestationStore } from '../io/attestation-store.js';
import { dynamoAuditTrail } from '../io/audit-trail.js';
import { ExitCode } from './exit-codes.js';
import { type StoreOptions, storeClient } from './store-client.js';

interface HistoryOptions extends StoreOptions {
  readonly target: string;
  readonly limit: number;
  readonly json?: boolean;
}

interface HistoryEntry {
  readonly at: string;
  readonly kind: string;
  readonly facts: Readonly<Record<string, unknown>>;
}

/** Within one instant: the deploy, then what was seen, then who was told. */
const ORDER = ['DEPLOY_RECORDED', 'OBSERVATION_CHANGED', 'NOTIFIED'];
const rank = (entry: HistoryEntry): number => ORDER.indexOf(entry.kind);

const describe = (entry: HistoryEntry): string =>
  `${entry.at}  ${entry.kind.padEnd(20)} ${JSON.stringify(entry.facts)}`;

/**
 * `alembic-sentinel history`: a target's recorded deploys, observed
 * changes and notifications, newest first, from outside the database.
 */
const runHistory = async (
  options: HistoryOptions,
  write: (text: string) => void,
  client: DynamoDBClient = storeClient(options)
): Promise<ExitCode> => {
  const audit = dynamoAuditTrail(client, options.table);
  const attestations = dynamoAttestationStore(client, options.table);

  const [trail, deploys] = await Promise.all([
    audit.history(options.target, options.limit),
    attestations.recent(options.target, options.limit),
  ]);
  const entries: HistoryEntry[] = [
    ...trail,
    ...deploys.map((attestation) => ({
      at: attestation.recordedAt,
      kind: 'DEPLOY_RECORDED',
      facts: {
        sequence: attestation.sequence,
        heads: attestation.heads,
        deployId: attestation.deployId,
        ...(attestation.commit && { commit: attestation.commit }),
        ...(attestation.actor && { actor: attestation.actor }),
      },
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at) || rank(b) - rank(a))
    .slice(0, options.limit);

  if (options.json) {
    write(JSON.stringify({ target: options.target, entries }));
  } else if (entries.length === 0) {
    write(`no history for ${printableValue(options.target)}`);
  } else {
    for (const entry of entries) write(describe(entry));
  }
  return ExitCode.ok;
};

export { runHistory };
