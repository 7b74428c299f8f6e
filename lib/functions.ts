import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_CA_BUNDLE, SERVICE_NAME } from './constants.js';

/** Root of this repository: the esbuild project root of both handlers. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Handler source files the construct bundles unless told otherwise. */
const DEFAULT_ENTRIES = {
  verify: join(PROJECT_ROOT, 'lambdas', 'verify.ts'),
  record: join(PROJECT_ROOT, 'lambdas', 'record.ts'),
} as const;

/** Lets the ESM bundle load the CommonJS dependencies (pg) that `require`. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module';" +
  'const require = createRequire(import.meta.url);';

/** What differs between the verifier and the recorder. */
interface SentinelFunctionProps {
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly reservedConcurrentExecutions?: number;
  readonly environment: Record<string, string>;
  /** Build-time constants, e.g. the deployed targets (target-registry.ts). */
  readonly define?: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  readonly logLevel: lambda.ApplicationLogLevel;
  readonly vpc?: ec2.IVpc;
  readonly vpcSubnets?: ec2.SubnetSelection;
  readonly securityGroups?: ec2.ISecurityGroup[];
  readonly onFailure?: lambda.IDestination;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

/**
 * A Node.js 22 ARM64 function bundled by the local esbuild, with its own
 * role (no AWS managed policies) and its own log group.
 */
const createSentinelFunction = (
  scope: Construct,
  id: string,
  props: SentinelFunctionProps
): NodejsFunction => {
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `alembic-sentinel ${id} execution role`,
  });
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  logGroup.grantWrite(role);

  return new NodejsFunction(scope, id, {
    entry: props.entry,
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    description: props.description,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: props.logLevel,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    environment: {
      ...props.environment,
      NODE_EXTRA_CA_CERTS: LAMBDA_CA_BUNDLE,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    },
    vpc: props.vpc,
    vpcSubnets: props.vpc ? props.vpcSubnets : undefined,
    securityGroups: props.vpc ? props.securityGroups : undefined,
    onFailure: props.onFailure,
    retryAttempts: props.retryAttempts,
    maxEventAge: props.maxEventAge,
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      target: 'node22',
      mainFields: ['module', 'main'],
      banner: ESM_REQUIRE_BANNER,
      minify: true,
      sourceMap: true,
      externalModules: ['pg-native'],
      ...(props.define && { define: props.define }),
    },
  });
};

export type { SentinelFunctionProps };
export { createSentinelFunction, DEFAULT_ENTRIES, PROJECT_ROOT };
