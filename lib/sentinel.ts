import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Target } from '../lambdas/core/target.js';
import { allowVpcNetworking } from './access.js';
import { SentinelAlarms } from './alarms.js';
import { batchTargets } from './batches.js';
import { SentinelDashboard } from './dashboard.js';
import { acknowledgeFunctionFindings } from './nag-acknowledgments.js';
import { VerifySchedule } from './schedule.js';
import { createSentinelFunctions } from './sentinel-functions.js';
import type { AlembicSentinelProps } from './sentinel-props.js';
import { createAlertTopic } from './topic.js';
import { resolveTuning, validateTargets } from './validation.js';

/**
 * alembic-sentinel in one construct: the attestation table, the verifier
 * on a schedule, the recorder for pipelines, the alert topic, a
 * dead-letter queue and three alarms, with least-privilege roles.
 */
class AlembicSentinel extends Construct {
  readonly table: dynamodb.Table;
  readonly alertTopic: sns.Topic;
  readonly deadLetterQueue: sqs.Queue;
  readonly verifier: NodejsFunction;
  readonly recorder: NodejsFunction;
  readonly schedule: VerifySchedule;
  readonly alarms: SentinelAlarms;
  /** The deployment's dashboard, unless `dashboard` is false. */
  readonly dashboard?: cloudwatch.Dashboard;
  /** Security groups of the functions; empty outside a VPC. */
  readonly securityGroups: readonly ec2.ISecurityGroup[];
  /** Validated targets, defaults applied, in configuration order. */
  readonly targets: readonly Target[];

  constructor(scope: Construct, id: string, props: AlembicSentinelProps) {
    super(scope, id);

    this.targets = validateTargets(props.targets);
    const tuning = resolveTuning(this, props);

    this.table = new dynamodb.Table(this, 'Store', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.alertTopic = createAlertTopic(this, 'Alerts', props.alertTopicKey);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the functions and the ' +
        'schedule; an alarm fires on its first message.',
    });

    this.securityGroups = props.vpc
      ? (props.securityGroups ?? [this.createSecurityGroup(props.vpc)])
      : [];

    const functions = createSentinelFunctions(this, {
      ...props,
      ...tuning,
      targets: this.targets,
      table: this.table,
      topic: this.alertTopic,
      onFailure: new SqsDestination(this.deadLetterQueue),
      securityGroups: [...this.securityGroups],
      logRetention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.verifier = functions.verifier;
    this.recorder = functions.recorder;

    for (const fn of [this.verifier, this.recorder]) {
      if (props.vpc && fn.role) allowVpcNetworking(fn.role);
      acknowledgeFunctionFindings(fn, props.vpc !== undefined);
    }

    this.schedule = new VerifySchedule(this, 'Schedule', {
      verifier: this.verifier,
      events: batchTargets(this.targets, tuning.maxTargetsPerBatch),
      rate: tuning.scheduleRate,
      deadLetterQueue: this.deadLetterQueue,
    });

    this.alarms = new SentinelAlarms(this, 'Alarms', {
      verifier: this.verifier,
      deadLetterQueue: this.deadLetterQueue,
      topic: this.alertTopic,
      deploymentName: tuning.deploymentName,
      expectedChecksPerPeriod: this.targets.length,
      period: tuning.scheduleRate,
      missedPeriodsBeforeAlarm: tuning.missedPeriodsBeforeAlarm,
    });

    if (props.dashboard !== false) {
      this.dashboard = new SentinelDashboard(this, 'Dashboard', {
        verifier: this.verifier,
        recorder: this.recorder,
        deadLetterQueue: this.deadLetterQueue,
        topic: this.alertTopic,
        deploymentName: tuning.deploymentName,
        period: tuning.scheduleRate,
      }).dashboard;
    }
  }

  /**
   * Lets `grantee` (a deploy pipeline) invoke the recorder, and nothing
   * else. A principal outside this app gets a resource-based permission.
   */
  grantRecord(grantee: iam.IGrantable): iam.Grant {
    return this.recorder.grantInvoke(grantee);
  }

  /**
   * Lets `grantee` (a pipeline gate) invoke the verifier, and nothing
   * else. An invocation is a real check: it advances the alert lifecycle
   * and may publish. A principal outside this app gets a resource-based
   * permission.
   */
  grantVerify(grantee: iam.IGrantable): iam.Grant {
    return this.verifier.grantInvoke(grantee);
  }

  private createSecurityGroup(vpc: ec2.IVpc): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, 'FunctionsSecurityGroup', {
      vpc,
      description: 'alembic-sentinel functions: AWS APIs and databases',
      allowAllOutbound: false,
    });
    group.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'AWS APIs through VPC endpoints or NAT'
    );
    const ports = new Set([5432, ...this.targets.map((t) => t.port ?? 5432)]);
    for (const port of ports) {
      group.addEgressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(port),
        `PostgreSQL on ${port}`
      );
    }
    return group;
  }
}

export { AlembicSentinel };
