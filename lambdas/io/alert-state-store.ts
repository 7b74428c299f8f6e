import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AlertState } from '../core/alert-state.js';
import { StoreError } from '../core/errors.js';

/** Partition key of a target's alert state (see docs/storage.md). */
const alertPartition = (targetId: string): string => `ALERT#${targetId}`;
const STATE_SORT_KEY = 'STATE';

/** Alert state per target, replaced only if nobody changed it meanwhile. */
interface AlertStateStore {
  /**
   * Reads the state. Eventually consistent unless `consistent`: a stale
   * read only makes the conditional replace fail, and the retry reads
   * consistently.
   */
  read(targetId: string, consistent?: boolean): Promise<AlertState | undefined>;
  /**
   * Stores `next` if the stored version is still `next.version - 1`.
   * Returns false when another run got there first.
   */
  replace(next: AlertState): Promise<boolean>;
}

const failure = (action: string, error: unknown): StoreError =>
  new StoreError(
    `could not ${action} (${error instanceof Error ? error.name : 'Error'})`,
    { cause: error }
  );

/** Alert state in the sentinel table, one small item per target. */
const dynamoAlertStateStore = (
  client: DynamoDBClient,
  tableName: string
): AlertStateStore => ({
  read: async (targetId, consistent = false) => {
    try {
      const output = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: {
            pk: { S: alertPartition(targetId) },
            sk: { S: STATE_SORT_KEY },
          },
          ConsistentRead: consistent,
        })
      );
      const body = output.Item?.state?.S;
      return body === undefined ? undefined : (JSON.parse(body) as AlertState);
    } catch (error) {
      throw failure(`read the alert state of ${targetId}`, error);
    }
  },

  replace: async (next) => {
    const expected = next.version - 1;
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: alertPartition(next.targetId) },
            sk: { S: STATE_SORT_KEY },
            version: { N: String(next.version) },
            state: { S: JSON.stringify(next) },
          },
          ConditionExpression:
            expected === 0
              ? 'attribute_not_exists(pk)'
              : '#version = :expected',
          ...(expected !== 0 && {
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': { N: String(expected) } },
          }),
        })
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw failure(`store the alert state of ${next.targetId}`, error);
    }
  },
});

export type { AlertStateStore };
export { alertPartition, dynamoAlertStateStore };
