/**
 * Names shared between the CDK construct and the Lambda code. The verifier
 * must emit and read exactly these; a mismatch makes the dead man's switch
 * fire (it never makes it pass silently).
 */

/** CloudWatch namespace of the metrics the verifier emits (EMF). */
const METRICS_NAMESPACE = 'AlembicSentinel';

/**
 * Count of targets whose check reached a verdict in one run, emitted once
 * per run with exactly the dimensions {@link SERVICE_DIMENSION} (the
 * service name) and {@link DEPLOYMENT_DIMENSION}.
 */
const CHECKS_COMPLETED_METRIC = 'ChecksCompleted';

/** Dimension that names the deployment: one series per deployment. */
const DEPLOYMENT_DIMENSION = 'Deployment';

/**
 * Dimension Powertools Metrics always adds, valued with the service name.
 * It is constant, so it adds no series; the alarm must match it anyway,
 * because CloudWatch matches the exact set of dimensions.
 */
const SERVICE_DIMENSION = 'service';

/** Message attributes on every alert the verifier publishes. */
const AlertAttribute = {
  target: 'target',
  code: 'code',
  severity: 'severity',
  state: 'state',
} as const;

type AlertAttribute = (typeof AlertAttribute)[keyof typeof AlertAttribute];

/** Environment variables the construct sets on the functions. */
const SentinelEnv = {
  tableName: 'SENTINEL_TABLE_NAME',
  topicArn: 'SENTINEL_TOPIC_ARN',
  secretTtlSeconds: 'SENTINEL_SECRET_TTL_SECONDS',
  deployment: 'SENTINEL_DEPLOYMENT',
} as const;

type SentinelEnv = (typeof SentinelEnv)[keyof typeof SentinelEnv];

/** Partition-key prefixes each function may write (docs/storage.md). */
const WritablePrefixes = {
  verifier: ['ALERT#', 'AUDIT#'],
  recorder: ['ATTESTATION#', 'MANIFEST#', 'SCHEMA#', 'WINDOW#'],
} as const;

/** Service name the Powertools logger and metrics report. */
const SERVICE_NAME = 'alembic-sentinel';

/** CA bundle of the Node.js Lambda runtime that includes the RDS CAs. */
const LAMBDA_CA_BUNDLE = '/var/runtime/ca-cert.pem';

export {
  AlertAttribute,
  CHECKS_COMPLETED_METRIC,
  DEPLOYMENT_DIMENSION,
  LAMBDA_CA_BUNDLE,
  METRICS_NAMESPACE,
  SERVICE_DIMENSION,
  SERVICE_NAME,
  SentinelEnv,
  WritablePrefixes,
};
