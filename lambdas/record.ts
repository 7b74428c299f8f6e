import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { openDeployWindow } from './deploy-windows.js';
import { parseRecorderEnv } from './environment.js';
import { manifestOf, parseRecordEvent } from './events.js';
import { dynamoAttestationStore } from './io/attestation-store.js';
import { secretsManagerSource } from './io/credentials.js';
import { dynamoSchemaSnapshotStore } from './io/evidence/schema-snapshot-store.js';
import { dynamoManifestStore } from './io/manifest-store.js';
import { postgresReader } from './io/version-table.js';
import { dynamoWindowStore } from './io/window-store.js';
import { type RecorderDeps, recordDeploy } from './recorder.js';

const env = parseRecorderEnv(process.env);
const logger = new Logger({ serviceName: 'alembic-sentinel' });
const dynamo = new DynamoDBClient({});

const deps: RecorderDeps = {
  credentials: secretsManagerSource({
    client: new SecretsManagerClient({}),
    ttlMillis: env.SENTINEL_SECRET_TTL_SECONDS * 1000,
    now: Date.now,
  }),
  readTable: postgresReader(undefined, { evidence: true }),
  schemaSnapshots: dynamoSchemaSnapshotStore(dynamo, env.SENTINEL_TABLE_NAME),
  attestations: dynamoAttestationStore(dynamo, env.SENTINEL_TABLE_NAME),
  manifests: dynamoManifestStore(dynamo, env.SENTINEL_TABLE_NAME),
  clock: () => new Date(),
};
const windows = dynamoWindowStore(dynamo, env.SENTINEL_TABLE_NAME);

/**
 * Pipeline entry point: `action: "begin"` opens a deploy window before
 * migrating; the default `action: "record"` records the deploy after it.
 */
const handler = async (event: unknown) => {
  const { manifest: manifestText, ...request } = parseRecordEvent(event);
  const manifest = manifestOf(manifestText);

  if (request.action === 'begin') {
    const window = await openDeployWindow(
      { ...request, ...(manifest && { manifest }) },
      { ...deps, windows }
    );
    logger.info('deploy window opened', { ...window, target: window.targetId });
    return { window };
  }

  const { attestation, created } = await recordDeploy(
    { ...request, ...(manifest && { manifest }) },
    deps
  );
  logger.info(created ? 'deploy recorded' : 'deploy already recorded', {
    target: attestation.targetId,
    sequence: attestation.sequence,
    heads: attestation.heads,
    deployId: attestation.deployId,
  });
  return { created, attestation };
};

export { handler };
