import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { dynamoAttestationStore } from './io/attestation-store.js';
import { secretsManagerSource } from './io/credentials.js';
import { dynamoSchemaSnapshotStore } from './io/evidence/schema-snapshot-store.js';
import { dynamoManifestStore } from './io/manifest-store.js';
import { postgresReader } from './io/version-table.js';
import { dynamoWindowStore } from './io/window-store.js';

/**
 * What both Lambda handlers read with: cached Secrets Manager credentials,
 * the evidence-reading PostgreSQL reader, and the sentinel table's stores.
 * Built once per container by each handler.
 */
const edgeStores = (
  dynamo: DynamoDBClient,
  tableName: string,
  secretTtlSeconds: number
) => ({
  credentials: secretsManagerSource({
    client: new SecretsManagerClient({}),
    ttlMillis: secretTtlSeconds * 1000,
    now: Date.now,
  }),
  readTable: postgresReader(undefined, { evidence: true }),
  schemaSnapshots: dynamoSchemaSnapshotStore(dynamo, tableName),
  attestations: dynamoAttestationStore(dynamo, tableName),
  manifests: dynamoManifestStore(dynamo, tableName),
  windows: dynamoWindowStore(dynamo, tableName),
  clock: () => new Date(),
});

export { edgeStores };
