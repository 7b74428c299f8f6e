import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { parseRecorderEnv } from './environment.js';
import { parseRecordEvent } from './events.js';
import { dynamoAttestationStore } from './io/attestation-store.js';
import { secretsManagerSource } from './io/credentials.js';
import { postgresReader } from './io/version-table.js';
import { type RecorderDeps, recordDeploy } from './recorder.js';

const env = parseRecorderEnv(process.env);
const logger = new Logger({ serviceName: 'alembic-sentinel' });

const deps: RecorderDeps = {
  credentials: secretsManagerSource({
    client: new SecretsManagerClient({}),
    ttlMillis: env.SENTINEL_SECRET_TTL_SECONDS * 1000,
    now: Date.now,
  }),
  readTable: postgresReader(),
  attestations: dynamoAttestationStore(
    new DynamoDBClient({}),
    env.SENTINEL_TABLE_NAME
  ),
  clock: () => new Date(),
};

/** Pipeline entry point: records one legitimate deploy. */
const handler = async (event: unknown) => {
  const request = parseRecordEvent(event);
  const { attestation, created } = await recordDeploy(request, deps);

  logger.info(created ? 'deploy recorded' : 'deploy already recorded', {
    target: attestation.targetId,
    sequence: attestation.sequence,
    heads: attestation.heads,
    deployId: attestation.deployId,
  });
  return { created, attestation };
};

export { handler };
