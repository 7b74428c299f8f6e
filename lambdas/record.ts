import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { openDeployWindow } from './deploy-windows.js';
import { edgeStores } from './edge-stores.js';
import { parseRecorderEnv } from './environment.js';
import { manifestOf, parseRecordEvent } from './events.js';
import { recordDeploy } from './recorder.js';
import { deployedTargets, resolveTarget } from './target-registry.js';

const env = parseRecorderEnv(process.env);
const logger = new Logger({ serviceName: 'alembic-sentinel' });
const dynamo = new DynamoDBClient({});

// Built once per container, so warm invocations reuse the secret cache.
const stores = edgeStores(
  dynamo,
  env.SENTINEL_TABLE_NAME,
  env.SENTINEL_SECRET_TTL_SECONDS
);

// The construct compiles the deployed targets into the bundle here.
const deployed = () => deployedTargets(process.env.SENTINEL_TARGETS_JSON);

/**
 * Pipeline entry point: `action: "begin"` opens a deploy window before
 * migrating; the default `action: "record"` records the deploy after it.
 */
const handler = async (event: unknown) => {
  const { manifest: manifestText, ...request } = parseRecordEvent(event);
  const manifest = manifestOf(manifestText);
  const target = resolveTarget(deployed(), request.target);

  if (request.action === 'begin') {
    const window = await openDeployWindow(
      { ...request, target, ...(manifest && { manifest }) },
      stores
    );
    logger.info('deploy window opened', { ...window, target: window.targetId });
    return { window };
  }

  const { attestation, created } = await recordDeploy(
    { ...request, target, ...(manifest && { manifest }) },
    stores
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
