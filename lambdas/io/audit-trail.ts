import { randomUUID } from 'node:crypto';
import {
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { StoreError } from '../core/errors.js';

/** Kinds of audit entries. */
const AuditKind = {
  /** The database showed something other than at the previous check. */
  observationChanged: 'OBSERVATION_CHANGED',
  /** A notification was published. */
  notified: 'NOTIFIED',
} as const;

type AuditKind = (typeof AuditKind)[keyof typeof AuditKind];

/** One entry of a target's audit trail, kept outside the database. */
interface AuditEntry {
  readonly targetId: string;
  readonly at: string;
  readonly kind: AuditKind;
  /** Small structured facts: status, rows, codes, notification kind. */
  readonly facts: Readonly<Record<string, unknown>>;
}

/** Append-only trail per target; entries expire by TTL. */
interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  history(targetId: string, limit: number): Promise<AuditEntry[]>;
}

const auditPartition = (targetId: string): string => `AUDIT#${targetId}`;

const failure = (action: string, error: unknown): StoreError =>
  new StoreError(
    `could not ${action} (${error instanceof Error ? error.name : 'Error'})`,
    { cause: error }
  );

/** How long audit entries are kept unless configured otherwise. */
const DEFAULT_AUDIT_RETENTION_DAYS = 400;

/**
 * An audit trail in the sentinel table; entries written through it expire
 * after `retentionDays` (reading does not depend on it).
 */
const dynamoAuditTrail = (
  client: DynamoDBClient,
  tableName: string,
  retentionDays: number = DEFAULT_AUDIT_RETENTION_DAYS
): AuditTrail => ({
  append: async (entry) => {
    const expiresAt =
      Math.floor(Date.parse(entry.at) / 1000) + retentionDays * 86_400;
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: auditPartition(entry.targetId) },
            // The suffix keeps two entries of the same millisecond apart.
            sk: { S: `${entry.at}#${randomUUID().slice(0, 8)}` },
            kind: { S: entry.kind },
            at: { S: entry.at },
            facts: { S: JSON.stringify(entry.facts) },
            expiresAt: { N: String(expiresAt) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
    } catch (error) {
      throw failure(`append to the audit trail of ${entry.targetId}`, error);
    }
  },

  history: async (targetId, limit) => {
    try {
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: auditPartition(targetId) } },
          ScanIndexForward: false,
          Limit: limit,
        })
      );
      return (output.Items ?? []).map((item) => ({
        targetId,
        at: item.at?.S ?? '',
        kind: (item.kind?.S ?? AuditKind.observationChanged) as AuditKind,
        facts: JSON.parse(item.facts?.S ?? '{}'),
      }));
    } catch (error) {
      throw failure(`read the audit trail of ${targetId}`, error);
    }
  },
});

export type { AuditEntry, AuditTrail };
export { AuditKind, DEFAULT_AUDIT_RETENTION_DAYS, dynamoAuditTrail };
