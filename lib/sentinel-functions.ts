import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Target } from '../lambdas/core/target.js';
import { allowPrefixedWrites, allowPublish, allowTableRead } from './access.js';
import {
  METRICS_NAMESPACE,
  SentinelEnv,
  WritablePrefixes,
} from './constants.js';
import { createSentinelFunction, DEFAULT_ENTRIES } from './functions.js';
import { allowSecretRead, targetSecretResources } from './secret-access.js';
import type { SentinelTuning } from './validation.js';

/** Everything the two functions are wired to. */
interface SentinelFunctionsOptions extends SentinelTuning {
  readonly targets: readonly Target[];
  readonly table: dynamodb.Table;
  readonly topic: sns.Topic;
  readonly onFailure: lambda.IDestination;
  readonly logRetention: logs.RetentionDays;
  readonly logLevel?: lambda.ApplicationLogLevel;
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups: ec2.ISecurityGroup[];
  readonly secretKeyArns?: readonly string[];
  readonly secretNamePrefix?: string;
  readonly reserveConcurrency?: boolean;
  readonly verifierConcurrency?: number;
  readonly recorderConcurrency?: number;
  readonly verifyEntry?: string;
  readonly recordEntry?: string;
}

/** Longest time Lambda keeps an asynchronous event for retries. */
const MAX_EVENT_AGE = Duration.hours(6);

/**
 * The verifier and the recorder with their roles. The verifier reads the
 * store, writes only `ALERT#`/`AUDIT#` items and publishes alerts; the
 * recorder reads the store and appends only attestation-side items. Both
 * read exactly the targets' secrets. Neither may delete.
 */
const createSentinelFunctions = (
  scope: Construct,
  options: SentinelFunctionsOptions
): { verifier: NodejsFunction; recorder: NodejsFunction } => {
  const reserve = options.reserveConcurrency ?? true;
  const logLevel = options.logLevel ?? lambda.ApplicationLogLevel.INFO;
  const secretTtlSeconds = String(options.secretCacheTtl.toSeconds());
  // The functions resolve every target an event names against this list,
  // compiled into the bundle: an invoker cannot redirect a target's
  // credentials to another host (lambdas/target-registry.ts).
  const define = {
    'process.env.SENTINEL_TARGETS_JSON': JSON.stringify(
      JSON.stringify(options.targets)
    ),
  };
  const network = {
    define,
    vpc: options.vpc,
    vpcSubnets: options.vpcSubnets,
    securityGroups: options.securityGroups,
  };

  const verifier = createSentinelFunction(scope, 'Verifier', {
    ...network,
    entry: options.verifyEntry ?? DEFAULT_ENTRIES.verify,
    description: 'alembic-sentinel: verifies a batch of version tables',
    timeout: options.verifierTimeout,
    memorySize: 256,
    reservedConcurrentExecutions: reserve
      ? (options.verifierConcurrency ?? 5)
      : undefined,
    logRetention: options.logRetention,
    logLevel,
    environment: {
      [SentinelEnv.tableName]: options.table.tableName,
      [SentinelEnv.topicArn]: options.topic.topicArn,
      [SentinelEnv.secretTtlSeconds]: secretTtlSeconds,
      [SentinelEnv.deployment]: options.deploymentName,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    },
    onFailure: options.onFailure,
    retryAttempts: 1,
    // The next run supersedes an event older than one period.
    maxEventAge:
      options.scheduleRate.toSeconds() > MAX_EVENT_AGE.toSeconds()
        ? MAX_EVENT_AGE
        : options.scheduleRate,
  });

  const recorder = createSentinelFunction(scope, 'Recorder', {
    ...network,
    entry: options.recordEntry ?? DEFAULT_ENTRIES.record,
    description: 'alembic-sentinel: appends an attestation after a deploy',
    timeout: Duration.seconds(30),
    memorySize: 256,
    reservedConcurrentExecutions: reserve
      ? (options.recorderConcurrency ?? 2)
      : undefined,
    logRetention: options.logRetention,
    logLevel,
    environment: {
      [SentinelEnv.tableName]: options.table.tableName,
      [SentinelEnv.secretTtlSeconds]: secretTtlSeconds,
    },
    onFailure: options.onFailure,
    retryAttempts: 0,
  });

  const secrets = targetSecretResources(
    scope,
    options.targets,
    options.secretNamePrefix
  );
  const secretKeyArns = options.secretKeyArns ?? [];
  const grants: [iam.IRole, readonly string[], readonly string[]][] = [
    [roleOf(verifier), ['PutItem', 'UpdateItem'], WritablePrefixes.verifier],
    [roleOf(recorder), ['PutItem'], WritablePrefixes.recorder],
  ];
  for (const [role, actions, prefixes] of grants) {
    allowTableRead(role, options.table);
    allowPrefixedWrites(role, options.table, actions, prefixes);
    allowSecretRead(role, secrets, secretKeyArns);
  }
  allowPublish(roleOf(verifier), options.topic);

  return { verifier, recorder };
};

const roleOf = (fn: NodejsFunction): iam.IRole => {
  if (!fn.role) throw new Error(`${fn.node.path} has no execution role`);
  return fn.role;
};

export type { SentinelFunctionsOptions };
export { createSentinelFunctions };
