import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { parseVerifierEnv } from './environment.js';
import { parseVerifyEvent } from './events.js';
import { snsAlertSink } from './io/alert-publisher.js';
import { dynamoAttestationStore } from './io/attestation-store.js';
import { secretsManagerSource } from './io/credentials.js';
import { postgresReader } from './io/version-table.js';
import { checkTargets, type VerifierDeps } from './verifier.js';

// Built once per container, so warm invocations reuse clients and the
// secret cache.
const env = parseVerifierEnv(process.env);
const logger = new Logger({ serviceName: 'alembic-sentinel' });

const deps: VerifierDeps = {
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
  alerts: snsAlertSink(new SNSClient({}), env.SENTINEL_TOPIC_ARN),
  clock: () => new Date(),
  ...(env.SENTINEL_DOCS_URL !== undefined && {
    docsUrl: env.SENTINEL_DOCS_URL,
  }),
};

/** Scheduled entry point: checks a batch of targets. */
const handler = async (event: unknown) => {
  const { targets } = parseVerifyEvent(event);
  const outcomes = await checkTargets(targets, deps);

  for (const { verdict, alerted } of outcomes) {
    logger.info('check completed', {
      target: verdict.targetId,
      status: verdict.status,
      codes: verdict.findings.map((finding) => finding.code),
      alerted,
    });
  }
  return {
    checked: outcomes.length,
    statuses: Object.fromEntries(
      outcomes.map(({ verdict }) => [verdict.targetId, verdict.status])
    ),
  };
};

export { handler };
