import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { Attestation } from '../core/attestation.js';
import { AttestationConflictError, StoreError } from '../core/errors.js';
import { attestationPartition, fromItem, toItem } from './attestation-items.js';

/** An attestation before the store has given it a sequence number. */
type AttestationDraft = Omit<Attestation, 'sequence'>;

/** How many recent attestations are searched for a repeated deploy id. */
const DEPLOY_ID_LOOKBACK = 25;

/** How often an append retries after losing a race for a sequence. */
const APPEND_ATTEMPTS = 8;

interface AppendResult {
  readonly attestation: Attestation;
  /** False when the same deploy id had already been recorded. */
  readonly created: boolean;
}

/** Append-only attestations in DynamoDB (see docs/storage.md). */
interface AttestationStore {
  latest(targetId: string): Promise<Attestation | undefined>;
  recent(targetId: string, limit: number): Promise<Attestation[]>;
  append(draft: AttestationDraft): Promise<AppendResult>;
}

const storeError = (action: string, error: unknown): StoreError => {
  const name = error instanceof Error ? error.name : 'Error';
  return new StoreError(`could not ${action} (${name})`, { cause: error });
};

/**
 * A store over one DynamoDB table. Reads are consistent, so an append is
 * visible to the very next check.
 */
const dynamoAttestationStore = (
  client: DynamoDBClient,
  tableName: string
): AttestationStore => {
  const recent = async (targetId: string, limit: number) => {
    try {
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: {
            ':pk': { S: attestationPartition(targetId) },
          },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: limit,
        })
      );
      return (output.Items ?? []).map(fromItem);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw storeError(`read attestations of ${targetId}`, error);
    }
  };

  const tryPut = async (attestation: Attestation): Promise<boolean> => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toItem(attestation),
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw storeError(`append attestation of ${attestation.targetId}`, error);
    }
  };

  const append = async (draft: AttestationDraft): Promise<AppendResult> => {
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt += 1) {
      const history = await recent(draft.targetId, DEPLOY_ID_LOOKBACK);
      const earlier = history.find((item) => item.deployId === draft.deployId);
      if (earlier) return { attestation: earlier, created: false };

      const sequence = (history[0]?.sequence ?? 0) + 1;
      const attestation = { ...draft, sequence };
      if (await tryPut(attestation)) return { attestation, created: true };
    }
    throw new AttestationConflictError(
      `target ${draft.targetId}: lost the race for the next attestation ` +
        `${APPEND_ATTEMPTS} times; another recorder keeps writing. Retry.`
    );
  };

  return {
    latest: async (targetId) => (await recent(targetId, 1))[0],
    recent,
    append,
  };
};

export type { AppendResult, AttestationDraft, AttestationStore };
export { DEPLOY_ID_LOOKBACK, dynamoAttestationStore };
