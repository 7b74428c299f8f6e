import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { StoreError } from '../../core/errors.js';
import type { SchemaSnapshot } from '../../core/schema/schema-object.js';
import {
  deserialiseSnapshot,
  serialiseSnapshot,
} from '../../core/schema/snapshot-format.js';

/** Compressed bytes per item, well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300 * 1024;
const PART_DIGITS = 3;

/** Schema snapshots by digest (docs/storage.md, `SCHEMA#` items). */
interface SchemaSnapshotStore {
  /** Stores a snapshot under its digest; storing it again does nothing. */
  put(
    targetId: string,
    snapshot: SchemaSnapshot,
    recordedAt: string
  ): Promise<void>;
  /** The snapshot with that digest, or undefined when none is stored. */
  get(targetId: string, digest: string): Promise<SchemaSnapshot | undefined>;
}

/** Partition key of a target's schema snapshots. */
const schemaPartition = (targetId: string): string => `SCHEMA#${targetId}`;

const partKey = (digest: string, part: number): string =>
  `${digest}#${String(part).padStart(PART_DIGITS, '0')}`;

const storeError = (action: string, error: unknown): StoreError => {
  if (error instanceof StoreError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  return new StoreError(`could not ${action} (${name})`, { cause: error });
};

const split = (body: Buffer): Buffer[] => {
  const parts: Buffer[] = [];
  for (let start = 0; start < body.length; start += PART_BYTES) {
    parts.push(body.subarray(start, start + PART_BYTES));
  }
  return parts.length > 0 ? parts : [body];
};

const joinParts = (
  items: Record<string, AttributeValue>[],
  digest: string
): Buffer => {
  const parts = Number(items[0]?.parts?.N ?? Number.NaN);
  if (items.length !== parts) {
    throw new StoreError(
      `schema snapshot ${digest} has ${items.length} of ${parts} parts`
    );
  }
  return Buffer.concat(items.map((item) => item.body?.B ?? new Uint8Array()));
};

/**
 * A snapshot store over the sentinel table. A snapshot is gzipped JSON,
 * split into parts when large; the key carries its digest, so items are
 * written once, conditionally, and never updated. Reads are consistent
 * and check the digest against the content.
 */
const dynamoSchemaSnapshotStore = (
  client: DynamoDBClient,
  tableName: string
): SchemaSnapshotStore => {
  const putPart = async (item: Record<string, AttributeValue>) => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  };

  const put: SchemaSnapshotStore['put'] = async (
    targetId,
    snapshot,
    recordedAt
  ) => {
    const parts = split(gzipSync(serialiseSnapshot(snapshot)));
    try {
      for (const [index, body] of parts.entries()) {
        await putPart({
          pk: { S: schemaPartition(targetId) },
          sk: { S: partKey(snapshot.digest, index) },
          targetId: { S: targetId },
          digest: { S: snapshot.digest },
          part: { N: String(index) },
          parts: { N: String(parts.length) },
          body: { B: body },
          recordedAt: { S: recordedAt },
        });
      }
    } catch (error) {
      throw storeError(`store the schema snapshot of ${targetId}`, error);
    }
  };

  const query = async (targetId: string, digest: string) => {
    const items: Record<string, AttributeValue>[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const output = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk and begins_with(sk, :digest)',
          ExpressionAttributeValues: {
            ':pk': { S: schemaPartition(targetId) },
            ':digest': { S: `${digest}#` },
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        })
      );
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  };

  const get: SchemaSnapshotStore['get'] = async (targetId, digest) => {
    try {
      const items = await query(targetId, digest);
      if (items.length === 0) return undefined;
      const text = gunzipSync(joinParts(items, digest)).toString('utf8');
      return deserialiseSnapshot(text);
    } catch (error) {
      throw storeError(`read schema snapshot ${digest} of ${targetId}`, error);
    }
  };

  return { put, get };
};

export type { SchemaSnapshotStore };
export { dynamoSchemaSnapshotStore };
