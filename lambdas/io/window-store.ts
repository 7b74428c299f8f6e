import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DeployWindow } from '../core/deploy-window.js';
import { StoreError } from '../core/errors.js';

/** The current deploy window of each target (see docs/storage.md). */
interface WindowStore {
  open(window: DeployWindow): Promise<void>;
  current(targetId: string): Promise<DeployWindow | undefined>;
}

const key = (targetId: string) => ({
  pk: { S: `WINDOW#${targetId}` },
  sk: { S: 'CURRENT' },
});

const failure = (action: string, error: unknown): StoreError =>
  new StoreError(
    `could not ${action} (${error instanceof Error ? error.name : 'Error'})`,
    { cause: error }
  );

/** One small item per target; a newer window replaces the older one. */
const dynamoWindowStore = (
  client: DynamoDBClient,
  tableName: string
): WindowStore => ({
  open: async (window) => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...key(window.targetId),
            window: { S: JSON.stringify(window) },
          },
        })
      );
    } catch (error) {
      throw failure(`open a deploy window for ${window.targetId}`, error);
    }
  },

  current: async (targetId) => {
    try {
      const output = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: key(targetId),
          // Half the read cost; `record begin` returns well before the
          // migration starts, so the window is visible by then.
          ConsistentRead: false,
        })
      );
      const body = output.Item?.window?.S;
      return body === undefined
        ? undefined
        : (JSON.parse(body) as DeployWindow);
    } catch (error) {
      throw failure(`read the deploy window of ${targetId}`, error);
    }
  },
});

export type { WindowStore };
export { dynamoWindowStore };
