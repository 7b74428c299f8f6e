import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { edgeStores } from './edge-stores.js';
import { alertPolicyOf, parseVerifierEnv } from './environment.js';
import { parseVerifyEvent } from './events.js';
import { snsAlertSink } from './io/alert-publisher.js';
import { dynamoAlertStateStore } from './io/alert-state-store.js';
import { dynamoAuditTrail } from './io/audit-trail.js';
import { addRunMetrics } from './run-metrics.js';
import { deployedTargets, resolveTarget } from './target-registry.js';
import {
  type CheckOutcome,
  checkTargets,
  type VerifierDeps,
} from './verifier.js';

// Built once per container, so warm invocations reuse clients and the
// secret cache.
const env = parseVerifierEnv(process.env);
const SERVICE = 'alembic-sentinel';
const logger = new Logger({ serviceName: SERVICE });
const metrics = new Metrics({
  namespace: 'AlembicSentinel',
  serviceName: SERVICE,
  defaultDimensions: { Deployment: env.SENTINEL_DEPLOYMENT },
});
const dynamo = new DynamoDBClient({});

const deps: VerifierDeps = {
  ...edgeStores(
    dynamo,
    env.SENTINEL_TABLE_NAME,
    env.SENTINEL_SECRET_TTL_SECONDS
  ),
  alerts: snsAlertSink(new SNSClient({}), env.SENTINEL_TOPIC_ARN),
  lifecycle: {
    states: dynamoAlertStateStore(dynamo, env.SENTINEL_TABLE_NAME),
    audit: dynamoAuditTrail(
      dynamo,
      env.SENTINEL_TABLE_NAME,
      env.SENTINEL_AUDIT_RETENTION_DAYS
    ),
    policy: alertPolicyOf(env),
  },
  ...(env.SENTINEL_DOCS_URL !== undefined && {
    docsUrl: env.SENTINEL_DOCS_URL,
  }),
};

const logOutcome = ({ verdict, notified }: CheckOutcome) => {
  logger.info('check completed', {
    target: verdict.targetId,
    status: verdict.status,
    codes: verdict.findings.map((finding) => finding.code),
    notified: notified ?? null,
  });
};

// The construct compiles the deployed targets into the bundle here.
const deployed = () => deployedTargets(process.env.SENTINEL_TARGETS_JSON);

/** Scheduled entry point: checks a batch of targets. */
const handler = async (event: unknown) => {
  const startedAt = Date.now();
  const targets = parseVerifyEvent(event).targets.map((reference) =>
    resolveTarget(deployed(), reference)
  );
  const runId = crypto.randomUUID();
  logger.appendKeys({ runId });

  try {
    const outcomes = await checkTargets(targets, deps);
    outcomes.forEach(logOutcome);
    addRunMetrics(metrics, outcomes, Date.now() - startedAt);
    return {
      checked: outcomes.length,
      statuses: Object.fromEntries(
        outcomes.map(({ verdict }) => [verdict.targetId, verdict.status])
      ),
      verdicts: outcomes.map(({ verdict }) => verdict),
    };
  } catch (error) {
    logger.error('run failed; it will be retried', {
      error: error instanceof Error ? error.message : 'unknown',
      targets: targets.map((target) => target.id),
    });
    throw error;
  } finally {
    metrics.publishStoredMetrics();
    logger.removeKeys(['runId']);
  }
};

export { handler };
