import type { Duration } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { TargetInput } from '../lambdas/core/target.js';

/** Configuration of one alembic-sentinel deployment. */
interface AlembicSentinelProps {
  /**
   * The version tables to verify. Validated at synth with the same schema
   * the handlers use; each target's secret becomes readable by the
   * verifier and the recorder, and nothing else does.
   */
  readonly targets: readonly TargetInput[];

  /**
   * Value of the `Deployment` dimension of the verifier's metrics, unique
   * per deployment in an account and region.
   *
   * @default - the stack name
   */
  readonly deploymentName?: string;

  /**
   * How often every target is verified. Also the alarm period.
   *
   * @default Duration.minutes(5)
   */
  readonly scheduleRate?: Duration;

  /**
   * Most targets one verifier invocation checks (concurrently). Smaller
   * batches isolate slow databases better and cost more invocations.
   * Batches also stay under EventBridge's 8192-byte input limit.
   * Minimum 1, maximum 100.
   *
   * @default 25
   */
  readonly maxTargetsPerBatch?: number;

  /**
   * Consecutive periods with fewer completed checks than targets before
   * the dead man's switch alarms. `scheduleRate` times this must not
   * exceed one day.
   *
   * @default 3
   */
  readonly missedPeriodsBeforeAlarm?: number;

  /**
   * The VPC of the databases. The functions get an ENI in its private
   * subnets and need a route to Secrets Manager, DynamoDB and SNS
   * (VPC endpoints or NAT).
   *
   * @default - the functions run outside any VPC and reach only
   * publicly addressable databases
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets of `vpc` for the functions' network interfaces.
   *
   * @default - the private subnets with egress of `vpc`
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the functions, when `vpc` is set.
   *
   * @default - one group allowing outbound TCP 443 (AWS APIs) and the
   * targets' database ports (5432 and any `port` set on a target)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * Customer managed key that encrypts the alert topic. Its key policy
   * must let `cloudwatch.amazonaws.com` and every subscribing service use
   * it (AWS managed `aws/sns` cannot be used: alarms could not publish).
   *
   * @default - the topic is not encrypted at rest
   */
  readonly alertTopicKey?: kms.IKey;

  /**
   * ARNs of customer managed keys that encrypt the targets' secrets. Both
   * functions may decrypt with them through Secrets Manager only.
   *
   * @default - no key grants: the secrets use `aws/secretsmanager`
   */
  readonly secretKeyArns?: readonly string[];

  /**
   * Grant read access to every secret whose name starts with this prefix
   * instead of listing each target's secret. Needed beyond about 80
   * distinct secrets, where the list no longer fits in an IAM policy.
   * Every target's secret must be under the prefix.
   *
   * @default - each target's secret is listed in the policy
   */
  readonly secretNamePrefix?: string;

  /**
   * How long the functions keep a secret value before fetching it again.
   * The verifier drops a cached value on an authentication failure, so a
   * rotated password is picked up at the next check.
   *
   * @default Duration.hours(12)
   */
  readonly secretCacheTtl?: Duration;

  /**
   * Whether to reserve concurrency for the functions. Reserving needs an
   * account concurrency quota of at least 100 plus the reservations.
   *
   * @default true
   */
  readonly reserveConcurrency?: boolean;

  /**
   * Reserved concurrency of the verifier: at most this many batches run
   * at once, bounding connections to the databases and secret fetches.
   *
   * @default 5
   */
  readonly verifierConcurrency?: number;

  /**
   * Reserved concurrency of the recorder.
   *
   * @default 2
   */
  readonly recorderConcurrency?: number;

  /**
   * Verifier timeout. Must exceed one target's connect plus statement
   * timeouts plus the AWS calls of a check; targets run concurrently.
   *
   * @default Duration.seconds(30)
   */
  readonly verifierTimeout?: Duration;

  /**
   * Retention of both functions' log groups.
   *
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Lowest level of application log lines Lambda keeps. The verifier logs
   * one INFO line per check (about 2 GB a month for 1,000 targets every 5
   * minutes); WARN keeps only problems.
   *
   * @default lambda.ApplicationLogLevel.INFO
   */
  readonly logLevel?: lambda.ApplicationLogLevel;

  /**
   * Source file of the verifier handler.
   *
   * @default - `lambdas/verify.ts` in this repository
   */
  readonly verifyEntry?: string;

  /**
   * Create a CloudWatch dashboard for this deployment (about $3 a month
   * beyond the account's three free dashboards).
   * @default true
   */
  readonly dashboard?: boolean;

  /**
   * Source file of the recorder handler.
   *
   * @default - `lambdas/record.ts` in this repository
   */
  readonly recordEntry?: string;
}

export type { AlembicSentinelProps };
