import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { StoreError } from '../core/errors.js';
import type { Manifest } from '../core/manifest/manifest-format.js';
import {
  deserialiseManifest,
  serialiseManifest,
} from '../core/manifest/manifest-storage.js';

/** Manifests by digest: written once, read only to explain a mismatch. */
interface ManifestStore {
  put(targetId: string, manifest: Manifest): Promise<void>;
  get(targetId: string, digest: string): Promise<Manifest | undefined>;
}

const key = (targetId: string, digest: string) => ({
  pk: { S: `MANIFEST#${targetId}` },
  sk: { S: digest },
});

const failure = (action: string, error: unknown): StoreError =>
  new StoreError(
    `could not ${action} (${error instanceof Error ? error.name : 'Error'})`,
    { cause: error }
  );

/**
 * Manifests in their own items (see docs/storage.md), keyed by digest, so
 * a deploy that changes no script stores nothing new and the item read on
 * every check stays small.
 */
const dynamoManifestStore = (
  client: DynamoDBClient,
  tableName: string
): ManifestStore => ({
  put: async (targetId, manifest) => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...key(targetId, manifest.digest),
            manifest: { S: serialiseManifest(manifest) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        })
      );
    } catch (error) {
      // The same digest is the same content: already stored is success.
      if (error instanceof ConditionalCheckFailedException) return;
      throw failure(`store the manifest of ${targetId}`, error);
    }
  },

  get: async (targetId, digest) => {
    let text: string | undefined;
    try {
      const output = await client.send(
        new GetItemCommand({ TableName: tableName, Key: key(targetId, digest) })
      );
      text = output.Item?.manifest?.S;
    } catch (error) {
      throw failure(`read the manifest of ${targetId}`, error);
    }
    return text === undefined ? undefined : deserialiseManifest(text);
  },
});

export type { ManifestStore };
export { dynamoManifestStore };
